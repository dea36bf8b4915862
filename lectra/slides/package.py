"""A template's package made safe to render and copy: no external link, macro, OLE object or
ActiveX control, no DTD or entity in any XML part, every picture bounded in bytes and pixels."""

import posixpath
import re
import zipfile
from dataclasses import dataclass, field
from io import BytesIO
from typing import Any

from lxml import etree
from PIL import Image

from lectra.runtime.errors import InputError

MAX_UNPACKED_BYTES = 300 * 1024 * 1024  # a zip bomb stops here, before any part is parsed
MAX_PARTS = 5000
MAX_PICTURE_BYTES = 30 * 1024 * 1024
MAX_PICTURE_PIXELS = 40_000_000  # as a downloaded picture's limit
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
MAIN = "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml"
RETYPED = (  # a template, or a macro-enabled deck or template: the plain presentation it is
    "application/vnd.openxmlformats-officedocument.presentationml.template.main+xml",
    "application/vnd.ms-powerpoint.presentation.macroEnabled.main+xml",
    "application/vnd.ms-powerpoint.template.macroEnabled.main+xml",
    "application/vnd.ms-powerpoint.slideshow.macroEnabled.main+xml",
)
# what a deck never needs from a template and what can run code or reach out
ACTIVE = re.compile(r"/(vbaProject|vbaData|oleObject|activeXControl(Binary)?|control|package)$")
ACTIVE_PARTS = re.compile(r"(^|/)vba\w*\.(bin|xml)$|^ppt/(activeX|embeddings)/", re.I)
ACTIVE_TYPES = re.compile(r"vbaProject|vbaData|oleObject|activeX|macroEnabled", re.I)
WHOLE = {"oleObj", "control", "graphicFrame", "AlternateContent"}  # removed with what holds them
XML_ENDINGS = (".xml", ".rels")
TYPES = "[Content_Types].xml"
PARSER = etree.XMLParser(
    resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False, remove_pis=False
)


@dataclass
class CleanPackage:
    """The package's bytes once made safe, and what was taken out of it (for the report)."""

    data: bytes
    dropped: dict[str, int] = field(default_factory=dict)

    def notes(self, name: str) -> list[str]:
        """One warning naming everything taken out, or none."""
        if not self.dropped:
            return []
        said = ", ".join(f"{count} {what}" for what, count in sorted(self.dropped.items()))
        return [f"template {name}: left out {said} (a deck carries none of them)"]


def parsed(name: str, part: str, body: bytes) -> Any:
    """A part's XML tree, parsed without DTD, entities or network; InputError when damaged."""
    if b"<!DOCTYPE" in body:  # refused before libxml2 reads a declaration of it
        raise InputError(f"{name}: {part} is damaged XML (it declares a DTD)")
    try:
        tree = etree.parse(BytesIO(body), PARSER)
    except etree.XMLSyntaxError as exc:
        raise InputError(f"{name}: {part} is damaged XML ({exc.msg[:80]})") from None
    if tree.docinfo.internalDTD is not None:
        raise InputError(f"{name}: {part} is damaged XML (it declares a DTD)")
    return tree.getroot()


def _source(rels: str) -> str:
    """The part a .rels file speaks for ('' for the package's own)."""
    folder, base = posixpath.split(rels)
    return posixpath.join(posixpath.dirname(folder), base.removesuffix(".rels"))


def _target(source: str, target: str) -> str:
    if target.startswith("/"):
        return target.lstrip("/")
    return posixpath.normpath(posixpath.join(posixpath.dirname(source), target))


