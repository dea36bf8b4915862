"""The child process that parses one document, held to a memory and CPU limit of its own.

python -m lectra.documents.worker KIND INPUT FOLDER NAME SHA MEMORY_MB SECONDS
writes FOLDER/source.json; a document Lectra cannot read ends it with one line on stderr.
"""

import resource
import sys
import time
from pathlib import Path

from lectra.documents.model import Document
from lectra.runtime.errors import InputError
from lectra.runtime.files import write_json

REFUSED = "lectra-refused: "  # the stderr line of a document refused, before its reason


def parse(kind: str, source: Path, folder: Path, name: str, sha: str, seconds: float) -> Document:
    """The document in source, its figures written into folder."""
    if kind == "pdf":
        from lectra.documents.pdf import read_pdf

        return read_pdf(source, folder, name, sha, time.monotonic() + seconds * 0.8)
    data = source.read_bytes()
    if kind in {"docx", "pptx"}:
        from lectra.documents.office import read_docx, read_pptx

        return (read_docx if kind == "docx" else read_pptx)(data, folder, name, sha)
    text = data.decode("utf-8-sig", errors="replace")
    if kind == "html":
        from lectra.documents.markup import read_html

        return read_html(text, name, sha)
    from lectra.documents.markup import read_text

    return read_text(text, name, sha, "markdown" if kind == "markdown" else "text")


def main(argv: list[str]) -> int:
    """Parse as argv says; 0 when source.json is written, 3 when the document is refused."""
    kind, source, folder, name, sha, memory_mb, seconds = argv
    limit = int(memory_mb) * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    cpu = int(float(seconds)) + 1
    resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 1))
    try:
        document = parse(kind, Path(source), Path(folder), name, sha, float(seconds))
    except InputError as exc:
        print(REFUSED + str(exc).replace("\n", " ")[:300], file=sys.stderr)
        return 3
    except MemoryError:
        print(REFUSED + f"{name}: reading it took over {memory_mb} MB of memory", file=sys.stderr)
        return 3
    except RecursionError:
        print(REFUSED + f"{name}: nested too deeply to read", file=sys.stderr)
        return 3
    except Exception as exc:  # a parser's own failure on a damaged file
        print(REFUSED + f"{name}: damaged, not readable ({type(exc).__name__})", file=sys.stderr)
        return 3
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
    document = document.model_copy(update={"peak_mb": peak})
    write_json(Path(folder) / "source.json", document.model_dump(mode="json"))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
