"""Interface wording per language, after Hugo's i18n files.

``locales/en.yaml`` defines the one key set. Every other ``locales/<lang>.yaml`` translates
some or all of those keys; a missing key falls back to English at run time and is reported
by the validator. A key English does not have is an error (usually a typo), and so is a
translation whose ``{placeholders}`` differ from the English ones.
"""

from __future__ import annotations

import string
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from bot.content import LANGUAGE_FILE_PATTERN, SOURCE_LANGUAGE
from bot.hotlines import DAYS, KINDS, REGIONS
from bot.selfcheck import INDICATORS
from bot.sources import LocatedDict, Problem, display_path, errors, load_yaml, loaded

# Keys every English locale must define: the code asks for them by name.
REQUIRED_KEYS = frozenset(
    {
        "language_name",
        "text_direction",
        "back",
        "home",
        "language_button",
        "choose_language",
        "language_set",
        "not_translated",
        "unknown_command",
        "free_text",
        "stale_button",
        "error",
        "help",
        "command_start",
        "command_menu",
        "command_language",
        "command_help",
        "command_share",
        "hotlines_button",
        "hotlines_title",
        "hotlines_intro",
        "choose_country",
        *(f"region_{region}" for region in REGIONS),
        "emergency",
        "police",
        "no_lines",
        "no_trafficking_line",
        *(f"kind_{kind}" for kind in KINDS),
        *("from_abroad", "sms", "whatsapp", "telegram", "chat", "email", "website"),
        "hours_always",
        *(f"hours_{days}" for days in DAYS),
        *("languages", "free", "anonymous", "operator", "source", "field"),
        *("my_country_button", "my_country_title", "my_country_is", "my_country_none"),
        *("my_country_how", "share_location", "share_location_hint", "choose_from_list"),
        *("forget_country", "country_forgotten", "country_saved", "set_as_my_country"),
        *("hotlines_in", "location_unknown", "no_entry", "emergency_words", "emergency_intro"),
        *("ask_country", "search_results", "search_nothing", "reload_done", "reload_failed"),
        *("share_button", "share_text", "inline_open", "inline_card", "leaflet_title"),
        *("leaflet_when", "leaflet_scan", "leaflet_numbers", "leaflet_private"),
        *("privacy", "forget_button", "forgotten", "command_privacy"),
        *("exit_button", "exit_done", "command_exit"),
        *("stats_title", "stats_pages", "stats_top", "stats_campaigns", "stats_none"),
        "stats_csv",
        *("command_subscribe", "command_unsubscribe", "news_on", "news_off"),
        *("subscribe_button", "unsubscribe_button", "subscribed", "unsubscribed", "news_footer"),
        *("broadcast_help", "broadcast_no_english", "broadcast_unknown_language"),
        *("broadcast_too_long", "broadcast_preview", "broadcast_send", "broadcast_cancel"),
        *("broadcast_cancelled", "broadcast_progress", "broadcast_done", "broadcast_gone"),
        "broadcast_nobody",
        *("selfcheck_button", "selfcheck_intro", "selfcheck_start", "selfcheck_counter"),
        *("selfcheck_yes", "selfcheck_no", "selfcheck_stop", "selfcheck_result_none"),
        *("selfcheck_result_some", "command_check"),
        *(f"selfcheck_{kind}_{sign}" for kind in ("q", "sign") for sign in INDICATORS),
        *("spoken_button", "spoken_intro", "spoken_choose", "spoken_unreviewed"),
        *("spoken_no_audio", "spoken_languages"),
    }
)


@dataclass(frozen=True)
class Locales:
    """Wording by language and key; English is the fallback for every key."""

    strings: Mapping[str, Mapping[str, str]]  # language -> key -> text
    missing: Mapping[str, frozenset[str]]  # language -> keys that fall back to English

    @property
    def languages(self) -> tuple[str, ...]:
        """Languages the bot offers, English first, then by code."""
        return (SOURCE_LANGUAGE, *sorted(lang for lang in self.strings if lang != SOURCE_LANGUAGE))

    def has(self, language: str) -> bool:
        return language in self.strings

    def get(self, language: str, key: str, /, **values: object) -> str:
        """The wording for ``key`` in ``language`` (English when not translated)."""
        text = self.strings.get(language, {}).get(key)
        if text is None:
            text = self.strings[SOURCE_LANGUAGE][key]
        return text.format(**values) if values else text

    def name(self, language: str) -> str:
        """The language's name in that language, e.g. ``Español``."""
        return self.get(language, "language_name")

    def is_rtl(self, language: str) -> bool:
        return self.get(language, "text_direction") == "rtl"

    def resolve(self, saved: str | None, telegram_code: str | None, default: str) -> str:
        """The user's language: saved choice, else Telegram's, else the default."""
        if saved and self.has(saved):
            return saved
        primary = (telegram_code or "").split("-")[0].split("_")[0].lower()
        if primary and self.has(primary):
            return primary
        return default if self.has(default) else SOURCE_LANGUAGE


