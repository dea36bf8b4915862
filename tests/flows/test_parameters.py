"""One parameter model: the flow's signature, its run form and the CLI agree with it."""

import inspect
from typing import get_args, get_type_hints

from prefect.utilities.callables import parameter_schema

from flows.cli import NEGATED, RENAMED, SWITCHES, build_parser
from flows.parameters import DeckParameters
from flows.presentation import presentation
from lectra.text.languages import LANGUAGES, LangCode


def test_the_flow_signature_is_the_model() -> None:
    signature = inspect.signature(presentation.fn)
    fields = DeckParameters.model_fields
    hints = get_type_hints(DeckParameters, include_extras=True)
    assert list(signature.parameters) == list(fields)
    for name, param in signature.parameters.items():
        assert param.annotation == hints[name], name
        assert (param.default is param.empty) == fields[name].is_required(), name


def test_the_run_form_describes_every_parameter_and_offers_choices_and_block_pickers() -> None:
    schema = parameter_schema(presentation).model_dump()
    props = schema["properties"]
    assert all(p.get("description") for p in props.values())
    choices = {name: p["anyOf"][0].get("enum") for name, p in props.items() if "anyOf" in p}
    assert choices["writer"] == ["auto", "offline", "ollama", "openai"]
    assert choices["lang"] == list(LANGUAGES)
    assert props["video"]["anyOf"][0]["type"] == "boolean"
    slugs = {d.get("block_type_slug") for d in schema["definitions"].values()} - {None}
    assert slugs == {"lectra-writer", "lectra-voice", "lectra-images", "lectra-deck"}
    # a script given in the form: the deck's title, and each slide's title, bullets and notes
    assert {"title", "bullets", "notes"} <= set(schema["definitions"]["SlideScript"]["properties"])
    assert props["writer_block"]["anyOf"][0]["$ref"] == "#/definitions/WriterBlock"


def test_the_cli_offers_every_parameter_with_the_same_words() -> None:
    text = " ".join(build_parser().format_help().split())
    for name, field in DeckParameters.model_fields.items():
        # script_file is what --script FILE passes: the CLI offers the file as --script
        if name not in ("topic", "script_file") and not name.endswith("_block"):
            flag = SWITCHES.get(name) or RENAMED.get(name) or f"--{name.replace('_', '-')}"
            assert flag in text, name
            # a --no- switch says what leaving the thing out does; the UI's checkbox, the thing
            said = NEGATED[name] if flag.startswith("--no-") else field.description or ""
            assert " ".join(said.split()) in text, name
    assert "--no-video" in text and "--no-embed-audio" in text and "--burn-subtitles" in text
    assert "--writer-block NAME" in text


def test_language_choices_are_the_languages() -> None:
    assert set(get_args(LangCode)) == set(LANGUAGES)
