"""Every language's lines as LibreOffice sets them, against the frames.

    python -m bench.languages --lang en --lang ko --lang ja

builds the realistic 8-slide deck in each language (the loopback model; espeak-ng speaks),
renders its PPTX with LibreOffice and prints, per language: frame lines that LibreOffice set
differently, pixels of ink outside the layout's boxes, lines cut with '…', the narration's
length and the faces pdffonts lists. Without --lang, all eight.
"""

import argparse
import subprocess
import tempfile
from pathlib import Path

from PIL import Image

from lectra.text.languages import LANGUAGES
from tests.lectra.office import ink_outside, office_lines, office_pages, squeezed
from tests.lectra.realistic_deck import build


def figures(root: Path, lang: str) -> dict[str, object]:
    """One language's figures."""
    deck = build(root / lang, lang)
    pages = office_pages(deck.pptx, root / lang / "office")
    pdf = pages[0].parent / deck.pptx.with_suffix(".pdf").name
    listed = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True).stdout
    faces = sorted({row.split()[0].split("+")[-1] for row in listed.splitlines()[2:]})
    layouts = [layout for frames in deck.frames for layout in frames.layouts]
    differ, outside, cut = [], 0, 0
    for n, (layout, theirs, page) in enumerate(zip(layouts, office_lines(pdf), pages, strict=True)):
        lines = [line for block in layout.texts for para in block.paragraphs for line in para]
        cut += sum("…" in line for line in lines)
        differ += [(n, line) for line in lines if squeezed(line) not in theirs]
        office = Image.open(page).convert("RGB").crop((0, 0, layout.width, layout.height))
        outside += ink_outside(office, layout, deck.cfg.design.backdrop(layout.style))
    spoken = sum(audio.duration_s for n in deck.narrations for audio in n.pages)
    return {
        "lang": lang,
        "pages": len(layouts),
        "lines_differ": len(differ),
        "ink_outside_px": outside,
        "cut_lines": cut,
        "narration_min": round(spoken / 60, 1),
        "faces": faces,
        "first_differences": differ[:3],
    }


def main() -> None:
    """Print each language's figures, one line each."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lang", action="append", choices=list(LANGUAGES))
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        for lang in args.lang or list(LANGUAGES):
            print(figures(Path(tmp), lang), flush=True)


if __name__ == "__main__":
    main()