def load_locales(locales_dir: Path) -> Locales:
    """Load and validate every locale; raises :class:`ContentError` with every problem."""
    return loaded(*check_locales(locales_dir))


def check_locales(locales_dir: Path) -> tuple[Locales | None, list[Problem]]:
    problems: list[Problem] = []
    raw: dict[str, tuple[str, LocatedDict]] = {}
    for path in sorted(locales_dir.glob("*.yaml")) if locales_dir.is_dir() else []:
        name = display_path(path)
        if not LANGUAGE_FILE_PATTERN.match(path.stem):
            problems.append(Problem(name, 0, "name locale files by language code, e.g. es.yaml"))
            continue
        data, file_problems = load_yaml(path, name)
        problems += file_problems
        if isinstance(data, LocatedDict):
            raw[path.stem] = (name, data)
        elif data is not None:
            problems.append(Problem(name, 1, "expected `key: wording` lines"))
    if SOURCE_LANGUAGE not in raw:
        english = display_path(locales_dir / f"{SOURCE_LANGUAGE}.yaml")
        if not any(problem.file == english for problem in problems):  # else: unreadable
            problems.append(
                Problem(english, 0, "the English locale is missing; it defines every key")
            )
        return None, problems
    english_name, english = raw[SOURCE_LANGUAGE]
    problems += _check_english(english_name, english)
    strings: dict[str, dict[str, str]] = {}
    missing: dict[str, frozenset[str]] = {}
    for language, (name, data) in raw.items():
        strings[language], language_problems = _read_strings(name, data, english)
        problems += language_problems
        missing[language] = frozenset(english.keys() - strings[language].keys())
        if missing[language] and language != SOURCE_LANGUAGE:
            problems.append(
                Problem(
                    name,
                    0,
                    f"{len(missing[language])} key(s) not translated, English is "
                    f"shown instead: {', '.join(sorted(missing[language]))}",
                    "warning",
                )
            )
    if errors(problems):
        return None, problems
    return Locales(strings=strings, missing=missing), problems


def _check_english(name: str, english: LocatedDict) -> list[Problem]:
    missing = [
        Problem(name, 0, f"the key `{key}` is missing; the bot needs it")
        for key in sorted(REQUIRED_KEYS - english.keys())
    ]
    unused = [
        Problem(name, english.line_of(key), f"the bot never uses the key `{key}`: a typo, or "
                "a line of a text block that is not indented?", "warning")
        for key in sorted(english.keys() - REQUIRED_KEYS, key=str)
    ]  # fmt: skip
    return missing + unused


def _read_strings(
    name: str, data: LocatedDict, english: LocatedDict
) -> tuple[dict[str, str], list[Problem]]:
    problems: list[Problem] = []
    strings: dict[str, str] = {}
    for key, value in data.items():
        line = data.line_of(key)
        if key not in english:
            problems.append(
                Problem(
                    name,
                    line,
                    f"`{key}` is not a key of the English locale "
                    "(a typo?); add it to en.yaml first or remove it",
                )
            )
        elif not isinstance(value, str) or not value.strip():
            problems.append(Problem(name, line, f"`{key}` needs some wording"))
        elif (theirs := placeholders(value)) != (ours := placeholders(str(english[key]))):
            problems.append(
                Problem(
                    name,
                    line,
                    f"`{key}` must use the placeholders "
                    f"{sorted(ours) or 'none'} like English, not {sorted(theirs)}",
                )
            )
        else:
            strings[key] = value.strip()
    if data.get("text_direction", "ltr") not in ("ltr", "rtl"):
        problems.append(
            Problem(name, data.line_of("text_direction"), "`text_direction` must be ltr or rtl")
        )
    return strings, problems


def placeholders(text: str) -> set[str]:
    """The ``{name}`` fields in a wording."""
    try:
        return {field for _, field, _, _ in string.Formatter().parse(text) if field}
    except ValueError:
        return {"<unbalanced braces>"}
