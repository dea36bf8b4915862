"""Blocks hold settings below the environment and the CLI; the key stays secret."""

import pytest

from blocks.settings import ImageBlock, VoiceBlock, WriterBlock, block_settings
from deployments.serve import deployments
from lectra.settings import load_settings


def test_precedence_is_cli_then_environment_then_block_then_default(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    block = {"writer": "ollama", "ollama_model": "qwen2.5", "voice_engine": "edge"}
    monkeypatch.setenv("LECTRA_WRITER", "offline")
    settings = load_settings(block, voice_engine="espeak")
    assert settings.writer == "offline"  # environment over block
    assert settings.voice_engine == "espeak"  # CLI over block
    assert settings.ollama_model == "qwen2.5"  # block over default
    assert settings.image_source == "auto"  # default


def test_saved_blocks_load_by_name_with_the_key_kept_secret(prefect_server: None) -> None:
    key = "sk-block-secret-77"
    WriterBlock(writer="openai", openai_base_url="http://h/v1", openai_api_key=key).save(
        "team", overwrite=True
    )
    VoiceBlock(voice_engine="edge", voice="en-GB-SoniaNeural").save("team", overwrite=True)
    ImageBlock(image_candidates=3).save("team", overwrite=True)
    merged = block_settings({"writer": "team", "voice": "team", "images": "team", "x": None})
    assert merged["voice"] == "en-GB-SoniaNeural" and merged["image_candidates"] == 3
    settings = load_settings(merged)
    assert settings.openai_api_key is not None
    assert settings.openai_api_key.get_secret_value() == key
    assert key not in repr(settings) and key not in str(merged)


def test_served_deployments_carry_their_schedule_and_parameters() -> None:
    on_demand, weekly = deployments()
    assert on_demand.name == "on-demand-served" and not on_demand.schedules
    assert weekly.schedules and weekly.schedules[0].schedule.cron == "0 7 * * 1"
    assert weekly.parameters["writer_block"] == "default"
