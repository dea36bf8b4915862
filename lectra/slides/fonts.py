"""The fonts each script is drawn with here, and the fonts the PPTX names for Windows and macOS.

The PPTX names fonts every PowerPoint has (Arial, and the system fonts of each script's slot);
the frames are drawn with fonts of the same metrics where one exists (Liberation Sans is
metric-compatible with Arial), and with Noto for CJK and Devanagari, whose glyphs keep the
same advance widths in any font of those scripts.
"""

import os
import re
import shutil
import subprocess
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

from PIL import ImageFont

from lectra.runtime.errors import ToolMissingError


@dataclass(frozen=True)
class FontSpec:
    """One script's local font files and the faces the PPTX names for it."""

    latin: str  # the PPTX's Latin typeface: for CJK the script's own face, which has Latin
    # letters too; Devanagari's has none, so Latin text in it is drawn in the Latin font
    regular: str  # local file drawn here
    bold: str
    package: str  # the Debian package that ships the files
    family: str  # the family fontconfig knows the local files by (burnt-in subtitles)
    east_asian: str = ""  # the PPTX's East Asian typeface, for CJK
    complex_script: str = ""  # the PPTX's complex-script typeface, for Devanagari
    ttc_face: str = ""  # the face inside a .ttc collection
    phrases: str = ""  # the language whose phrases its lines keep whole (BudouX)


FONTS: dict[str, FontSpec] = {
    "latin": FontSpec(
        "Arial",
        "LiberationSans-Regular.ttf",
        "LiberationSans-Bold.ttf",
        "fonts-liberation2",
        "Liberation Sans",
    ),
    "devanagari": FontSpec(
        "Arial",
        "NotoSansDevanagari-Regular.ttf",
        "NotoSansDevanagari-Bold.ttf",
        "fonts-noto-core",
        "Noto Sans Devanagari",
        complex_script="Nirmala UI",
    ),
    "cjk-sc": FontSpec(
        "Microsoft YaHei",
        "NotoSansCJK-Regular.ttc",
        "NotoSansCJK-Bold.ttc",
        "fonts-noto-cjk",
        "Noto Sans CJK SC",
        east_asian="Microsoft YaHei",
        ttc_face="SC",
        phrases="zh",
    ),
    "cjk-jp": FontSpec(
        "Yu Gothic",
        "NotoSansCJK-Regular.ttc",
        "NotoSansCJK-Bold.ttc",
        "fonts-noto-cjk",
        "Noto Sans CJK JP",
        east_asian="Yu Gothic",
        ttc_face="JP",
        phrases="ja",
    ),
    "cjk-kr": FontSpec(
        "Malgun Gothic",
        "NotoSansCJK-Regular.ttc",
        "NotoSansCJK-Bold.ttc",
        "fonts-noto-cjk",
        "Noto Sans CJK KR",
        east_asian="Malgun Gothic",
        ttc_face="KR",
    ),
}
SEARCH_DIRS = [Path("/usr/share/fonts"), Path("/usr/local/share/fonts"), Path.home() / ".fonts"]
# fontconfig aliases that make LibreOffice here draw the PPTX's faces with the frames' fonts
FONTCONFIG = Path(__file__).with_name("data") / "fonts.conf"
FACE = "face:"  # a font key naming a template's typeface: 'face:Calibri'
# Devanagari, with the marks and spaces between its words: Noto Sans Devanagari has no Latin
# letters, so other text in a Devanagari run is drawn in the Latin font, as Office's slots do
_DEVANAGARI = re.compile(
    r"[\u0900-\u097F\uA8E0-\uA8FF\u1CD0-\u1CFF]+(?:[\s\u200c\u200d\u0964\u0965,;:!?.\-]*"
    r"[\u0900-\u097F\uA8E0-\uA8FF\u1CD0-\u1CFF]+)*[\u0964\u0965]?"
)


def slot_runs(text: str, key: str) -> list[tuple[str, str]]:
    """text cut where its characters change font slot: (font key, piece) pairs."""
    if key != "devanagari":
        return [(key, text)]
    out, pos = [], 0
    for match in _DEVANAGARI.finditer(text):
        if match.start() > pos:
            out.append(("latin", text[pos : match.start()]))
        out.append((key, match.group()))
        pos = match.end()
    if pos < len(text):
        out.append(("latin", text[pos:]))
    return out


