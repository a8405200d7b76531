"""Reading editors' YAML files with line numbers, and reporting problems as ``file:line``.

PyYAML's safe loader is extended in two ways that editors need:

* every mapping and sequence remembers the line of each of its keys and items, so a
  problem found later (an unknown page, a text too long) can name the line to fix;
* a key written twice in one mapping is an error, not a silent overwrite.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal, TypeVar

import yaml

Severity = Literal["error", "warning"]
T = TypeVar("T")


class Position(int):
    """A line number (1-based) that also knows its column, for ``file:line:column``.
    It is an int, so it compares, sorts and prints as the line."""

    column: int

    def __new__(cls, line: int, column: int = 0) -> Position:
        position = super().__new__(cls, line)
        position.column = column
        return position


@dataclass(frozen=True, order=True)
class Problem:
    """One thing an editor must fix (error) or should look at (warning)."""

    file: str
    line: int
    message: str
    severity: Severity = "error"

    @property
    def column(self) -> int:
        return getattr(self.line, "column", 0)

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        if self.line and self.column:
            where += f":{self.column}"
        prefix = "warning: " if self.severity == "warning" else ""
        return f"{where}: {prefix}{self.message}"


class ContentError(Exception):
    """Content or locales are not valid. Holds every problem found, not just the first."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(problems)
        super().__init__("\n".join(str(problem) for problem in self.problems))


def errors(problems: list[Problem]) -> list[Problem]:
    """The problems that stop content from being served (warnings do not)."""
    return [problem for problem in problems if problem.severity == "error"]


def loaded(value: T | None, problems: list[Problem]) -> T:
    """``value`` when it loaded without errors; else :class:`ContentError` listing them."""
    if value is None or errors(problems):
        raise ContentError(errors(problems) or problems)
    return value


class LocatedDict(dict[Any, Any]):
    """A mapping from YAML that knows its own line and the line of each key."""

    line: int = 0
    key_lines: dict[Any, int]

    def line_of(self, key: Any) -> int:
        return self.key_lines.get(key, self.line)


class LocatedList(list[Any]):
    """A sequence from YAML that knows its own line and the line of each item."""

    line: int = 0
    item_lines: list[int]

    def line_of(self, index: int) -> int:
        return self.item_lines[index] if 0 <= index < len(self.item_lines) else self.line


def _position(mark: yaml.Mark) -> Position:
    return Position(mark.line + 1, mark.column + 1)


class _DuplicateKey(yaml.MarkedYAMLError):
    pass


class _Locating:
    """What a safe loader builds instead of dicts and lists: :class:`LocatedDict` and
    :class:`LocatedList`, which know their lines."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> LocatedDict:
        result = LocatedDict()
        result.line = _position(node.start_mark)
        result.key_lines = {}
        self.flatten_mapping(node)
        for key_node, value_node in node.value:
            key = self.construct_object(key_node, deep=True)
            if key in result.key_lines:
                raise _DuplicateKey(
                    None,
                    None,
                    f"the key {key!r} is written twice in the same block "
                    f"(first on line {result.key_lines[key]}); keep one",
                    key_node.start_mark,
                )
            result[key] = self.construct_object(value_node, deep=True)
            result.key_lines[key] = _position(key_node.start_mark)
        return result

    def construct_located_sequence(self, node: yaml.SequenceNode) -> LocatedList:
        result = LocatedList(self.construct_object(child, deep=True) for child in node.value)
        result.line = _position(node.start_mark)
        result.item_lines = [_position(child.start_mark) for child in node.value]
        return result

    def construct_located_mapping(self, node: yaml.MappingNode) -> LocatedDict:
        return self.construct_mapping(node, deep=True)


class _LocatingLoader(_Locating, yaml.SafeLoader):  # type: ignore[misc]
    """The pure-Python parser: slow, but its error messages name the problem exactly."""


# libyaml's parser, ten times faster, where PyYAML was built with it; its errors are worded
# differently, so a file it refuses is parsed again by the pure-Python one to say why.
_FAST_BASE = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _FastLocatingLoader(_Locating, _FAST_BASE):  # type: ignore[misc, valid-type]
    pass


for _loader in (_LocatingLoader, _FastLocatingLoader):
    _loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG,
                            _Locating.construct_located_mapping)  # fmt: skip
    _loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG,
                            _Locating.construct_located_sequence)  # fmt: skip


def display_path(path: Path, root: Path | None = None) -> str:
    """The path as an editor would type it: relative to ``root`` (or the cwd) when inside."""
    for base in (root, Path.cwd()):
        if base is None:
            continue
        try:
            return str(path.resolve().relative_to(base.resolve()))
        except ValueError:
            continue
    return str(path)


def load_yaml(path: Path, shown_as: str | None = None) -> tuple[Any, list[Problem]]:
    """Parse one YAML file. Returns the data (``None`` when unreadable) and any problems."""
    name = shown_as or display_path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None, [Problem(name, 0, "file not found")]
    except UnicodeDecodeError as exc:
        return None, [Problem(name, 0, f"not UTF-8 text ({exc.reason}); save it as UTF-8")]
    try:
        try:
            data = yaml.load(text, Loader=_FastLocatingLoader)
        except yaml.YAMLError:
            data = yaml.load(text, Loader=_LocatingLoader)  # it says why, exactly
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = _position(mark) if mark else 0
        what = " ".join(part for part in (exc.context, exc.problem) if part)
        hint = _syntax_hint(what)
        return None, [Problem(name, line, f"YAML syntax error: {what}{hint}")]
    except yaml.YAMLError as exc:
        return None, [Problem(name, 0, f"YAML error: {exc}")]
    if data is None:
        return None, [Problem(name, 0, "the file is empty (only blank lines or comments)")]
    return data, []


def _syntax_hint(what: str) -> str:
    if "written twice" in what:
        return ""
    if "mapping values are not allowed" in what:
        return " (a text containing ': ' must be quoted, or written as a block after '|')"
    if "found character '\\t'" in what:
        return " (use spaces, not tabs, to indent)"
    if "could not find expected ':'" in what or "expected <block end>" in what:
        return " (check the indentation of this line and the one before)"
    return ""