class _Cleaner:
    """One template's parts, read once, cleaned in place."""

    def __init__(self, name: str, data: bytes) -> None:
        self.name = name
        self.dropped: dict[str, int] = {}
        try:
            with zipfile.ZipFile(BytesIO(data)) as archive:
                infos = archive.infolist()
                if len(infos) > MAX_PARTS:
                    raise InputError(f"{name} has {len(infos)} parts; the limit is 5000")
                unpacked = sum(i.file_size for i in infos)
                if unpacked > MAX_UNPACKED_BYTES:
                    mb = unpacked >> 20
                    raise InputError(f"{name} unpacks to {mb} MB; the limit is 300")
                self.parts = {i.filename: archive.read(i) for i in infos if not i.is_dir()}
                self.dates = {i.filename: i.date_time for i in infos}
        except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, ValueError):
            raise InputError(f"{name} is not a PPTX file") from None
        if "ppt/presentation.xml" not in self.parts:
            raise InputError(f"{name} is not a PowerPoint presentation")

    def note(self, what: str) -> None:
        self.dropped[what] = self.dropped.get(what, 0) + 1

    def clean(self) -> CleanPackage:
        rels: dict[str, Any] = {}  # the small trees kept for what follows; others checked alone
        for part, body in self.parts.items():
            if part.endswith(XML_ENDINGS):
                tree = parsed(self.name, part, body)
                if part.endswith(".rels") or part == TYPES:
                    rels[part] = tree
        types = rels.pop(TYPES, None)
        gone = {p for p in self.parts if ACTIVE_PARTS.search(p)}
        for path, root in rels.items():  # what an active relationship points at goes too
            for rel in root:
                if ACTIVE.search(rel.get("Type", "")) and rel.get("TargetMode") != "External":
                    gone.add(_target(_source(path), rel.get("Target", "")))
        for part in sorted(gone & set(self.parts)):
            self.note("macro, OLE and ActiveX parts")
            del self.parts[part]
        for path, root in rels.items():
            if path in self.parts:
                self._cut_links(path, root, gone)
        self._retype(types if types is not None else parsed(self.name, TYPES, b""), gone)
        self._check_pictures()
        self._check_themes(rels)
        out = BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as copy:
            for part, body in self.parts.items():  # dated as they were: the same bytes each time
                entry = zipfile.ZipInfo(part, self.dates.get(part, (1980, 1, 1, 0, 0, 0)))
                copy.writestr(entry, body, zipfile.ZIP_DEFLATED)
        return CleanPackage(out.getvalue(), self.dropped)

    def _cut_links(self, path: str, root: Any, gone: set[str]) -> None:
        """Drop a part's external and active relationships, and what in it uses them."""
        source, cut = _source(path), set()
        for rel in list(root):
            external = rel.get("TargetMode") == "External"
            active = ACTIVE.search(rel.get("Type", ""))
            if external or active or _target(source, rel.get("Target", "")) in gone:
                self.note("external links" if external else "links to macros or objects")
                cut.add(rel.get("Id"))
                root.remove(rel)
        if not cut:
            return
        self.parts[path] = etree.tostring(root, xml_declaration=True, encoding="UTF-8")
        if source in self.parts and source.endswith(".xml"):
            self.parts[source] = _without_ids(parsed(self.name, source, self.parts[source]), cut)

    def _retype(self, root: Any, gone: set[str]) -> None:
        """Content types: the main part a plain presentation, nothing left for a dropped part."""
        for entry in list(root):
            kind = entry.get("ContentType", "")
            if kind in RETYPED:
                entry.set("ContentType", MAIN)
            elif ACTIVE_TYPES.search(kind) or entry.get("PartName", "").lstrip("/") in gone:
                root.remove(entry)
        self.parts[TYPES] = etree.tostring(
            root, xml_declaration=True, encoding="UTF-8", standalone=True
        )

    def _check_pictures(self) -> None:
        for part, body in self.parts.items():
            if not part.startswith("ppt/media/"):
                continue
            if len(body) > MAX_PICTURE_BYTES:
                mb = len(body) >> 20
                raise InputError(f"{self.name}: {part} is {mb} MB; the limit is 30")
            if part.lower().endswith(".svg"):
                _check_svg(self.name, part, parsed(self.name, part, body))
                continue
            too_large = f"{self.name}: {part} is too large a picture"
            try:
                with Image.open(BytesIO(body)) as picture:  # its header alone is read
                    width, height = picture.size
            except Image.DecompressionBombError:
                raise InputError(f"{too_large} (over 178 megapixels; the limit is 40)") from None
            except Exception:  # audio, video or a format Pillow does not read: bytes bound it
                continue
            if width * height > MAX_PICTURE_PIXELS:
                mp = width * height / 1e6
                raise InputError(
                    f"{too_large} ({width}x{height}, {mp:.0f} megapixels; the limit is 40)"
                )

    def _check_themes(self, rels: dict[str, Any]) -> None:
        """Every slide master has its theme (the deck's colours and fonts come from it)."""
        for part in self.parts:
            if not re.fullmatch(r"ppt/slideMasters/[^/]+\.xml", part):
                continue
            path = posixpath.join("ppt/slideMasters/_rels", posixpath.basename(part) + ".rels")
            root = rels.get(path)
            themes = [r for r in (root if root is not None else []) if _is_theme(r)]
            if not any(_target(part, r.get("Target", "")) in self.parts for r in themes):
                raise InputError(f"{self.name}: {part} has no theme part")


def _is_theme(rel: Any) -> bool:
    return str(rel.get("Type", "")).endswith("/theme")


def _without_ids(root: Any, cut: set[str]) -> bytes:
    """A part's XML with everything that names a cut relationship taken out."""
    for element in list(root.iter()):
        if not isinstance(element.tag, str):
            continue
        named = [k for k, v in element.attrib.items() if k.startswith(f"{{{R_NS}}}") and v in cut]
        if not named:
            continue
        local = etree.QName(element).localname
        if local == "blip":  # the picture's own link: the shape stays, drawn without it
            for key in named:
                del element.attrib[key]
            continue
        doomed = element
        if local in WHOLE:
            for above in element.iterancestors():
                if etree.QName(above).localname in WHOLE:
                    doomed = above
        parent = doomed.getparent()
        if parent is not None:
            parent.remove(doomed)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _check_svg(name: str, part: str, root: Any) -> None:
    """An SVG picture refers to nothing outside itself."""
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        for key, value in element.attrib.items():
            if key.endswith("href") and not value.strip().startswith(("#", "data:")):
                raise InputError(f"{name}: {part} links to {value[:60]!r}")


def clean_package(data: bytes, name: str, what: str = "template") -> CleanPackage:
    """The package (a template, or a deck to narrate) with nothing active or external left in
    it; InputError naming what and the problem when it is no PPTX, too large unpacked,
    damaged, or holds a picture too large."""
    label = f"{what} {name}"
    if data[:8] == bytes.fromhex("d0cf11e0a1b11ae1"):
        raise InputError(f"{label} is encrypted or an old .ppt; save it as .pptx")
    return _Cleaner(label, data).clean()
