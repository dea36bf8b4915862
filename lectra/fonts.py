"""Font files for each script Lectra draws, found once and cached."""

from functools import cache, lru_cache
from pathlib import Path

from PIL import ImageFont

from lectra.errors import ToolMissingError

# key -> (family name written into the PPTX, regular file, bold file, face name inside a .ttc)
FONT_FILES: dict[str, tuple[str, str, str, str]] = {
    "dejavu": ("DejaVu Sans", "DejaVuSans.ttf", "DejaVuSans-Bold.ttf", ""),
    "devanagari": ("Lohit Devanagari", "Lohit-Devanagari.ttf", "Lohit-Devanagari.ttf", ""),
    "cjk-sc": ("Noto Sans CJK SC", "NotoSansCJK-Regular.ttc", "NotoSansCJK-Bold.ttc", "SC"),
    "cjk-jp": ("Noto Sans CJK JP", "NotoSansCJK-Regular.ttc", "NotoSansCJK-Bold.ttc", "JP"),
    "cjk-kr": ("Noto Sans CJK KR", "NotoSansCJK-Regular.ttc", "NotoSansCJK-Bold.ttc", "KR"),
}
_PACKAGES = {"dejavu": "fonts-dejavu-core", "devanagari": "fonts-lohit-deva"}
SEARCH_DIRS = [Path("/usr/share/fonts"), Path("/usr/local/share/fonts"), Path.home() / ".fonts"]


def family(key: str) -> str:
    """The family name of a font key, as office apps know it."""
    return FONT_FILES[key][0]


@cache
def _find_file(name: str, extra_dir: str | None) -> Path:
    dirs = ([Path(extra_dir)] if extra_dir else []) + SEARCH_DIRS
    for folder in dirs:
        if folder.is_dir():
            for hit in folder.rglob(name):
                return hit
    key = next((k for k, v in FONT_FILES.items() if name in v), "cjk")
    package = _PACKAGES.get(key, "fonts-noto-cjk")
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
    _, regular, bold_name, face = FONT_FILES[key]
    path = _find_file(bold_name if bold else regular, extra_dir)
    index = _face_index(path, face) if face else 0
    return ImageFont.truetype(str(path), size_px, index=index)
