"""A run's plan: its parameters validated, its providers chosen, the server's limits applied."""

from prefect import get_run_logger

from blocks.settings import block_settings
from flows.parameters import DeckParameters, with_script
from lectra.config.run import RunConfig, run_config
from tasks.image import TAG as IMAGES_TAG
from tasks.narration import TAG as TTS_TAG
from tasks.script import TAG as WRITER_TAG
from tasks.slots import limit_name, server_limit


def with_server_limits(cfg: RunConfig) -> RunConfig:
    """The config with the server's limits, and a warning for each cap one lowers."""
    limits, notes = {}, []
    capped = (
        (IMAGES_TAG, cfg.max_concurrent_images, cfg.images.remote),
        (TTS_TAG, cfg.max_concurrent_tts, cfg.voice.remote),
        (WRITER_TAG, cfg.writer.parallel, cfg.writer.remote),
    )
    for tag, cap, remote in capped:
        limit = server_limit(tag) if remote else None  # local work takes no server slot
        if limit is None:
            continue
        limits[tag] = limit
        if limit < cap:
            notes.append(
                f"{tag}: {cap} calls at once asked, the server's '{limit_name(tag)}' limit allows "
                f"{limit} (prefect gcl update {limit_name(tag)} --limit {cap} raises it)"
            )
    return cfg.model_copy(update={"server_limits": limits, "warnings": [*cfg.warnings, *notes]})


def plan_run(params: DeckParameters) -> RunConfig:
    """Validate the parameters and pick the providers, checking reachability for 'auto'."""
    params = with_script(params)  # a script passed by reference, read here
    cfg = with_server_limits(run_config(params, block_settings(params.blocks())))
    log = get_run_logger()
    for stage, name in cfg.providers.items():
        log.info("%s: %s (%s)", stage, name, cfg.reasons[stage])
    for note in cfg.warnings:
        log.warning(note)
    return cfg
