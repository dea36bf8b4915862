"""The course CLI, python -m flows.course: a course file, or a topic and a number of lectures."""

import argparse
import sys
import traceback

from prefect.settings import get_current_settings

from flows.cli import prefect_api
from flows.course import course
from flows.server import choose_api
from lectra.course import course_spec, markdown
from lectra.runtime.errors import InputError, LectraError


def build_parser() -> argparse.ArgumentParser:
    """The course's options; the decks' own options are in the course file."""
    p = argparse.ArgumentParser(
        prog="python -m flows.course",
        description="Build every deck of a course, with course.json and index.html.",
    )
    p.add_argument("file", nargs="?", help="A course YAML file: a mapping with a 'decks:' list.")
    p.add_argument("--topic", help="A course topic the writer plans into lectures.")
    p.add_argument("--lectures", type=int, help="How many lectures to plan for --topic.")
    p.add_argument("--output-dir", help="Folder that receives the course folder.")
    p.add_argument(
        "--decks-at-once", type=int, default=2, help="Decks in flight at once (with workers)."
    )
    p.add_argument("--deployment", help="The deck deployment (default presentation/on-demand).")
    p.add_argument("--debug", action="store_true", help="Show tracebacks of expected failures.")
    return p


def main(argv: list[str] | None = None) -> int:
    """Run the course: 0 when every deck completed, 1 when one failed, 2 on bad input."""
    try:
        args = build_parser().parse_args(argv)
    except SystemExit as exc:
        return int(exc.code or 0)
    try:
        course_spec(args.file, args.topic, args.lectures)  # checked before Prefect starts
    except LectraError as exc:
        print(f"lectra: error: {exc}", file=sys.stderr)
        return 2
    api = choose_api(get_current_settings().api.url or "")
    print(f"lectra: {api.why}", file=sys.stderr)
    given = {k: v for k, v in vars(args).items() if k != "debug" and v is not None}
    try:
        with prefect_api(api, args.debug):
            state = course(**given, return_state=True)
    except RuntimeError as exc:  # Prefect's words when its API cannot be reached
        print(f"lectra: error: {str(exc).split('.')[0]}", file=sys.stderr)
        return 1
    try:
        index = state.result()
    except LectraError as exc:
        if args.debug:
            traceback.print_exc()
        print(f"lectra: error: {exc}", file=sys.stderr)
        return 2 if isinstance(exc, InputError) else 1
    print(markdown(index))
    print(f"\nCourse: {index.folder}/index.html")
    return 0
