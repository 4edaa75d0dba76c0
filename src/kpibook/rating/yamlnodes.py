"""Line numbers of nested keys in a YAML file, for problems that say where."""

from __future__ import annotations

from collections.abc import Sequence

import yaml


def line_index(text: str) -> dict[tuple[str, ...], int]:
    """1-based line of every mapping key and sequence item, by its path of keys/indices."""
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        return {}
    index: dict[tuple[str, ...], int] = {}

    def walk(node: yaml.Node | None, path: tuple[str, ...]) -> None:
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                if isinstance(key, yaml.ScalarNode):
                    here = (*path, str(key.value))
                    index.setdefault(here, key.start_mark.line + 1)
                    walk(value, here)
        elif isinstance(node, yaml.SequenceNode):
            for i, item in enumerate(node.value):
                here = (*path, str(i))
                index.setdefault(here, item.start_mark.line + 1)
                walk(item, here)

    walk(root, ())
    return index


def line_of(index: dict[tuple[str, ...], int], path: Sequence[object]) -> int:
    """Line of the deepest known prefix of ``path`` (1 if none is known)."""
    parts = tuple(str(p) for p in path)
    while parts:
        if parts in index:
            return index[parts]
        parts = parts[:-1]
    return 1
