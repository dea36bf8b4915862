"""Cache records are data: tagged JSON of Lectra's models, read only through the check."""

import json
import os
from pathlib import Path
from typing import Any

import pytest
from prefect._internal.result_records import ResultRecord, ResultRecordMetadata
from prefect.client.orchestration import SyncPrefectClient
from prefect.exceptions import ObjectNotFound
from prefect.serializers import JSONSerializer, PickleSerializer

from lectra.models import OutputFile, SlidePlan, SlideScript, StepResult
from lectra.pipeline.report import Span, Step
from tasks.records import (
    MAX_RECORD_BYTES,
    SERIALIZER,
    UnusableRecord,
    load_record,
    read_record_file,
    record_storage,
)
from tasks.replay import RunRecord


class Payload:
    """What an attacker plants: unpickling it writes a file."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[object, tuple[str]]:
        return (exec, (f"open({str(self.marker)!r}, 'w').close()",))


def record_of(value: object, serializer: object = SERIALIZER) -> bytes:
    metadata = ResultRecordMetadata(serializer=serializer, storage_key="k")
    return ResultRecord(metadata=metadata, result=value).serialize()


def plan() -> SlidePlan:
    script = SlideScript(index=1, title="Tides", bullets=["Moon"], notes="The moon pulls.")
    return SlidePlan(script=script, pages=[], files={"/x/frames/a.png": "ab" * 32}, root="/x")


def test_results_come_back_as_the_same_models_subclasses_included(tmp_path: Path) -> None:
    step = Step(
        task="script-1", stage="script", results=[plan()], span=Span(started_at=1, seconds=2)
    )
    values: list[object] = [
        plan(),
        [OutputFile(path=tmp_path / "deck.pptx"), OutputFile(path=tmp_path / "n.mp3")],
        RunRecord(steps=[step]),
    ]
    for value in values:
        path = tmp_path / "record"
        path.write_bytes(record_of(value))
        assert load_record(path) == value
    back = load_record(path)
    assert isinstance(back.steps[0].results[0], SlidePlan)  # not flattened to StepResult


def test_a_failure_is_kept_as_its_name_and_message(tmp_path: Path) -> None:
    from lectra.runtime.errors import VoiceError

    path = tmp_path / "record"
    path.write_bytes(record_of(VoiceError("speech server: HTTP 503")))
    back = load_record(path)
    assert isinstance(back, VoiceError) and str(back) == "speech server: HTTP 503"
    path.write_bytes(record_of(ValueError("bad")))
    assert str(load_record(path)) == "ValueError: bad"


def test_a_pickle_record_is_refused_unread(tmp_path: Path) -> None:
    marker = tmp_path / "ran"
    planted = tmp_path / "record"
    for form in (
        record_of(Payload(marker), PickleSerializer()),
        json.dumps({"serializer": {"type": "pickle"}, "data": "gASVAA=="}).encode(),  # old form
        __import__("pickle").dumps(Payload(marker)),
    ):
        planted.write_bytes(form)
        with pytest.raises(UnusableRecord):
            load_record(planted)
    assert not marker.exists()


def test_other_serializers_and_unknown_models_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "record"
    decoder = JSONSerializer(object_decoder="os.system")
    path.write_bytes(record_of({"a": 1}, decoder))
    with pytest.raises(UnusableRecord, match="another serializer"):
        load_record(path)
    forged = json.loads(record_of(StepResult()))
    forged["result"] = json.dumps({"$model": "os.system", "command": "true"})
    path.write_text(json.dumps(forged))
    with pytest.raises(UnusableRecord, match="unknown model"):
        load_record(path)


def test_links_fifos_and_huge_records_are_not_read(tmp_path: Path) -> None:
    good = tmp_path / "good"
    good.write_bytes(record_of(StepResult()))
    link = tmp_path / "link"
    link.symlink_to(good)
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    huge = tmp_path / "huge"
    with huge.open("wb") as handle:
        handle.truncate(MAX_RECORD_BYTES + 1)
    for path in (link, fifo, huge):
        with pytest.raises(UnusableRecord):
            read_record_file(path)
    assert load_record(good) == StepResult()


def test_the_record_folder_saves_when_another_process_registered_it_meanwhile(
    prefect_server: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    record_storage(tmp_path / "first")  # the block type is on the server now
    real = SyncPrefectClient.read_block_type_by_slug
    missed: list[bool] = []

    def not_yet(self: SyncPrefectClient, *args: Any, **kwargs: Any) -> object:
        if not missed:  # as when another worker's run creates it between the read and the create
            missed.append(True)
            raise ObjectNotFound(http_exc=Exception("not found"))
        return real(self, *args, **kwargs)

    monkeypatch.setattr(SyncPrefectClient, "read_block_type_by_slug", not_yet)
    storage = record_storage(tmp_path / "second")
    assert missed == [True]
    assert storage.basepath == str(tmp_path / "second")
