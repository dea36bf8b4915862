"""Each step's cache key carries a hash of the code it runs, found from the imports: an edit
redoes only the stages that run the edited code."""

import shutil
from pathlib import Path

from lectra.cache.code_version import SOURCE_ROOT, code_version, modules_of, reread_sources
from lectra.pipeline.stages import RUN, STAGES
from lectra.providers.images import IMAGES
from lectra.providers.voices import VOICES
from lectra.providers.writers import WRITERS

ALL = [*STAGES, RUN]
# the engines a run of each kind uses: a local one and a served one of each
ENGINES = {
    "offline": (WRITERS["offline"], VOICES["piper"], IMAGES["generated"]),
    "served": (WRITERS["ollama"], VOICES["edge"], IMAGES["ddg"]),
}
SLIDE_DRAWING = [
    "lectra/slides/fonts.py",
    "lectra/slides/textfit.py",
    "lectra/slides/bodyfit.py",
    "lectra/slides/layout.py",
    "lectra/slides/render_frame.py",
    "lectra/slides/render_pptx.py",
    "lectra/slides/pptx_audio.py",
]
PAID = {"outline", "script", "narration"}  # a model's answers and a voice's audio


def _copy(tmp_path: Path) -> Path:
    root = tmp_path / "src"
    shutil.copytree(
        SOURCE_ROOT / "lectra", root / "lectra", ignore=shutil.ignore_patterns("__pycache__")
    )
    return root


def _versions(root: Path, kind: str) -> dict[str, str]:
    engines = ENGINES[kind]
    return {s: code_version(s, tuple(e for e in engines if _used(s, e)), root) for s in ALL}


def _used(stage: str, engine: str) -> bool:
    """True if stage takes its results from engine's kind (lectra.pipeline.stages.engines)."""
    kinds = {"outline": WRITERS, "script": WRITERS, "narration": VOICES, "image": IMAGES}
    return stage == RUN or engine in kinds.get(stage, {}).values()


def _changed(root: Path, *edits: str, kind: str = "offline") -> set[str]:
    """The stages whose code version the edits (a comment appended to each file) change."""
    before = _versions(root, kind)
    for edit in edits:
        path = root / edit
        path.write_text(path.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    reread_sources()
    return {s for s, v in _versions(root, kind).items() if v != before[s]}


def test_a_prompt_edit_changes_the_outline_and_scripts_only(tmp_path: Path) -> None:
    changed = _changed(_copy(tmp_path), "lectra/providers/writers/prompts.py", kind="served")
    assert changed == {"outline", "script", RUN}


def test_editing_every_slide_drawing_module_redoes_no_paid_stage(tmp_path: Path) -> None:
    for kind in ENGINES:
        changed = _changed(_copy(tmp_path / kind), *SLIDE_DRAWING, kind=kind)
        assert {"pages", "frame", "deck", RUN} <= changed
        assert not PAID & changed, kind


def test_sentence_splitting_is_the_writers_and_voices_not_the_layouts(tmp_path: Path) -> None:
    changed = _changed(_copy(tmp_path), "lectra/text/sentences.py", kind="served")
    assert {"script", "narration", "pages"} <= changed
    assert not {"frame", "deck", "image"} & changed


def test_a_voice_edit_changes_the_narration_only(tmp_path: Path) -> None:
    assert _changed(_copy(tmp_path), "lectra/providers/voices/piper.py") == {"narration", RUN}


def test_an_engine_edit_leaves_the_other_engines_results_alone(tmp_path: Path) -> None:
    assert _changed(_copy(tmp_path), "lectra/providers/voices/edge.py") == set()
    assert _changed(_copy(tmp_path / "b"), "lectra/providers/images/ddg.py") == set()


def test_changing_which_engine_a_name_maps_to_redoes_that_stage(tmp_path: Path) -> None:
    changed = _changed(_copy(tmp_path), "lectra/providers/voices/__init__.py")
    assert changed == {"narration", RUN}


def test_an_edit_to_a_stage_module_or_the_models(tmp_path: Path) -> None:
    root = _copy(tmp_path)
    assert _changed(root, "lectra/pipeline/narration.py") == {"narration", RUN}
    assert _changed(root, "lectra/models.py") == set(ALL)


def test_closures_follow_imports_not_a_hand_kept_list() -> None:
    narration = modules_of("narration", engines=(VOICES["espeak"],))
    assert {
        "lectra.media.pcm",
        "lectra.runtime.processes",
        "lectra.providers.voices.speaking",
        "lectra.text.sentences",
    } <= narration
    assert not {
        m for m in narration if m.startswith(("lectra.slides.", "lectra.providers.writers"))
    }


def test_every_stage_names_code_that_exists_and_stages_before_it() -> None:
    for stage in STAGES.values():
        assert all((SOURCE_ROOT / (m.replace(".", "/") + ".py")).is_file() for m in stage.code)
        assert set(stage.after) <= set(STAGES)
        assert list(STAGES).index(stage.name) > max(
            (list(STAGES).index(a) for a in stage.after), default=-1
        )
