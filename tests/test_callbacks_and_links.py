"""Button data and deep-link payloads: round trips, and any input decoded without failing."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from bot.content.bundle import Bundle
from bot.core import callbacks
from bot.core.deeplinks import DeepLink, make_payload, parse_payload
from bot.core.screens import MAX_CALLBACK_BYTES

any_data = st.text(max_size=64).filter(lambda text: len(text.encode()) <= MAX_CALLBACK_BYTES)


def test_button_data_round_trips_for_every_page(bundle: Bundle) -> None:
    for page_id in bundle.content.pages:
        data = callbacks.OPEN_PAGE(page_id)
        assert 1 <= len(data.encode()) <= MAX_CALLBACK_BYTES
        assert callbacks.decode(data) == (callbacks.OPEN_PAGE, page_id)
    for language in bundle.languages:
        data = callbacks.SET_LANGUAGE(language)
        assert callbacks.decode(data) == (callbacks.SET_LANGUAGE, language)
    assert callbacks.decode(callbacks.SHOW_LANGUAGES()) == (callbacks.SHOW_LANGUAGES, "")
    assert callbacks.decode(callbacks.SHOW_REGIONS()) == (callbacks.SHOW_REGIONS, "")
    for region in bundle.directory.regions:
        assert callbacks.decode(callbacks.SHOW_REGION(region)) == (callbacks.SHOW_REGION, region)
    for code in bundle.directory.countries:
        assert callbacks.decode(callbacks.SHOW_COUNTRY(code)) == (callbacks.SHOW_COUNTRY, code)


def test_no_two_actions_can_be_mistaken_for_each_other() -> None:
    assert callbacks.unambiguous() == []
    prefixes = [action.prefix for action in callbacks.ACTIONS]
    assert len(prefixes) == len(set(prefixes))


@given(any_data)
def test_any_button_data_decodes_without_failing(data: str) -> None:
    decoded = callbacks.decode(data)
    if decoded is not None:
        action, argument = decoded
        assert isinstance(action, callbacks.Action)
        assert action(argument or None) == data, "decoding and encoding agree"


def test_payloads_round_trip_for_every_page_and_language(bundle: Bundle) -> None:
    pages, languages = bundle.content.pages, bundle.languages
    for page_id in pages:
        assert parse_payload(make_payload(page_id), pages, languages) == DeepLink(page_id, None)
        for language in languages:
            payload = make_payload(page_id, language)
            assert len(payload) <= 64
            assert parse_payload(payload, pages, languages) == DeepLink(page_id, language)
    assert parse_payload("es", pages, languages) == DeepLink(None, "es")


@given(st.text(max_size=80))
def test_any_payload_parses_to_known_pages_or_nothing(payload: str) -> None:
    pages, languages = {"home", "get_help"}, ("en", "es")
    link = parse_payload(payload, pages, languages)
    assert link.page_id is None or link.page_id in pages
    assert link.language is None or link.language in languages


def test_payloads_with_a_country_round_trip(bundle: Bundle) -> None:
    pages, languages, countries = bundle.content.pages, bundle.languages, {"UA", "NG"}
    for page_id in pages:
        for language in (None, *languages):
            payload = make_payload(page_id, language, "UA")
            assert len(payload) <= 64
            link = parse_payload(payload, pages, languages, countries)
            assert link == DeepLink(page_id, language, "UA")
    assert parse_payload("es-NG", pages, languages, countries) == DeepLink(None, "es", "NG")


def test_payloads_with_fields_out_of_order_or_unknown_are_forged(bundle: Bundle) -> None:
    pages, languages, countries = bundle.content.pages, bundle.languages, {"UA"}
    for payload in ("get_help-UA-es", "get_help-ZZ", "get_help-es-UA-x", "UA-get_help", "ua"):
        assert parse_payload(payload, pages, languages, countries).is_empty, payload
