"""The content model: pages forming a menu tree, with texts per language.

Structure is written once, in ``content/pages.yaml``; texts are keyed to page ids, one file
per language, in ``content/text/<lang>.yaml``. English is the source language: every page
must have English text, and other languages fall back to it page by page.

Nothing here knows about Telegram; :mod:`bot.views` turns pages into screens.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bot.content.sources import (
    LocatedDict,
    LocatedList,
    Problem,
    Severity,
    display_path,
    load_yaml,
    loaded,
)

SOURCE_LANGUAGE = "en"
ID_PATTERN = re.compile(r"^[a-z][a-z0-9_]{0,31}$")
LANGUAGE_FILE_PATTERN = re.compile(r"^[a-z]{2,3}$")
ALLOWED_URL_SCHEMES = ("https://", "http://", "tg://")
PAGE_FIELDS = frozenset({"id", "buttons"})
_MARKUP = re.compile(r"&(?:amp|lt|gt|quot|#\d+);|</?[a-z]+>")
TEXT_FIELDS = frozenset({"title", "text", "button", "links", "keywords"})


@dataclass(frozen=True)
class PageButton:
    """A button that opens another page."""

    target: str
    line: int = field(default=0, compare=False)  # where pages.yaml names it


@dataclass(frozen=True)
class LinkButton:
    """A button that opens a web address. Its label is translated under ``links.<id>``."""

    id: str
    url: str


@dataclass(frozen=True)
class ActionButton:
    """A button that opens one of the bot's own screens, e.g. the hotline directory."""

    action: str


ACTIONS = frozenset({"hotlines", "my_country", "exit", "selfcheck", "jobcheck", "spoken", "talk",
                     "report"})  # fmt: skip
ButtonSpec = PageButton | LinkButton | ActionButton


@dataclass(frozen=True)
class PageText:
    """A page's wording in one language."""

    title: str
    text: str
    button: str | None = None
    links: Mapping[str, str] = field(default_factory=dict)
    # What people ask that the text does not say in those words ("scam", "kafala"): for the
    # search only, never shown. Comma-separated in the files.
    keywords: tuple[str, ...] = ()


@dataclass(frozen=True)
class Location:
    """Where something was written: shown to editors in problems."""

    file: str
    line: int


@dataclass(frozen=True)
class Page:
    id: str
    rows: tuple[tuple[ButtonSpec, ...], ...]
    parent: str | None
    location: Location

    def children(self) -> Iterator[str]:
        for row in self.rows:
            for button in row:
                if isinstance(button, PageButton):
                    yield button.target


@dataclass(frozen=True)
class Content:
    """All pages and their texts, validated. Immutable: reloading builds a new one."""

    root: str
    urgent: str
    pages: Mapping[str, Page]
    texts: Mapping[str, Mapping[str, PageText]]  # language -> page id -> text
    text_locations: Mapping[tuple[str, str], Location]  # (language, page id) -> where
    helpers: tuple[str, ...] = ()  # the pages for someone who asks how to help others

    @property
    def languages(self) -> tuple[str, ...]:
        """Languages with a text file, the source language first."""
        return (SOURCE_LANGUAGE, *sorted(lang for lang in self.texts if lang != SOURCE_LANGUAGE))

    def has_page(self, page_id: str) -> bool:
        return page_id in self.pages

    def text(self, page_id: str, language: str) -> tuple[PageText, bool]:
        """The page's text in ``language``, or in English; the flag says if it is translated."""
        translated = self.texts.get(language, {}).get(page_id)
        if translated is not None:
            return translated, True
        return self.texts[SOURCE_LANGUAGE][page_id], language == SOURCE_LANGUAGE

    def label(self, page_id: str, language: str) -> str:
        """The label of buttons that open ``page_id``: its ``button`` text, else its title."""
        text, _ = self.text(page_id, language)
        return text.button or text.title

    def link_label(self, page_id: str, link_id: str, language: str) -> str:
        """The label of a link button, in ``language`` or else in English."""
        translated = self.texts.get(language, {}).get(page_id)
        if translated is not None and link_id in translated.links:
            return translated.links[link_id]
        return self.texts[SOURCE_LANGUAGE][page_id].links[link_id]

    def breadcrumb(self, page_id: str) -> list[str]:
        """Page ids from the root down to ``page_id``."""
        trail = [page_id]
        while (parent := self.pages[trail[-1]].parent) is not None:
            trail.append(parent)
        return trail[::-1]


