"""The CLI, python -m flows.presentation: options built from the flow's parameter model."""

import argparse
import sys
import time
import traceback
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Literal, NoReturn, get_args, get_origin

import httpx
from prefect.settings import (
    PREFECT_API_URL,
    get_current_settings,
    temporary_settings,
)
from prefect.settings import PREFECT_SERVER_ANALYTICS_ENABLED as ANALYTICS
from prefect.settings import (
    PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS as EPHEMERAL_STARTUP,
)
from prefect.settings import PREFECT_SERVER_LOGGING_LEVEL as SERVER_LOG_LEVEL

from flows.artifacts import run_link
from flows.console import api_failure, one_line_failures
from flows.parameters import BLOCK_PARAMETERS, DeckParameters
from flows.presentation import presentation
from flows.review import draft_script
from flows.server import ApiChoice, choose_api, start_temporary_server
from lectra.config.run import check_storage, chosen_design, project_dirs, requested
from lectra.config.settings import ReviewWhen, load_settings
from lectra.documents.read import is_url
from lectra.models import project_of
from lectra.pipeline.deckscript import read_script
from lectra.pipeline.report import markdown
from lectra.runtime.errors import InputError, LectraError
from lectra.runtime.memory import limit_malloc_arenas
from lectra.runtime.runlock import ensure_free

STARTUP_TIMEOUT_S = 120
SWITCHES = {
    "video": "--no-video",
    "embed_audio": "--no-embed-audio",
    "burn_subtitles": "--burn-subtitles",
    "wait": "--wait",
    "grounding": "--grounding",
    "refresh": "--refresh",
}
RENAMED = {"redo_slides": "--redo-slide", "sources": "--source"}  # a flag given once per value
# a --no- switch says what leaving the thing out does (the field describes the thing itself)
NEGATED = {
    "video": "Make no video.mp4 (it is rendered by default).",
    "embed_audio": "Keep the narration out of presentation.pptx, for a light deck (by default "
    "each slide's narration is embedded and plays as the slide shows).",
}


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: error: {message}\n")


def _plain_type(annotation: Any) -> Any:
    """The type inside Optional[...]: int, str, or a Literal of choices."""
    args = [a for a in get_args(annotation) if a is not type(None)]
    return args[0] if args else annotation


def build_parser() -> argparse.ArgumentParser:
    """One option per DeckParameters field, its help the field's description."""
    p = _Parser(
        prog="lectra",
        description="Turn a topic into a narrated PPTX, narration, slide timings and a video. "
        "Options left out fall through to LECTRA_* variables, then the defaults.",
    )
    for name, field in DeckParameters.model_fields.items():
        text = field.description or ""
        if name == "topic":
            p.add_argument("topic", nargs="?", help=f"{text} (default with --script: its title)")
        elif name == "script":
            p.add_argument("--script", metavar="FILE", help=text)
        elif name == "script_file":  # what --script FILE becomes: the run reads the file
            continue
        elif name == "narrate":
            p.add_argument("--narrate", metavar="FILE", help=text)
        elif name == "sources":
            p.add_argument(
                "--source",
                dest=name,
                metavar="FILE|URL",
                action="append",
                help=f"{text} Repeatable.",
            )
        elif name == "review":
            p.add_argument(
                "--review",
                nargs="?",
                const="scripts",
                choices=list(get_args(get_args(ReviewWhen)[0])),
                metavar="WHEN",
                help=f"{text} --review alone: scripts.",
            )
        elif name == "redo_slides":
            p.add_argument(
                RENAMED[name], dest=name, metavar="N", type=int, action="append", help=text
            )
        elif name in SWITCHES:
            flag = SWITCHES[name]
            keep = "store_false" if flag.startswith("--no-") else "store_true"
            said = NEGATED[name] if flag.startswith("--no-") else text
            p.add_argument(flag, dest=name, action=keep, default=None, help=said)
        elif name in BLOCK_PARAMETERS:
            p.add_argument(
                f"--{name.replace('_', '-')}",
                metavar="NAME",
                help=f"{text.split(',')[0]} to load by name (needs a Prefect server).",
            )
        else:
            kind = _plain_type(field.annotation)
            choices = list(get_args(kind)) if get_origin(kind) is Literal else None
            p.add_argument(
                f"--{name.replace('_', '-')}",
                dest=name,
                type=int if kind is int else str,
                choices=choices,
                help=text,
            )
    p.add_argument(
        "--resume",
        action="store_true",
        help="Build the deck from the script.md a --review left in its project folder "
        "(as edited since).",
    )
    p.add_argument(
        "--debug",
        action="store_true",
        help="Show the traceback of an expected failure too (Prefect's logs always keep it).",
    )
    return p


def absolute_source(given: str) -> str:
    """A --source as the run reads it: a URL as it is, a path made absolute."""
    return given if is_url(given) else str(Path(given).expanduser().absolute())


def _undecodable(given: dict[str, Any]) -> str | None:
    """The first option whose value came from bytes that are not UTF-8."""
    for name, value in given.items():
        if isinstance(value, str) and any(0xDC80 <= ord(ch) <= 0xDCFF for ch in value):
            return name
    return None


@contextmanager
def prefect_api(api: ApiChoice, debug: bool) -> Iterator[None]:
    """Flows called inside report to api's server, or to a temporary one started here that
    cannot outlive this process; expected failures print as one line unless debug."""
    # Two temporary servers starting at once on 2 cores took more than Prefect's 20 s, and one
    # stopped mid-flush logged a traceback after a run that had succeeded.
    # Offline, the temporary server's telemetry call fails and logs an error on every run.
    temporary = {
        EPHEMERAL_STARTUP: STARTUP_TIMEOUT_S,
        SERVER_LOG_LEVEL: "CRITICAL",
        ANALYTICS: False,
    }
    server = {PREFECT_API_URL: api.url} if api.url else temporary
    with temporary_settings(updates=server), one_line_failures(debug):
        if not api.url:
            start_temporary_server(STARTUP_TIMEOUT_S)
        yield


