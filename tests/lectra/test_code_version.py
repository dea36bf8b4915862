"""Each step's cache key carries a hash of the code it runs, found from the imports."""

import shutil
from pathlib import Path

from lectra.code_version import (
    SOURCE_ROOT,
    STAGE_MODULES,
    code_version,
    modules_of,
    reread_sources,
)

STAGES = sorted(STAGE_MODULES)


def _copy(tmp_path: Path) -> Path:
    root = tmp_path / "src"
    shutil.copytree(
        SOURCE_ROOT / "lectra", root / "lectra", ignore=shutil.ignore_patterns("__pycache__")
    )
    return root


def _changed(root: Path, edit: str) -> set[str]:
    """The stages whose code version an edit to one file changes."""
    before = {s: code_version(s, root) for s in [*STAGES, "run"]}
    path = root / edit
    path.write_text(path.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    reread_sources()
    return {s for s in before if code_version(s, root) != before[s]}


def test_a_prompt_edit_changes_the_outline_and_scripts_only(tmp_path: Path) -> None:
    assert _changed(_copy(tmp_path), "lectra/providers/prompts.py") == {"outline", "script", "run"}


def test_a_layout_edit_leaves_the_writer_voice_and_images_alone(tmp_path: Path) -> None:
    changed = _changed(_copy(tmp_path), "lectra/layout.py")
    assert {"frame", "deck", "script", "run"} <= changed  # pagination measures with the layout
    assert not {"outline", "narration", "image", "segment", "video"} & changed


def test_a_voice_edit_changes_the_narration_only(tmp_path: Path) -> None:
    changed = _changed(_copy(tmp_path), "lectra/providers/piper_voice.py")
    assert changed == {"narration", "run"}


def test_an_edit_to_the_glue_or_the_models_changes_every_step(tmp_path: Path) -> None:
    root = _copy(tmp_path)
    assert _changed(root, "lectra/steps.py") == {*STAGES, "run"}
    assert _changed(root, "lectra/models.py") == {*STAGES, "run"}


def test_closures_follow_imports_not_a_hand_kept_list() -> None:
    narration = modules_of("narration")
    assert {"lectra.pcm", "lectra.processes", "lectra.providers.speaking"} <= narration
    assert "lectra.providers.prompts" not in narration