def load_content(content_dir: Path) -> Content:
    """Load and validate all content; raises :class:`ContentError` listing every problem."""
    return loaded(*check_content(content_dir))


def check_content(content_dir: Path) -> tuple[Content | None, list[Problem]]:
    """Load content and return it (``None`` when unusable) with every problem found."""
    structure_path = content_dir / "pages.yaml"
    structure_name = display_path(structure_path)
    data, problems = load_yaml(structure_path, structure_name)
    if data is None:
        return None, problems
    reader = _StructureReader(structure_name)
    root, urgent, pages = reader.read(data)
    helpers = reader.helpers(data, pages) if isinstance(data, LocatedDict) else ()
    problems += reader.problems
    texts, text_locations, text_problems = _read_texts(content_dir / "text", pages)
    problems += text_problems
    if root is None or not pages or SOURCE_LANGUAGE not in texts:
        return None, problems
    content = Content(
        root=root,
        urgent=urgent or root,
        pages=pages,
        texts=texts,
        text_locations=text_locations,
        helpers=helpers,
    )
    return content, problems


class _StructureReader:
    """Reads ``pages.yaml`` into pages, collecting problems instead of stopping at the first."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.problems: list[Problem] = []

    def problem(self, line: int, message: str, severity: Severity = "error") -> None:
        self.problems.append(Problem(self.file, line, message, severity))

    def read(self, data: Any) -> tuple[str | None, str | None, dict[str, Page]]:
        if not isinstance(data, LocatedDict):
            self.problem(1, "expected the keys `root`, `urgent` and `pages` at the top")
            return None, None, {}
        for key in data.keys() - {"root", "urgent", "helpers", "pages"}:
            self.problem(data.line_of(key),
                         f"unknown key `{key}`; use root, urgent, helpers or pages")  # fmt: skip
        raw_pages = data.get("pages")
        if not isinstance(raw_pages, LocatedList) or not raw_pages:
            self.problem(data.line_of("pages"), "`pages` must be a list of pages, each with an id")
            return None, None, {}
        rows_by_id: dict[str, tuple[tuple[ButtonSpec, ...], ...]] = {}
        lines: dict[str, int] = {}
        for index, raw in enumerate(raw_pages):
            read = self._read_page(raw, raw_pages.line_of(index), lines)
            if read is not None:
                rows_by_id[read[0]] = read[1]
        root = self._special(data, "root", lines)
        urgent = self._special(data, "urgent", lines)
        parents = self._link_pages(rows_by_id, lines, root)
        pages = {
            page_id: Page(page_id, rows, parents.get(page_id), Location(self.file, lines[page_id]))
            for page_id, rows in rows_by_id.items()
        }
        return root, urgent, pages

    def helpers(self, data: LocatedDict, pages: Mapping[str, Page]) -> tuple[str, ...]:
        """``helpers:``, the pages for someone who asks how to help others (optional)."""
        value = data.get("helpers", [])
        if not isinstance(value, list) or not all(isinstance(page, str) for page in value):
            self.problem(data.line_of("helpers"), "`helpers` is a list of page ids: [a, b]")
            return ()
        for page_id in value:
            if page_id not in pages:
                missing = f"`helpers` names the page `{page_id}`, which does not exist"
                self.problem(data.line_of("helpers"), missing, "warning")  # it is left out
        return tuple(page_id for page_id in value if page_id in pages)

    def _special(self, data: LocatedDict, key: str, lines: dict[str, int]) -> str | None:
        value = data.get(key)
        if value is None:
            self.problem(data.line, f"`{key}` is missing: name the page id it should open")
        elif value not in lines:
            self.problem(
                data.line_of(key), f"`{key}` names the page `{value}`, which does not exist"
            )
        else:
            return str(value)
        return None

    def _read_page(
        self, raw: Any, line: int, lines: dict[str, int]
    ) -> tuple[str, tuple[tuple[ButtonSpec, ...], ...]] | None:
        if not isinstance(raw, LocatedDict):
            self.problem(line, "each page must be a block with `id:` and optional `buttons:`")
            return None
        page_id = raw.get("id")
        if not isinstance(page_id, str) or not ID_PATTERN.match(page_id):
            self.problem(
                raw.line_of("id"),
                f"page id {page_id!r} is not valid: use 1-32 lowercase letters, digits or _, "
                "starting with a letter",
            )
            return None
        if page_id in lines:
            self.problem(
                raw.line_of("id"),
                f"page id `{page_id}` is used twice (first on line "
                f"{lines[page_id]}); give each page its own id",
            )
            return None
        lines[page_id] = raw.line_of("id")
        for key in raw.keys() - PAGE_FIELDS:
            self.problem(
                raw.line_of(key), f"unknown key `{key}` in page `{page_id}`; use id or buttons"
            )
        return page_id, self._read_rows(page_id, raw.get("buttons"), raw.line_of("buttons"))

    def _read_rows(self, page_id: str, raw: Any, line: int) -> tuple[tuple[ButtonSpec, ...], ...]:
        if raw is None:
            return ()
        if not isinstance(raw, LocatedList):
            self.problem(line, f"`buttons` of page `{page_id}` must be a list")
            return ()
        rows: list[tuple[ButtonSpec, ...]] = []
        link_ids: set[str] = set()
        for index, item in enumerate(raw):
            item_line = raw.line_of(index)
            items = item if isinstance(item, LocatedList) else [item]
            row = []
            for sub_index, sub in enumerate(items):
                sub_line = item.line_of(sub_index) if isinstance(item, LocatedList) else item_line
                button = self._read_button(page_id, sub, sub_line, link_ids)
                if button is not None:
                    row.append(button)
            if row:
                rows.append(tuple(row))
        return tuple(rows)

    def _read_button(
        self, page_id: str, raw: Any, line: int, link_ids: set[str]
    ) -> ButtonSpec | None:
        if isinstance(raw, str):
            return PageButton(raw, line)
        if isinstance(raw, LocatedDict) and set(raw) == {"page"} and isinstance(raw["page"], str):
            return PageButton(raw["page"], raw.line_of("page"))
        if isinstance(raw, LocatedDict) and set(raw) == {"action"}:
            if raw["action"] in ACTIONS:
                return ActionButton(raw["action"])
            self.problem(
                raw.line_of("action"),
                f"unknown action {raw['action']!r}; the bot has: {', '.join(sorted(ACTIONS))}",
            )
            return None
        if isinstance(raw, LocatedDict) and set(raw) == {"link", "url"}:
            link_id, url = raw["link"], raw["url"]
            if not isinstance(link_id, str) or not ID_PATTERN.match(link_id):
                self.problem(
                    raw.line_of("link"),
                    f"link id {link_id!r} is not valid: use lowercase letters, digits or _",
                )
                return None
            if link_id in link_ids:
                self.problem(
                    raw.line_of("link"), f"link id `{link_id}` is used twice in page `{page_id}`"
                )
                return None
            link_ids.add(link_id)
            if not isinstance(url, str) or not url.startswith(ALLOWED_URL_SCHEMES) or " " in url:
                self.problem(
                    raw.line_of("url"),
                    f"link `{link_id}` needs a full web address starting with https://",
                )
                return None
            return LinkButton(link_id, url)
        self.problem(
            line,
            "a button is a page id, `page: <id>`, `action: <one of the actions>`, or "
            "`link: <id>` with "
            "`url: https://...`",
        )
        return None

    def _link_pages(
        self,
        rows_by_id: Mapping[str, tuple[tuple[ButtonSpec, ...], ...]],
        lines: Mapping[str, int],
        root: str | None,
    ) -> dict[str, str]:
        """Check targets, find each page's parent, and reject cycles and second parents."""
        parents: dict[str, str] = {}
        for page_id, rows in rows_by_id.items():
            for row in rows:
                for button in row:
                    if not isinstance(button, PageButton):
                        continue
                    target = button.target
                    line = button.line or lines[page_id]
                    if target not in rows_by_id:
                        self.problem(
                            line,
                            f"page `{page_id}` has a button to `{target}`, which does not exist",
                        )
                    elif target == root:
                        self.problem(
                            line,
                            f"page `{page_id}` links to the root `{root}`: "
                            "the bot adds Home itself",
                        )
                    elif target in parents and parents[target] != page_id:
                        self.problem(
                            line,
                            f"page `{target}` is linked from both `{parents[target]}` and "
                            f"`{page_id}`: a page has one place in the menu",
                        )
                    elif target in parents:
                        self.problem(line, f"page `{page_id}` has two buttons to `{target}`")
                    else:
                        parents[target] = page_id
        self._check_cycles(parents, lines)
        for page_id in rows_by_id:
            if page_id != root and page_id not in parents and root is not None:
                self.problem(
                    lines[page_id],
                    f"page `{page_id}` cannot be reached from `{root}`: no button leads to it "
                    "(it can still be opened by a deep link)",
                    "warning",
                )
        return parents

    def _check_cycles(self, parents: Mapping[str, str], lines: Mapping[str, int]) -> None:
        reported: set[str] = set()
        for start in parents:
            seen = [start]
            current = start
            while current in parents and current not in reported:
                current = parents[current]
                if current in seen:
                    cycle = [*seen[seen.index(current) :], current]
                    reported.update(cycle)
                    self.problem(
                        lines[current],
                        "these pages lead round in a circle: "
                        + " → ".join(cycle)
                        + "; the bot adds Back itself, remove the button that leads back",
                    )
                    break
                seen.append(current)


