"""Templates are hostile until cleaned: links, macros, OLE, XML bombs and huge pictures."""

import io
import struct
import time
import zipfile
import zlib
from pathlib import Path

import pptx
import pytest
from PIL import Image, ImageChops

from flows.cli import main
from lectra.runtime.errors import InputError
from lectra.slides.package import MAX_PICTURE_PIXELS, clean_package
from tests.fakes.loopback import Reply, Server, answer, serve

pytestmark = pytest.mark.hostile
DEFAULT = Path(pptx.__file__).parent / "templates" / "default.pptx"
MASTER = "ppt/slideMasters/slideMaster1.xml"
MASTER_RELS = "ppt/slideMasters/_rels/slideMaster1.xml.rels"
THEME = "ppt/theme/theme1.xml"
LAYOUT = "ppt/slideLayouts/slideLayout1.xml"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
VBA_TYPE = "http://schemas.microsoft.com/office/2006/relationships/vbaProject"
MACRO_MAIN = "application/vnd.ms-powerpoint.presentation.macroEnabled.main+xml"
PLAIN_MAIN = "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml"


def parts_of(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def packed(parts: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, body in parts.items():
            archive.writestr(name, body)
    return out.getvalue()


def rel(rid: str, kind: str, target: str, external: bool = False) -> bytes:
    mode = ' TargetMode="External"' if external else ""
    return f'<Relationship Id="{rid}" Type="{kind}" Target="{target}"{mode}/>'.encode()


def with_rels(parts: dict[str, bytes], path: str, *added: bytes) -> None:
    parts[path] = parts[path].replace(b"</Relationships>", b"".join(added) + b"</Relationships>")


def picture(rid: str, attribute: str = "r:link") -> bytes:
    """A full-page picture on the master, its blip named by rid."""
    return (
        f'<p:pic><p:nvPicPr><p:cNvPr id="90" name="art"/><p:cNvPicPr/><p:nvPr/></p:nvPicPr>'
        f'<p:blipFill><a:blip {attribute}="{rid}"/><a:stretch><a:fillRect/></a:stretch>'
        f'</p:blipFill><p:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="9144000" cy="6858000"/>'
        f'</a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></p:spPr></p:pic>'
    ).encode()


def linked(url: str, secret: Path) -> bytes:
    """The default template with master pictures at an outside URL and a local file, and a
    hyperlink out."""
    parts = parts_of(DEFAULT.read_bytes())
    kind = f"{R}/image"
    with_rels(
        parts,
        MASTER_RELS,
        rel("rId90", kind, f"{url}/art.png", external=True),
        rel("rId91", kind, secret.as_uri(), external=True),
        rel("rId92", f"{R}/hyperlink", f"{url}/click", external=True),
    )
    art = picture("rId90") + picture("rId91", "r:embed")
    parts[MASTER] = parts[MASTER].replace(b"</p:spTree>", art + b"</p:spTree>", 1)
    return packed(parts)


def with_macros(variant: str) -> bytes:
    """A deck holding a VBA project: a .pptm, a .pptx with its relationship, a bare part, or
    with an ActiveX control too."""
    parts = parts_of(DEFAULT.read_bytes())
    parts["ppt/vbaProject.bin"] = b"\xd0\xcf\x11\xe0 Attribute VB_Name = AutoOpen"
    types = parts["[Content_Types].xml"]
    types = types.replace(
        b"</Types>",
        b'<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/></Types>',
    )
    if variant == "pptm":
        types = types.replace(PLAIN_MAIN.encode(), MACRO_MAIN.encode())
    parts["[Content_Types].xml"] = types
    if variant != "bare":
        with_rels(
            parts, "ppt/_rels/presentation.xml.rels", rel("rId99", VBA_TYPE, "vbaProject.bin")
        )
    if variant == "activex":
        parts["ppt/activeX/activeX1.xml"] = b'<ax:ocx xmlns:ax="x" ax:classid="{1}"/>'
        with_rels(parts, MASTER_RELS, rel("rId98", f"{R}/control", "../activeX/activeX1.xml"))
        control = b'<p:controls><p:control r:id="rId98" name="c" spid="90"/></p:controls>'
        parts[MASTER] = parts[MASTER].replace(b"</p:cSld>", b"</p:cSld>" + control, 1)
    return packed(parts)


def png_header(width: int, height: int) -> bytes:
    """A PNG that says it is width x height: a few bytes, a huge picture once decoded."""
    ihdr = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    chunk = b"IHDR" + ihdr
    body = struct.pack(">I", 13) + chunk + struct.pack(">I", zlib.crc32(chunk))
    idat = zlib.compress(bytes(4096))
    body += (
        struct.pack(">I", len(idat))
        + b"IDAT"
        + idat
        + struct.pack(">I", zlib.crc32(b"IDAT" + idat))
    )
    return b"\x89PNG\r\n\x1a\n" + body


def with_picture(data: bytes) -> bytes:
    parts = parts_of(DEFAULT.read_bytes())
    parts["ppt/media/huge.png"] = data
    if b'Extension="png"' not in parts["[Content_Types].xml"]:
        png = b'<Default Extension="png" ContentType="image/png"/>'
        parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace(
            b"</Types>", png + b"</Types>"
        )
    with_rels(parts, MASTER_RELS, rel("rId90", f"{R}/image", "../media/huge.png"))
    parts[MASTER] = parts[MASTER].replace(
        b"</p:spTree>", picture("rId90", "r:embed") + b"</p:spTree>", 1
    )
    return packed(parts)


LAUGHS = (
    b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    + b"".join(
        f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">'.encode()
        for i in range(1, 10)
    )
    + b']><a:theme xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main">&lol9;</a:theme>'
)
EXTERNAL_ENTITY = (
    b'<?xml version="1.0"?><!DOCTYPE t [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
    b'<a:theme xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main">&x;</a:theme>'
)
DEEP = (
    b"<a:theme xmlns:a='http://schemas.openxmlformats.org/drawingml/2006/main'>"
    + b"<a:x>" * 5000
    + b"</a:x>" * 5000
    + b"</a:theme>"
)


def with_part(name: str, body: bytes | None) -> bytes:
    parts = parts_of(DEFAULT.read_bytes())
    if body is None:  # the part and the master's relationship to it
        del parts[name]
        parts[MASTER_RELS] = _without_theme(parts[MASTER_RELS])
    else:
        parts[name] = body
    return packed(parts)


def _without_theme(rels: bytes) -> bytes:
    pieces = rels.split(b"<Relationship ")
    return b"<Relationship ".join(p for p in pieces if b"relationships/theme" not in p)


def dtd_layout() -> bytes:
    parts = parts_of(DEFAULT.read_bytes())
    parts[LAYOUT] = parts[LAYOUT].replace(
        b"?>", b'?><!DOCTYPE p:sldLayout [<!ENTITY e "text">]>', 1
    )
    return packed(parts)


BOMBS = {
    "billion laughs": (lambda: with_part(THEME, LAUGHS), "declares a DTD"),
    "external entity": (lambda: with_part(THEME, EXTERNAL_ENTITY), "declares a DTD"),
    "5,000 deep": (lambda: with_part(THEME, DEEP), "is damaged XML"),
    "no theme": (lambda: with_part(THEME, None), "has no theme part"),
    "a DTD in a layout": (dtd_layout, "slideLayout1.xml is damaged XML (it declares a DTD)"),
    "900 megapixels": (
        lambda: with_picture(png_header(30000, 30000)),
        "too large a picture (over 178 megapixels; the limit is 40)",
    ),
}


@pytest.mark.parametrize("case", sorted(BOMBS))
def test_a_damaged_or_huge_template_is_one_line_exit_2_before_anything_runs(
    case: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    make, said = BOMBS[case]
    path = tmp_path / "hostile.pptx"
    path.write_bytes(make())
    code = main(["Solar", "--template", str(path), "--output-dir", str(tmp_path / "out")])
    lines = capsys.readouterr().err.strip().splitlines()
    assert code == 2 and len(lines) == 1 and said in lines[0], lines
    assert not (tmp_path / "out").exists()


def test_a_picture_over_the_pixel_limit_is_refused_with_its_size() -> None:
    with pytest.raises(InputError, match=r"\(8000x6000, 48 megapixels; the limit is 40\)"):
        clean_package(with_picture(png_header(8000, 6000)), "art.pptx")


def test_a_picture_under_the_pixel_limit_is_kept() -> None:
    small = io.BytesIO()
    Image.new("RGB", (400, 300), "teal").save(small, "PNG")
    clean = clean_package(with_picture(small.getvalue()), "art.pptx")
    assert "ppt/media/huge.png" in parts_of(clean.data) and not clean.dropped
    assert MAX_PICTURE_PIXELS < 30000 * 30000


@pytest.mark.parametrize("variant", ["pptm", "pptx", "bare", "activex"])
def test_macros_and_controls_never_reach_the_package(variant: str) -> None:
    clean = clean_package(with_macros(variant), f"macros.{variant}")
    parts = parts_of(clean.data)
    assert not [p for p in parts if "vba" in p.lower() or "activex" in p.lower()]
    text = b"".join(parts.values())
    assert b"macroEnabled" not in text and b"vbaProject" not in text and b"p:control " not in text
    assert PLAIN_MAIN.encode() in parts["[Content_Types].xml"]
    assert clean.notes("macros.pptx") and "left out" in clean.notes("macros.pptx")[0]
    pptx.Presentation(io.BytesIO(clean.data))  # still a presentation python-pptx opens


def test_a_clean_template_comes_back_as_it_was() -> None:
    clean = clean_package(DEFAULT.read_bytes(), "default.pptx")
    assert (
        not clean.dropped and parts_of(clean.data).keys() == parts_of(DEFAULT.read_bytes()).keys()
    )


def test_an_svg_picture_that_links_out_is_refused() -> None:
    svg = b'<svg xmlns="http://www.w3.org/2000/svg"><image href="file:///etc/passwd"/></svg>'
    with pytest.raises(InputError, match="links to 'file:///etc/passwd'"):
        clean_package(with_picture(svg).replace(b"huge.png", b"huge.svg"), "svg.pptx")


@pytest.mark.slow
def test_a_linked_template_builds_a_deck_that_links_to_nothing_and_fetches_nothing(
    prefect_server: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from flows.presentation import presentation

    secret = tmp_path / "secret.png"
    Image.new("RGB", (64, 64), "red").save(secret)
    art = io.BytesIO()
    Image.new("RGB", (64, 64), "red").save(art, "PNG")
    with serve(Server()) as web:
        web.route("GET", "/", answer(Reply(200, art.getvalue(), "image/png")))
        template = tmp_path / "linked.pptm"
        template.write_bytes(linked(web.url, secret))
        monkeypatch.setenv("LECTRA_OUTPUT_DIR", str(tmp_path / "out"))
        report = presentation(topic="Tidal Power", slides=1, video=False, template=str(template))
        assert web.requests == []  # LibreOffice fetched nothing
    deck = parts_of((tmp_path / "out" / "tidal-power" / "presentation.pptx").read_bytes())
    assert not [n for n, b in deck.items() if b'TargetMode="External"' in b or b"file://" in b]
    assert any("left out" in w and "external links" in w for w in report.warnings)
    frames = sorted((tmp_path / "out" / "tidal-power" / "frames").glob("*.png"))
    with Image.open(frames[0]) as first:  # the red secret is drawn nowhere
        red, green, blue = first.convert("RGB").split()
        only_red = ImageChops.multiply(
            red.point(lambda v: 255 if v > 200 else 0),
            ImageChops.invert(ImageChops.lighter(green, blue)).point(
                lambda v: 255 if v > 205 else 0
            ),
        )
    assert only_red.getbbox() is None


def test_a_template_cleans_to_the_same_bytes_every_time() -> None:
    """The design's hash, part of every slide's cache key, is the cleaned package's."""
    template = with_macros("pptm")
    first = clean_package(template, "m.pptm").data
    time.sleep(2.1)  # a zip's clock ticks in 2 s steps
    assert clean_package(template, "m.pptm").data == first
