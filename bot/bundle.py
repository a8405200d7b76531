"""Everything the bot says, loaded and checked together: content, wording and their views.

The validator and the running bot use the same :func:`check_bundle`, so what passes
``python -m bot validate`` is exactly what the bot will serve. Beyond each file's own
checks, every page is rendered in every language and the result is checked against
Telegram's limits and HTML rules, because that is what Telegram will judge.
"""

from __future__ import annotations

import asyncio
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from bot.content import SOURCE_LANGUAGE, Content, check_content
from bot.hotlines import Directory, check_directory
from bot.i18n import Locales, check_locales
from bot.places import CountryNames, forget_locale_data, load_aliases
from bot.screens import Screen, html_problems, limit_problems, rtl_problems
from bot.search import SearchIndex
from bot.selfcheck import ALL_ANSWERED, Progress
from bot.sources import Problem, display_path, errors, loaded
from bot.spoken import Spoken, check_spoken
from bot.textmatch import Phrases
from bot.translations import load_records
from bot.views import Views


@dataclass(frozen=True)
class Bundle:
    content: Content
    locales: Locales
    directory: Directory
    views: Views
    countries: CountryNames  # to recognise a country typed in any language
    search: SearchIndex  # to find pages for free text
    emergency: Phrases  # the emergency words of every language
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
    views = Views(content, locales, directory, spoken)
    problems += _rendered_problems(content, locales, views, locales_dir)
    problems += _directory_problems(directory, locales, views)
    problems += _tool_problems(locales, views, spoken, locales_dir)
    bundle = Bundle(
        content, locales, directory, views,
        countries=CountryNames.build(locales.languages, aliases),
        search=SearchIndex.build(content),
        emergency=Phrases(
            word
            for language in locales.languages
            for word in locales.get(language, "emergency_words").split(",")
        ),
        records=load_records(content_dir),
        spoken=spoken,
    )  # fmt: skip
    forget_locale_data()  # the tables are built: most of CLDR's data is not needed again
    return (None if errors(problems) else bundle), sorted(set(problems))


def _rendered_problems(
    content: Content, locales: Locales, views: Views, locales_dir: Path
) -> list[Problem]:
    problems: list[Problem] = []
    for language in locales.languages:
        locale_file = display_path(locales_dir / f"{language}.yaml")
        for page_id, page in content.pages.items():
            _, translated = content.text(page_id, language)
            where = content.text_locations.get(
                (language if translated else SOURCE_LANGUAGE, page_id), page.location
            )
            screen = views.page(page_id, language)
            problems += _screen_problems(screen, where.file, where.line, f"page `{page_id}`")
            if locales.is_rtl(language):
                problems += [Problem(where.file, where.line, f"page `{page_id}`: {message}")
                             for message in rtl_problems(screen)]  # fmt: skip
        for what, screen in (("`help`", views.help(language)),
                             ("language menu", views.languages(language))):  # fmt: skip
            problems += _screen_problems(screen, locale_file, 0, what)
            if locales.is_rtl(language):
                problems += [Problem(locale_file, 0, f"{what}: {message}")
                             for message in rtl_problems(screen)]  # fmt: skip
    return problems


def _directory_problems(directory: Directory, locales: Locales, views: Views) -> list[Problem]:
    """Every directory screen, in every language, against Telegram's limits."""
    problems: list[Problem] = []
    for language in locales.languages:
        problems += _screen_problems(views.hotlines.regions(language), "hotlines", 0, "regions")
        for region in directory.regions:
            screen = views.hotlines.region(region, language)
            problems += _screen_problems(screen, "hotlines", 0, f"region {region}")
        for country in directory.countries.values():
            screen = views.hotlines.card(country, language)
            where = country.location
            problems += _screen_problems(screen, where.file, where.line, f"{country.code} card")
    return problems


def _tool_problems(
    locales: Locales, views: Views, spoken: Spoken, locales_dir: Path
) -> list[Problem]:
    """The self-check (every question, and a result with every sign) and the spoken
    messages (the list, and each language's messages and captions) in every language."""
    problems: list[Problem] = []
    tools = views.tools
    all_yes = Progress(ALL_ANSWERED, (1 << ALL_ANSWERED) - 1)
    for language in locales.languages:
        locale_file = display_path(locales_dir / f"{language}.yaml")
        screens = [("self-check", tools.selfcheck_intro(language)),
                   ("self-check result", tools.selfcheck_result(language, all_yes)),
                   ("self-check result", tools.selfcheck_result(language, Progress(ALL_ANSWERED))),
                   ("spoken languages", tools.spoken_languages(language))]  # fmt: skip
        for step in range(ALL_ANSWERED):
            question = tools.selfcheck_step(language, Progress(step))
            screens.append((f"self-check question {step + 1}", question))
        for target in spoken.languages.values():
            screens.append(
                (f"spoken messages in {target.code}", tools.spoken_messages(language, target))
            )
            screens += [(f"spoken {target.code} {message}",
                         Screen(tools.spoken_caption(language, target, message, audio=False)))
                        for message in spoken.messages]  # fmt: skip
        for what, screen in screens:
            problems += _screen_problems(screen, locale_file, 0, what)
            if locales.is_rtl(language) and not what.startswith("spoken"):
                problems += [Problem(locale_file, 0, f"{what}: {message}")
                             for message in rtl_problems(screen)]  # fmt: skip
    return problems


def _screen_problems(screen: Screen, file: str, line: int, what: str) -> list[Problem]:
    found = limit_problems(screen) + html_problems(screen.text)
    return [Problem(file, line, f"{what}: {message}") for message in found]


class BundleHolder:
    """The bundle in service. Callers ask for it on every update, so swapping it is atomic;
    :meth:`reload` swaps in new content only when it is valid."""

    def __init__(
        self, bundle: Bundle, content_dir: Path | None = None, locales_dir: Path | None = None
    ) -> None:
        self.current = bundle
        self.content_dir, self.locales_dir = content_dir, locales_dir
        self._lock = asyncio.Lock()

    def __call__(self) -> Bundle:
        return self.current

    async def reload(self) -> tuple[Bundle | None, list[Problem]]:
        """Load and check the content again; serve it if valid, else keep the old one.

        Loading takes a second or two, so it runs in a worker thread: the bot keeps
        answering meanwhile. Returns the new bundle (``None`` when it had errors) and
        every problem found."""
        if self.content_dir is None or self.locales_dir is None:
            raise RuntimeError("this bundle was not loaded from folders; it cannot reload")
        async with self._lock:
            bundle, problems = await asyncio.to_thread(
                check_bundle, self.content_dir, self.locales_dir
            )
            if bundle is not None:
                self.current = bundle
            return bundle, problems