def _read_texts(
    text_dir: Path, pages: Mapping[str, Page]
) -> tuple[dict[str, dict[str, PageText]], dict[tuple[str, str], Location], list[Problem]]:
    texts: dict[str, dict[str, PageText]] = {}
    locations: dict[tuple[str, str], Location] = {}
    problems: list[Problem] = []
    files = sorted(text_dir.glob("*.yaml")) if text_dir.is_dir() else []
    for path in files:
        language = path.stem
        name = display_path(path)
        if not LANGUAGE_FILE_PATTERN.match(language):
            problems.append(Problem(name, 0, "name text files by language code, e.g. es.yaml"))
            continue
        data, file_problems = load_yaml(path, name)
        problems += file_problems
        if data is None:
            continue
        reader = _TextReader(name, language, pages)
        texts[language] = reader.read(data)
        locations.update(((language, pid), loc) for pid, loc in reader.locations.items())
        problems += reader.problems
    english = display_path(text_dir / f"{SOURCE_LANGUAGE}.yaml")
    if SOURCE_LANGUAGE not in texts:
        if not any(problem.file == english for problem in problems):  # else: unreadable
            problems.append(
                Problem(
                    english, 0, "the English text file is missing; every page needs English text"
                )
            )
        return texts, locations, problems
    for page_id, page in pages.items():
        if page_id not in texts[SOURCE_LANGUAGE]:
            problems.append(
                Problem(
                    english,
                    0,
                    f"page `{page_id}` (pages.yaml line "
                    f"{page.location.line}) has no English title and text",
                )
            )
    return texts, locations, problems


