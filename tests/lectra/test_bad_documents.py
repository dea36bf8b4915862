"""Documents people bring are hostile until read with bounds: each bad one is one line, or the
part that can be read with a warning."""

import io
import os
import zipfile
import zlib
from pathlib import Path

import pytest
from pypdf import PdfWriter

from flows.cli import main
from lectra.documents.read import read_source
from lectra.providers.outbound import opened_for_tests
from lectra.runtime.errors import InputError
from tests.fakes.documents import PdfPage, house_picture, pdf_bytes, report_docx, report_pdf
from tests.fakes.loopback import Reply, Server, serve

pytestmark = pytest.mark.hostile


def encrypted(path: Path) -> Path:
    writer = PdfWriter(clone_from=str(report_pdf(path.with_suffix(".plain.pdf"))))
    writer.encrypt(user_password="secret", owner_password="owner", algorithm="AES-128")
    with path.open("wb") as out:
        writer.write(out)
    return path


def scanned(path: Path) -> Path:
    pages = []
    for _ in range(3):
        page = PdfPage()
        page.image(house_picture(), 72, 72, 450, 300)
        pages.append(page)
    path.write_bytes(pdf_bytes(pages, "Scan"))
    return path


def inflate_bomb(path: Path) -> Path:
    """A page whose content stream inflates to 2 GB of zeros from 9 MB."""
    packer = zlib.compressobj(1)
    chunk = b"\0" * (1 << 24)
    stream = b"".join(packer.compress(chunk) for _ in range(128)) + packer.flush()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream",
    ]
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for n, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % n + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 5\n0000000000 65535 f \n" + b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size 5 /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % xref
    path.write_bytes(bytes(out))
    return path


def zip_bomb(path: Path) -> Path:
    docx = report_docx(path.with_suffix(".plain.docx")).read_bytes()
    buffer = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(docx)) as src, zipfile.ZipFile(buffer, "w") as dst:
        for item in src.infolist():
            dst.writestr(item, src.read(item), compress_type=zipfile.ZIP_DEFLATED)
        dst.writestr("word/media/huge.bin", b"\0" * (300 << 20), compress_type=zipfile.ZIP_DEFLATED)
    path.write_bytes(buffer.getvalue())
    return path


def entity_docx(path: Path) -> Path:
    docx = report_docx(path.with_suffix(".plain.docx")).read_bytes()
    buffer = io.BytesIO()
    laughs = (
        b'<?xml version="1.0"?><!DOCTYPE w [<!ENTITY a "lol"><!ENTITY b "&a;&a;&a;&a;">]>'
        b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        b"<w:body><w:p><w:r><w:t>&b;</w:t></w:r></w:p></w:body></w:document>"
    )
    with zipfile.ZipFile(io.BytesIO(docx)) as src, zipfile.ZipFile(buffer, "w") as dst:
        for item in src.infolist():
            body = laughs if item.filename == "word/document.xml" else src.read(item)
            dst.writestr(item, body)
    path.write_bytes(buffer.getvalue())
    return path


def huge(path: Path) -> Path:
    with path.open("wb") as out:
        out.truncate(200 << 20)  # sparse: 200 MB that take no disk
    return path


CASES = [
    (encrypted, "encrypted.pdf", "encrypted; give a copy without a password"),
    (scanned, "scan.pdf", "no text layer"),
    (inflate_bomb, "bomb.pdf", "memory"),
    (zip_bomb, "bomb.docx", "unpacks to 315419321 bytes"),
    (entity_docx, "laughs.docx", "declares a DTD"),
    (huge, "huge.pdf", "bytes; the limit is"),
]


@pytest.mark.parametrize(("make", "name", "said"), CASES, ids=[c[1] for c in CASES])
def test_a_bad_document_is_one_line_naming_its_problem(
    tmp_path: Path, make: object, name: str, said: str
) -> None:
    path = make(tmp_path / name)  # type: ignore[operator]
    with pytest.raises(InputError) as refused:
        read_source(str(path), tmp_path / "cache")
    assert said in str(refused.value) and "\n" not in str(refused.value)
    assert not list((tmp_path / "cache" / "sources").glob("*/source.json"))


def test_five_thousand_pages_read_as_far_as_the_bound_and_say_so(tmp_path: Path) -> None:
    pages = []
    for n in range(5000):
        page = PdfPage()
        page.text(72, 100, 16, f"Chapter {n + 1}", bold=True)
        page.text(72, 130, 11, f"Chapter {n + 1} is about the {n % 7}th kind of tide and more.")
        pages.append(page)
    (tmp_path / "long.pdf").write_bytes(pdf_bytes(pages, "Long"))
    doc = read_source(str(tmp_path / "long.pdf"), tmp_path / "cache")
    assert doc.pages == 5000 and len(doc.sections) == 600
    assert doc.warnings == ["pages 601-5000 not read: at most 600 pages are"]


def test_not_a_document_a_folder_and_a_fifo_are_refused(tmp_path: Path) -> None:
    (tmp_path / "blob.bin").write_bytes(bytes(range(256)) * 40)
    os.mkfifo(tmp_path / "fifo.md")
    (tmp_path / "fake.pdf").write_text("not a pdf at all")
    for name, said in (
        ("blob.bin", "not a document Lectra reads"),
        ("fifo.md", "not a regular file"),
        ("fake.pdf", "not a PDF file inside"),
        (".", "not a regular file"),
    ):
        with pytest.raises(InputError, match=said):
            read_source(str(tmp_path / name), tmp_path / "cache")


def test_a_source_url_that_redirects_inward_is_refused(tmp_path: Path) -> None:
    inside = Server()
    inside.route("GET", "/secret", lambda _: Reply(body="<html><p>internal</p></html>"))
    with serve(inside) as target:
        outside = Server()
        outside.route(
            "GET", "/doc", lambda _: Reply(302, headers={"Location": f"{target.url}/secret"})
        )
        with serve(outside) as site:
            host, port = site.url.removeprefix("http://").split(":")
            with opened_for_tests(host, int(port)), pytest.raises(InputError) as refused:
                read_source(f"{site.url}/doc", tmp_path / "cache")
    assert "refused" in str(refused.value) and "loopback" in str(refused.value)
    assert not inside.requests


@pytest.mark.parametrize(("make", "name", "said"), CASES[:2], ids=[c[1] for c in CASES[:2]])
def test_the_cli_says_one_line_and_exits_2(
    tmp_path: Path,
    make: object,
    name: str,
    said: str,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(tmp_path)
    path = make(tmp_path / name)  # type: ignore[operator]
    code = main(["--source", str(path), "--output-dir", str(tmp_path / "outputs")])
    err = capsys.readouterr().err.strip().splitlines()
    assert code == 2 and len(err) == 1 and said in err[0], err
    assert [p.name for p in (tmp_path / "outputs").iterdir()] == [".cache"]  # no project