def reviewed_file(given: dict[str, Any]) -> Path:
    """The script.md a review left in the project's folder (--resume)."""
    if not given.get("project") and not given.get("topic"):
        raise InputError("--resume needs the deck's topic or --project")
    settings = load_settings(output_dir=given.get("output_dir"))
    if settings.output_url:
        raise InputError("--resume reads a local folder; download the script and use --script")
    return settings.output_dir / (given.get("project") or project_of(given["topic"])) / "script.md"


def review_in_a_file(given: dict[str, Any]) -> dict[str, Any]:
    """Draft the outline, the scripts or both in turn into the project's script.md; on a
    terminal, wait for the person to edit it each time and return the parameters that build
    it; elsewhere say how to go on ({})."""
    when = given["review"]
    rest = {k: v for k, v in given.items() if k not in {"review", "slides"}}
    for stage in ("outline", "scripts") if when == "both" else (when,):
        path = draft_script(DeckParameters.checked(**given), outline_only=stage == "outline")
        what = "outline" if stage == "outline" else "script"
        print(f"lectra: the {what} is ready to review: {path}", file=sys.stderr)
        if stage == "outline":
            print(
                "lectra: a slide with nothing under its heading is written from its title",
                file=sys.stderr,
            )
        if not sys.stdin.isatty():
            project = given.get("project") or project_of(given["topic"])
            then = " --review scripts" if stage == "outline" and when == "both" else ""
            print(
                f"lectra: edit it, then build the deck: python -m flows.presentation --resume "
                f"--project {project}{then}",
                file=sys.stderr,
            )
            return {}
        input("Edit it, then press Enter to go on (Ctrl-C stops here): ")
        read_script(Path(path))  # as edited: a problem is one line before the run
        given = rest | {"script_file": path}
    return given


def main(argv: list[str] | None = None) -> int:
    """Run the CLI: 0 on success, 2 on bad input, 1 when a step fails."""
    limit_malloc_arenas()  # before any task thread starts
    try:
        args = build_parser().parse_args(argv)
    except SystemExit as exc:  # argparse exits after --help (0) or a usage error (2)
        return int(exc.code or 0)
    debug, resume = args.__dict__.pop("debug"), args.__dict__.pop("resume")
    given = {k: v for k, v in vars(args).items() if v is not None}
    try:  # checked before Prefect starts; the named blocks are loaded in the run
        if bad := _undecodable(given):
            raise InputError(f"{bad.replace('_', ' ')} is not valid UTF-8 text")
        if resume:
            given["script"] = str(reviewed_file(given))
        script = None
        if "script" in given:  # checked here, passed by reference: the run reads the file
            path = Path(given.pop("script")).expanduser().absolute()
            script = read_script(path)
            given.setdefault("topic", script.outline.title)
            given["script_file"] = str(path)
        if "sources" in given:  # the run reads them where it runs: absolute paths
            given["sources"] = [absolute_source(s) for s in given["sources"]]
        if "narrate" in given:
            given["narrate"] = str(Path(given["narrate"]).expanduser().absolute())
        if "topic" not in given and "sources" not in given and "narrate" not in given:
            raise InputError(
                "give a topic, a document to make the deck from (--source FILE), "
                "or a script to build (--script FILE)"
            )
        params = DeckParameters.checked(**given).model_copy(update={"script": script})
        settings, request = requested(params)  # blocks: in the run
        chosen_design(settings)  # a template that cannot make a deck, before Prefect starts
        check_storage(settings)  # a bucket that is not there, before anything is built
        if not settings.wait:
            ensure_free(project_dirs(request, settings)[0])
        api = choose_api(get_current_settings().api.url or "")  # probed once the input is good
        named = [f"--{b.replace('_', '-')}" for b in BLOCK_PARAMETERS if b in given]
        if named and not api.url:
            raise InputError(
                f"{named[0]} needs a Prefect server to load blocks from, and none is running "
                "(`make server` starts one, or set PREFECT_API_URL)"
            )
    except LectraError as exc:
        print(f"lectra: error: {exc}", file=sys.stderr)
        return 2
    began = time.perf_counter()
    print(f"lectra: {api.why}", file=sys.stderr)
    try:
        with prefect_api(api, debug):
            if given.get("review", "off") != "off" and not api.url:  # no UI for a pause: a file
                given = review_in_a_file(given)
                if not given:
                    return 0
            state = presentation(**given, return_state=True)
            link = run_link(state.state_details.flow_run_id)  # None without a server
    except httpx.HTTPError as exc:  # still failing after the client's retries (429, 503)
        print(f"lectra: error: {api_failure(exc)}", file=sys.stderr)
        return 1
    except RuntimeError as exc:  # Prefect's words when its API cannot be reached
        first = str(exc).split(". ")[0].rstrip(".")  # a URL's dots are not a sentence's end
        print(f"lectra: error: {first}; `make server` keeps one running", file=sys.stderr)
        return 1
    try:
        report = state.result()
    except (LectraError, httpx.HTTPError) as exc:
        if debug:
            traceback.print_exc()
        said = api_failure(exc) if isinstance(exc, httpx.HTTPError) else str(exc)
        print(f"lectra: error: {said}", file=sys.stderr)
        return 2 if isinstance(exc, InputError) else 1
    print(markdown(report))
    print(f"\nDone in {time.perf_counter() - began:.1f} s: {report.output_dir}")
    if link:
        print(f"Flow run: {link}")
    return 0
