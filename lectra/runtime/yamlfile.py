"""YAML files a user gives, read with bounds: no aliases, no duplicate keys, shallow nesting."""

from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node

from lectra.runtime.errors import InputError
from lectra.runtime.files import read_bounded

MAX_YAML_BYTES = 256 * 1024
MAX_DEPTH = 12


class _BoundedLoader(yaml.SafeLoader):
    """PyYAML's safe loader refusing what makes a small file large or ambiguous."""

    depth = 0

    def compose_node(self, parent: Node | None, index: Any) -> Node | None:
        if self.check_event(yaml.AliasEvent):
            # an alias repeats a node: a sub-1 KB file of nested aliases expands to millions
            raise yaml.YAMLError("aliases (*name) are not allowed")
        self.depth += 1
        try:
            if self.depth > MAX_DEPTH:
                raise yaml.YAMLError(f"nested deeper than {MAX_DEPTH} levels")
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1

    def construct_mapping(self, node: MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: set[Any] = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=True)
            try:
                duplicate = key in seen
            except TypeError:  # an unhashable key: the base loader names it
                break
            if duplicate:
                raise yaml.YAMLError(f"the key {key!r} is given twice")
            seen.add(key)
        return super().construct_mapping(node, deep=deep)


def load_yaml(path: Path, what: str, max_bytes: int = MAX_YAML_BYTES) -> Any:
    """The data in a YAML file; InputError naming the file and the first problem."""
    raw = read_bounded(path, max_bytes, what)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise InputError(f"{what} {path} is not UTF-8 text") from None
    loader = _BoundedLoader(text)
    try:
        return loader.get_single_data()
    except yaml.YAMLError as exc:
        first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise InputError(f"{what} {path} is not usable YAML: {first}") from None
    finally:
        loader.dispose()