class _TextReader:
    """Reads one language's text file."""

    def __init__(self, file: str, language: str, pages: Mapping[str, Page]) -> None:
        self.file, self.language, self.pages = file, language, pages
        self.problems: list[Problem] = []
        self.locations: dict[str, Location] = {}

    def problem(self, line: int, message: str) -> None:
        self.problems.append(Problem(self.file, line, message))

    def read(self, data: Any) -> dict[str, PageText]:
        if not isinstance(data, LocatedDict):
            self.problem(1, "expected one block per page id, each with `title:` and `text:`")
            return {}
        result: dict[str, PageText] = {}
        for page_id, raw in data.items():
            line = data.line_of(page_id)
            if page_id not in self.pages:
                self.problem(
                    line,
                    f"`{page_id}` is not a page in pages.yaml (a typo, or a page "
                    "that was removed?)",
                )
                continue
            text = self._read_page_text(page_id, raw, line)
            if text is not None:
                result[page_id] = text
                self.locations[page_id] = Location(self.file, line)
        return result

    def _read_page_text(self, page_id: str, raw: Any, line: int) -> PageText | None:
        if not isinstance(raw, LocatedDict):
            self.problem(line, f"`{page_id}` needs `title:` and `text:` below it")
            return None
        for key in raw.keys() - TEXT_FIELDS:
            self.problem(
                raw.line_of(key),
                f"unknown key `{key}` in `{page_id}`; use title, text, button, links or keywords",
            )
        values = {}
        for key in ("title", "text", "button"):
            value = raw.get(key)
            if value is None and key == "button":
                continue
            if not isinstance(value, str) or not value.strip():
                self.problem(
                    raw.line_of(key) if key in raw else line,
                    f"`{page_id}` needs a non-empty `{key}`",
                )
                return None
            values[key] = value.strip()
        links = self._read_links(page_id, raw)
        for key, value in (*((k, values.get(k)) for k in ("title", "button")), *links.items()):
            if value and _MARKUP.search(value):
                self.problems.append(Problem(
                    self.file, raw.line_of(key) if key in raw else raw.line_of("links"),
                    f"`{key}` of `{page_id}` is plain text, shown as written: write & < > "
                    "as they are, without &amp; or tags", "warning",
                ))  # fmt: skip
        keywords = raw.get("keywords", "")
        if not isinstance(keywords, str):
            self.problem(
                raw.line_of("keywords"),
                f"`keywords` of `{page_id}` is one line: words and phrases, with commas",
            )
            keywords = ""
        found = tuple(word.strip() for word in keywords.split(",") if word.strip())
        return PageText(values["title"], values["text"], values.get("button"), links, found)

    def _read_links(self, page_id: str, raw: LocatedDict) -> dict[str, str]:
        links = raw.get("links")
        if links is None:
            links = LocatedDict()
            links.line, links.key_lines = raw.line, {}
        if not isinstance(links, LocatedDict):
            self.problem(
                raw.line_of("links"), f"`links` of `{page_id}` must map link ids to labels"
            )
            return {}
        known = {b.id for row in self.pages[page_id].rows for b in row if isinstance(b, LinkButton)}
        result = {}
        for link_id, label in links.items():
            if link_id not in known:
                self.problem(
                    links.line_of(link_id),
                    f"page `{page_id}` has no link `{link_id}` in pages.yaml",
                )
            elif not isinstance(label, str) or not label.strip():
                self.problem(links.line_of(link_id), f"link `{link_id}` needs a label")
            else:
                result[link_id] = label.strip()
        if self.language == SOURCE_LANGUAGE:
            for missing in sorted(known - result.keys()):
                self.problem(
                    raw.line, f"page `{page_id}` needs an English label for link `{missing}`"
                )
        return result
