"""Everything the bot says, loaded and checked together: content, wording and their views.

The validator and the running bot use the same :func:`check_bundle`, so what passes
``python -m bot validate`` is exactly what the bot will serve. Beyond each file's own
checks, every feature's screens are drawn in every language and checked against Telegram's
limits and HTML rules (:mod:`bot.content.checks`), because that is what Telegram will judge.
"""

from __future__ import annotations

import asyncio
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from bot.content.checks import rendered_problems
from bot.content.directory import Directory, check_directory
from bot.content.intents import INTENTS, Intents
from bot.content.locales import Locales, check_locales
from bot.content.model import SOURCE_LANGUAGE, Content, check_content
from bot.content.places import CountryNames, forget_locale_data, load_aliases
from bot.content.search import SearchIndex
from bot.content.sources import Problem, display_path, errors, loaded
from bot.content.spoken import Spoken, check_spoken
from bot.content.translations import load_records


@dataclass(frozen=True)
class Bundle:
    content: Content
    locales: Locales
    directory: Directory
    countries: CountryNames  # to recognise a country typed in any language
    search: SearchIndex  # to find pages for free text
    intents: Intents  # what people signal: danger, a situation, a wish to help others
    records: Mapping[str, Mapping[str, str]] = field(default_factory=dict)  # translations/
    spoken: Spoken = field(default_factory=Spoken)  # spoken messages for responders

    @property
    def languages(self) -> tuple[str, ...]:
        return self.locales.languages


def load_bundle(content_dir: Path, locales_dir: Path) -> Bundle:
    """Load and check everything; raises :class:`ContentError` listing every error."""
    return loaded(*check_bundle(content_dir, locales_dir))


def check_bundle(content_dir: Path, locales_dir: Path) -> tuple[Bundle | None, list[Problem]]:
    """Load everything and return it (``None`` when it has errors) with every problem."""
    content, problems = check_content(content_dir)
    locales, locale_problems = check_locales(locales_dir)
    directory, directory_problems = check_directory(content_dir / "hotlines")
    aliases, alias_problems = load_aliases(content_dir / "country_aliases.yaml")
    spoken, spoken_problems = check_spoken(content_dir / "spoken")
    problems += locale_problems + directory_problems + alias_problems + spoken_problems
    if content is None or locales is None or errors(problems):
        # Rendering needs whole content: report what is known, fix it, then check again.
        return None, sorted(problems)
    for language in content.languages:
        if not locales.has(language):
            problems.append(
                Problem(
                    display_path(locales_dir / f"{language}.yaml"),
                    0,
                    f"content has text in `{language}` but there is no locale "
                    "for it: copy en.yaml and translate it",
                )
            )
    bundle = Bundle(
        content, locales, directory,
        countries=CountryNames.build(locales.languages, aliases),
        search=SearchIndex.build(content),
        intents=Intents.build(
            {language: {intent: strings[f"intent_{intent}"] for intent in INTENTS
                        if f"intent_{intent}" in strings}
             for language, strings in locales.strings.items()},
            emergency_numbers(directory),
        ),
        records=load_records(content_dir),
        spoken=spoken,
    )  # fmt: skip
    problems += rendered_problems(bundle, locales_dir)
    forget_locale_data()  # the tables are built: most of CLDR's data is not needed again
    return (None if errors(problems) else bundle), sorted(set(problems))


def emergency_numbers(directory: Directory) -> set[str]:
    """Every emergency, police and ambulance number of the directory, as digits."""
    found = set()
    for country in directory.countries.values():
        emergency = country.emergency
        for number in (*emergency.numbers, emergency.police, emergency.ambulance):
            if number:
                found.add("".join(char for char in number if char.isdigit()))
    return found


@dataclass(frozen=True)
class Reload:
    """What a reload did: ``bundle`` is the new content when it was swapped in, ``None``
    when it was refused, for its errors (in ``problems``) or for the translations it would
    lose (``lost``: language -> strings)."""

    bundle: Bundle | None
    problems: list[Problem]
    lost: Mapping[str, int] = field(default_factory=dict)

    @property
    def losses(self) -> str:
        """``lost`` as admins read it: ``es: 120, fr: 3``."""
        return ", ".join(f"{language}: {count}" for language, count in self.lost.items())


def lost_translations(served: Bundle, new: Bundle) -> dict[str, int]:
    """Per language, the strings ``served`` translates that ``new`` no longer does while
    English still has them: what a translation file cut off mid-save loses. Strings English
    dropped (a page removed) are not lost, nor are translations gone stale (English edited);
    English itself cannot lose any without errors (every page and key needs it)."""
    from bot.content.coverage import language_strings  # coverage.py imports this module

    english = language_strings(new, SOURCE_LANGUAGE)
    lost = {}
    for language in served.languages:
        if language != SOURCE_LANGUAGE:
            kept = language_strings(new, language)
            gone = [key for key in language_strings(served, language)
                    if key in english and key not in kept]  # fmt: skip
            if gone:
                lost[language] = len(gone)
    return lost


class BundleHolder:
    """The bundle in service. Callers ask for it on every update, so swapping it is atomic;
    :meth:`reload` swaps in new content only when it is valid and loses no translation."""

    def __init__(
        self, bundle: Bundle, content_dir: Path | None = None, locales_dir: Path | None = None
    ) -> None:
        self.current = bundle
        self.content_dir, self.locales_dir = content_dir, locales_dir
        self._lock = asyncio.Lock()
        self._pending = False  # a coalesced reload is waiting for the one running

    def __call__(self) -> Bundle:
        return self.current

    async def reload(self, force: bool = False) -> Reload:
        """Load and check the content again; serve it if valid and no language loses
        translated strings (unless ``force``: strings removed on purpose), else keep the
        old one.

        Loading takes a second or two, so it runs in a worker thread: the bot keeps
        answering meanwhile. One reload runs at a time."""
        async with self._lock:
            return await self._load(force)

    async def coalesced_reload(self) -> Reload | None:
        """A reload for a signal (never forced): asked for while one runs, it runs once
        after that one, however often it is asked for meanwhile. ``None`` for an ask that
        joined the reload already waiting, which reads the files as they are by then."""
        if self._pending:
            return None
        self._pending = True
        try:
            await self._lock.acquire()
        finally:
            self._pending = False  # it runs now (or was cancelled): the next ask waits again
        try:
            return await self._load(force=False)
        finally:
            self._lock.release()

    async def _load(self, force: bool) -> Reload:
        if self.content_dir is None or self.locales_dir is None:
            raise RuntimeError("this bundle was not loaded from folders; it cannot reload")
        bundle, problems = await asyncio.to_thread(check_bundle, self.content_dir, self.locales_dir)
        if bundle is None:
            return Reload(None, problems)
        lost = {} if force else lost_translations(self.current, bundle)
        if lost:
            return Reload(None, problems, lost)
        self.current = bundle
        return Reload(bundle, problems)