def text_length(key: str, size_px: int, bold: bool, text: str) -> float:
    """The width text is drawn at: each slot's piece in its own font."""
    return sum(load_font(k, size_px, bold).getlength(piece) for k, piece in slot_runs(text, key))


# what LibreOffice counts as Asian script: Hangul, CJK, kana, CJK and fullwidth punctuation
_ASIAN = re.compile(
    "[\u1100-\u11ff\u2e80-\u9fff\ua960-\ua97f\uac00-\ud7ff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef]"
)


def script_changes(text: str, before: str = "") -> int:
    """Where text, following before, switches between Asian and other script; spaces take
    the script before them, as in LibreOffice."""
    count, prev = 0, None
    for n, ch in enumerate(before + text):
        if ch.isspace():
            continue
        asian = bool(_ASIAN.match(ch))
        if prev is not None and asian != prev and n >= len(before):
            count += 1
        prev = asian
    return count


@lru_cache(maxsize=256)
def autospace(key: str, size_px: int, bold: bool) -> float:
    """The space LibreOffice adds at each switch between Asian and other script in an East
    Asian font's text (a fifth of the line's height; PowerPoint adds none); 0 for others."""
    if not font_spec(key).east_asian:
        return 0.0
    ascent, descent = load_font(key, size_px, bold).getmetrics()
    return (ascent + descent) / 5


def face_key(typeface: str, lang_font: str) -> str:
    """The font key for a template's typeface in a language: the typeface for Latin-script
    languages, the language's own font otherwise (a template's face rarely has its glyphs)."""
    return f"{FACE}{typeface}" if lang_font == "latin" and typeface else lang_font


@cache
def _matched(typeface: str, bold: bool) -> tuple[str, str]:
    """The file and family fontconfig draws a typeface with here, as LibreOffice does (with
    Lectra's aliases: Arial is Liberation Sans, Calibri is Carlito)."""
    fc_match = shutil.which("fc-match")
    if fc_match:
        env = os.environ | {"FONTCONFIG_FILE": str(FONTCONFIG)}
        pattern = f"{typeface}:bold" if bold else typeface
        done = subprocess.run(
            [fc_match, "-f", "%{file}|%{family[0]}", pattern],
            capture_output=True,
            text=True,
            env=env,
            timeout=30,
            check=False,
        )
        file, _, family = done.stdout.partition("|")
        if done.returncode == 0 and Path(file).is_file():
            return file, family
    spec = FONTS["latin"]
    return str(_find_file(spec.bold if bold else spec.regular, None)), spec.family


def font_spec(key: str) -> FontSpec:
    """The faces of a font key: a script's built-in one, or a template's typeface."""
    if not key.startswith(FACE):
        return FONTS[key]
    typeface = key.removeprefix(FACE)
    regular, family = _matched(typeface, False)
    return FontSpec(typeface, regular, _matched(typeface, True)[0], "", family)


@cache
def _find_file(name: str, extra_dir: str | None) -> Path:
    dirs = ([Path(extra_dir)] if extra_dir else []) + SEARCH_DIRS
    for folder in dirs:
        if folder.is_dir():
            for hit in folder.rglob(name):
                return hit
    package = next(f.package for f in FONTS.values() if name in (f.regular, f.bold))
    raise ToolMissingError(f"font {name} not found; install it with: apt-get install {package}")


@cache
def _face_index(path: Path, face: str) -> int:
    for index in range(16):
        try:
            font = ImageFont.truetype(str(path), 12, index=index)
        except OSError:
            break
        if face in (font.getname()[0] or "").split():
            return index
    return 0


@lru_cache(maxsize=256)
def load_font(
    key: str, size_px: int, bold: bool = False, extra_dir: str | None = None
) -> ImageFont.FreeTypeFont:
    """A Pillow font for a key at a pixel size; ToolMissingError if its file is missing."""
    font = font_spec(key)
    name = font.bold if bold else font.regular
    path = Path(name) if name.startswith("/") else _find_file(name, extra_dir)
    index = _face_index(path, font.ttc_face) if font.ttc_face else 0
    return ImageFont.truetype(str(path), size_px, index=index)
