"""Blocks hold settings below the environment and the CLI; the key stays secret."""

import pytest
from prefect.client.schemas.schedules import CronSchedule

from blocks.settings import BLOCK_TYPES, ImageBlock, VoiceBlock, WriterBlock, block_settings
from deployments.serve import declared, deployments
from lectra.config.settings import BLOCK_FIELDS, LectraSettings, load_settings


def test_precedence_is_parameter_then_named_block_then_environment_then_default(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    block = {"writer": "ollama", "ollama_model": "qwen2.5", "voice_engine": "edge"}
    monkeypatch.setenv("LECTRA_WRITER", "offline")
    monkeypatch.setenv("LECTRA_OLLAMA_URL", "http://10.0.0.9:11434")
    settings = load_settings(block, voice_engine="espeak")
    assert settings.voice_engine == "espeak"  # parameter over block
    assert settings.writer == "ollama"  # the block the run names over the environment
    assert settings.ollama_url == "http://10.0.0.9:11434"  # environment over default
    assert settings.image_source == "auto"  # default


def test_a_block_is_checked_when_it_is_built_and_names_its_bad_field() -> None:
    with pytest.raises(ValueError, match="writer"):
        WriterBlock(writer="olama")
    with pytest.raises(ValueError, match="voice: 'robot' is not an edge-tts voice"):
        VoiceBlock(voice="robot")
    with pytest.raises(ValueError, match="espeak_speed"):
        VoiceBlock(espeak_speed=10)
    # its URL may come from elsewhere
    assert WriterBlock(writer="openai").settings() == {"writer": "openai"}


def test_each_block_carries_exactly_the_settings_the_table_gives_it() -> None:
    """One place per setting: a block's fields, types and descriptions are the settings'."""
    for kind, fields in BLOCK_FIELDS.items():
        block = BLOCK_TYPES[kind]
        assert list(block.model_fields) == list(fields)
        for name in fields:
            setting = LectraSettings.model_fields[name]
            assert block.model_fields[name].description == setting.description
    carried = [f for fields in BLOCK_FIELDS.values() for f in fields]
    assert len(carried) == len(set(carried))  # no setting in two blocks


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


def test_served_deployments_are_the_ones_prefect_yaml_declares() -> None:
    served = {d.name: d for d in deployments()}
    specs = {d["name"]: d for d in declared()}
    assert list(served) == list(specs)
    on_demand, weekly, yaml_weekly = served["on-demand"], served["weekly"], specs["weekly"]
    assert not on_demand.schedules and on_demand.parameters == specs["on-demand"]["parameters"]
    assert weekly.schedules
    schedule = weekly.schedules[0].schedule
    assert isinstance(schedule, CronSchedule)
    assert (schedule.cron, schedule.timezone) == ("0 7 * * 1", "UTC")
    assert weekly.parameters == yaml_weekly["parameters"]
    assert weekly.parameters["writer_block"] == "default"
