"""Each task through .fn: a stage's work end to end, and a failing slide degraded."""

from pathlib import Path

from PIL import Image

from lectra.config.run import RunConfig
from tasks.audio import join_narration
from tasks.deck import deck, records
from tasks.frame import frame
from tasks.image import image
from tasks.narration import narrate
from tasks.outline import outline
from tasks.segment import segment
from tasks.video import video
from tests.conftest import make_cfg
from tests.flows.checks import frame_difference, grab_frame, probe
from tests.tasks.planned import planned


def test_every_stage_through_fn(cfg: RunConfig) -> None:
    head = outline.fn(cfg)
    assert head.provider == "offline"
    assert (cfg.out_dir / "outline.json").exists()
    plans = [planned(cfg, head.outline, i) for i in range(2)]
    assert plans[1].index == 1
    pictures = [image.fn(cfg, p, p.index) for p in plans]
    assert all(p.path is not None and p.path.exists() for p in pictures[:2])  # title's too
    voices = [narrate.fn(cfg, p, p.index) for p in plans]
    assert all(v.pages[0].duration_s > 1 and v.pages[0].path.exists() for v in voices)
    frames = [
        frame.fn(cfg, head.outline, p, img, p.index) for p, img in zip(plans, pictures, strict=True)
    ]
    assert all(path.exists() for f in frames for path in f.paths)
    assert {r.path.name for r in records.fn(cfg, head.outline, plans, pictures)} == {
        "script.json",
        "images_metadata.json",
    }
    assert deck.fn(cfg, frames, voices).path.name == "presentation.pptx"
    track = join_narration.fn(cfg, voices)
    assert abs(track.duration_s - sum(v.pages[0].duration_s for v in voices)) < 0.05
    clips = [segment.fn(cfg, f, v, f.index) for f, v in zip(frames, voices, strict=True)]
    assert clips[0].poster is not None and clips[1].poster is None
    made = video.fn(cfg, clips, track)
    assert abs(made.duration_s - track.duration_s) < 0.1
    assert [p.name for p in made.also] == ["chapters.txt", "poster.jpg"]
    # the picture is the segments': a 1920x1080 H.264 stream showing each slide's frame
    stream = probe(made.path, "-select_streams", "v", "-show_streams")["streams"][0]
    assert (stream["codec_name"], stream["width"], stream["height"]) == ("h264", 1920, 1080)
    for i, slide in enumerate(frames):
        at = sum(v.pages[0].duration_s for v in voices[:i]) + voices[i].pages[0].duration_s / 2
        shown = grab_frame(made.path, at, cfg.out_dir / f"grab-{i}.png")
        with Image.open(slide.paths[0]) as drawn:
            assert frame_difference(shown, drawn.convert("RGB")) < 2


def test_a_failing_narration_becomes_silence_with_a_warning(
    tmp_path: Path, broken_espeak: Path
) -> None:
    cfg = make_cfg(tmp_path, lang="de")  # no Piper voice for de: espeak-ng speaks
    head = outline.fn(cfg)
    plan = planned(cfg, head.outline, 1)
    result = narrate.fn(cfg, plan, 1)  # outside a flow this is the last attempt
    assert result.provider == "silence"
    assert result.pages[0].silent and result.pages[0].duration_s > 3
    assert "narration replaced by silence" in result.warnings[0]
    assert "cannot open audio device" in result.warnings[0]


def test_a_failing_image_leaves_the_slide_without_one(cfg: RunConfig) -> None:
    head = outline.fn(cfg)
    plan = planned(cfg, head.outline, 1)
    cfg.out_dir.mkdir(parents=True, exist_ok=True)
    (cfg.out_dir / "images").write_text("a file where the images folder should be")
    result = image.fn(cfg, plan, 1)
    assert result.path is None and "no image" in result.warnings[0]
    frames = frame.fn(cfg, head.outline, plan, result, 1)
    assert frames.layouts[0].picture is None  # the text takes the full width instead


def test_service_tasks_carry_no_tag_a_server_limit_would_hold_for_the_whole_task() -> None:
    # a tagged task holds a tag:<tag> slot from before its cache lookup to its end;
    # the slot is taken around the service call instead (tasks.slots)
    assert narrate.tags == set() and image.tags == set()
