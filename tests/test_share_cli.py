"""``python -m bot links | qr | leaflet``: what NGO staff run to share the bot."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from bot.__main__ import main
from bot.cli import share as share_cli
from bot.cli.arguments import CommandError
from bot.content.bundle import Bundle
from bot.content.places import country_codes
from bot.core.deeplinks import DeepLink, parse_payload
from tests.qrcodes import PNG_SIGNATURE, decode, png_image, svg_image
from tests.test_cli import one_error_line

USERNAME = "BlueHeartTestBot"


@pytest.fixture(autouse=True)
def quick(monkeypatch: pytest.MonkeyPatch, bundle: Bundle) -> None:
    """The session's bundle instead of loading it again; no username from the outside."""
    monkeypatch.setattr(share_cli, "load_bundle", lambda *_: bundle)
    monkeypatch.delenv("BOT_USERNAME", raising=False)


def parsed(bundle: Bundle, link: str) -> DeepLink:
    base, payload = link.split("?start=", 1)
    assert base == f"https://t.me/{USERNAME}"
    return parse_payload(payload, bundle.content.pages, bundle.languages, country_codes())


def test_links_lists_every_page_in_every_language_as_csv(
    bundle: Bundle, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["links", "--bot", USERNAME]) == 0

    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert len(rows) == len(bundle.content.pages) * len(bundle.languages)
    assert {(row["page"], row["language"]) for row in rows} == {
        (page_id, language) for page_id in bundle.content.pages for language in bundle.languages
    }
    for row in rows:
        title = bundle.content.text(row["page"], row["language"])[0].title
        assert row["title"] == title
        assert parsed(bundle, row["link"]) == DeepLink(row["page"], row["language"])


def test_links_as_a_markdown_table_with_country_and_campaign(
    bundle: Bundle, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("BOT_USERNAME", f"@{USERNAME}")  # the @ is forgiven
    output = tmp_path / "links.md"

    code = main(["links", "--format", "markdown", "--country", "ua", "--campaign", "kyiv",
                 "-o", str(output)])  # fmt: skip

    assert code == 0
    lines = output.read_text(encoding="utf-8").splitlines()
    assert lines[:2] == ["| Page | Language | Title | Link |", "| --- | --- | --- | --- |"]
    body = lines[2:]
    assert len(body) == len(bundle.content.pages) * len(bundle.languages)
    for line in body:
        cells = [cell.strip() for cell in line.strip("|").split(" | ")]
        assert len(cells) == 4, line
        page_id, language, link = cells[0].strip("`"), cells[1], cells[3].strip("<>")
        assert parsed(bundle, link) == DeepLink(page_id, language, "UA", "kyiv")


@pytest.mark.parametrize("suffix", [".svg", ".png"])
def test_qr_writes_a_code_that_decodes_to_the_deep_link(
    bundle: Bundle, tmp_path: Path, capsys: pytest.CaptureFixture[str], suffix: str
) -> None:
    output = tmp_path / f"get_help{suffix}"

    code = main(["qr", "get_help", "--lang", "uk", "--country", "UA", "--campaign", "kyiv",
                 "-o", str(output), "--bot", USERNAME])  # fmt: skip

    assert code == 0
    link = f"https://t.me/{USERNAME}?start=get_help-uk-UA-_kyiv"
    assert capsys.readouterr().out == f"{output}: QR code of {link}\n"
    if suffix == ".svg":
        svg = output.read_text(encoding="utf-8")
        assert "<svg" in svg
        image = svg_image(svg)
    else:
        data = output.read_bytes()
        assert data.startswith(PNG_SIGNATURE)
        image = png_image(data)
    assert decode(image) == link
    assert parsed(bundle, link) == DeepLink("get_help", "uk", "UA", "kyiv")


def test_leaflet_writes_the_printable_page(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    output = tmp_path / "leaflet.html"

    code = main(["leaflet", "--lang", "ar", "--country", "UA", "-o", str(output),
                 "--bot", USERNAME])  # fmt: skip

    assert code == 0
    document = output.read_text(encoding="utf-8")
    assert document.startswith("<!DOCTYPE html>")
    assert '<html lang="ar" dir="rtl">' in document
    assert f"@{USERNAME}" in document
    assert capsys.readouterr().out.startswith(f"{output}: leaflet in ar for UA")


def test_wallet_cards_signed_by_who_distributes_them(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    output = tmp_path / "cards.html"

    code = main(["leaflet", "--lang", "uk", "--country", "UA", "--layout", "wallet", "--by",
                 "  La   Strada-Ukraine ", "-o", str(output), "--bot", USERNAME])  # fmt: skip

    assert code == 0
    document = output.read_text(encoding="utf-8")
    assert document.count('class="card"') == 10
    assert "<bdi>La Strada-Ukraine</bdi>" in document
    assert capsys.readouterr().out == (
        f"{output}: 10 wallet cards in uk for UA; open it in a browser and print it on A4 "
        "(one page).\n"
    )


@pytest.mark.parametrize("by", ["", "   ", "x" * 81])
def test_a_by_line_that_is_empty_or_too_long_is_one_line_and_exit_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], by: str
) -> None:
    output = tmp_path / "leaflet.html"

    code = main(["leaflet", "--lang", "en", "--country", "UA", "--by", by, "-o", str(output),
                 "--bot", USERNAME])  # fmt: skip

    assert code == 1
    assert one_error_line(capsys).startswith("error: --by names who distributes the leaflet")
    assert not output.exists()


@pytest.mark.parametrize(
    "command",
    [
        ["links"],
        ["qr", "get_help", "--lang", "en", "-o", "x.svg"],
        ["leaflet", "--lang", "en", "--country", "UA", "-o", "x.html"],
    ],
)
def test_without_a_username_one_line_and_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: list[str]
) -> None:
    argv = [str(tmp_path / part) if part.startswith("x.") else part for part in command]

    assert main(argv) == 2

    out, err = capsys.readouterr()
    assert out == ""
    assert err == f"{share_cli.NO_USERNAME}\n"
    assert not list(tmp_path.iterdir())


def test_a_malformed_username_is_refused_with_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["links", "--bot", "not a bot"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "'not a bot' is not a bot username" in err


@pytest.mark.parametrize(
    ("command", "message"),
    [
        (["qr", "no_such_page", "--lang", "en"], "error: unknown page 'no_such_page'"),
        (["qr", "get_help", "--lang", "xx"], "error: unknown language 'xx'"),
        (["qr", "get_help", "--lang", "en", "--country", "XX"], "error: unknown country 'XX'"),
        (["leaflet", "--lang", "tlh", "--country", "UA"], "error: unknown language 'tlh'"),
        (["leaflet", "--lang", "en", "--country", "ZZ"], "error: unknown country 'ZZ'"),
        (["links", "--country", "Ukraine"], "error: unknown country 'Ukraine'"),
        (["leaflet", "--lang", "en", "--country", "UA", "--campaign", "bad-tag"],
         "error: cannot make a deep link"),
    ],
)  # fmt: skip
def test_unknown_page_language_or_country_one_line_and_exit_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: list[str], message: str
) -> None:
    output = tmp_path / ("out.html" if command[0] == "leaflet" else "out.svg")
    if command[0] != "links":
        command = [*command, "-o", str(output)]

    assert main([*command, "--bot", USERNAME]) == 1

    out, err = capsys.readouterr()
    assert out == ""
    assert err.startswith(message)
    assert err.count("\n") == 1
    assert not output.exists()


def test_qr_refuses_other_file_types(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    output = tmp_path / "code.gif"
    assert main(["qr", "get_help", "--lang", "en", "-o", str(output), "--bot", USERNAME]) == 1
    assert capsys.readouterr().err == f"error: {output} must end in .svg or .png\n"
    assert not output.exists()


def test_languages_and_countries_are_taken_in_any_case(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    output = tmp_path / "code.svg"

    code = main(["qr", "get_help", "--lang", "UK", "--country", "ua", "-o", str(output),
                 "--bot", USERNAME])  # fmt: skip

    assert code == 0
    link = f"https://t.me/{USERNAME}?start=get_help-uk-UA"
    assert capsys.readouterr().out == f"{output}: QR code of {link}\n"


def test_an_unknown_language_names_the_known_ones(
    bundle: Bundle, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    output = tmp_path / "code.svg"
    assert main(["qr", "get_help", "--lang", "XX", "-o", str(output), "--bot", USERNAME]) == 1
    assert capsys.readouterr().err == (
        f"error: unknown language 'XX': choose one of {', '.join(bundle.languages)}\n"
    )


def make_leaflet(output: Path, country: str = "UA") -> int:
    return main(["leaflet", "--lang", "en", "--country", country, "-o", str(output),
                 "--bot", USERNAME])  # fmt: skip


def test_a_leaflet_for_a_country_without_a_directory_entry_is_refused_with_exit_2(
    bundle: Bundle, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert bundle.directory.get("GS") is None
    output = tmp_path / "leaflet.html"

    assert make_leaflet(output, "gs") == 2

    line = one_error_line(capsys)
    assert line.startswith("error: the hotline directory has no entry for GS, so its leaflet ")
    assert f"choose one of {', '.join(sorted(bundle.directory.countries))}" in line
    assert line.endswith("(`python -m bot hotlines` lists them)")
    assert not output.exists()


@pytest.mark.parametrize("name", ["leaflet.txt", "leaflet.htm", "leaflet"])
def test_a_leaflet_is_written_as_html_or_pdf_only(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str
) -> None:
    output = tmp_path / name
    assert make_leaflet(output) == 1
    assert capsys.readouterr().err == f"error: {output} must end in .html or .pdf\n"
    assert not output.exists()


def test_a_pdf_leaflet_without_chromium_is_refused_in_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(share_cli, "find_chromium", lambda: None)
    output = tmp_path / "leaflet.pdf"

    assert make_leaflet(output) == 1

    assert one_error_line(capsys) == (
        "error: a PDF leaflet is printed by Chromium, which is not installed (Debian: "
        "apt-get install chromium); or write an .html file and print it from a browser"
    )
    assert not output.exists()


@pytest.mark.parametrize("tag", ["bad-tag", "kyiv station", "x" * 33, "киев", "kyiv\n", ""])
def test_a_bad_campaign_tag_says_what_a_tag_may_contain(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], tag: str
) -> None:
    output = tmp_path / "code.svg"

    code = main(["qr", "get_help", "--lang", "en", "--campaign", tag, "-o", str(output),
                 "--bot", USERNAME])  # fmt: skip

    assert code == 1
    assert capsys.readouterr().err == (
        f"error: cannot make a deep link with the campaign tag {tag!r}: a tag is 1 to 32 "
        "letters A-Z a-z, digits 0-9 and _ (no - or spaces), e.g. kyiv_station\n"
    )
    assert not output.exists()


def test_a_deep_link_too_long_for_telegram_says_so() -> None:
    with pytest.raises(CommandError) as refused:
        share_cli._link(USERNAME, "p" * 30, "en", "UA", "x" * 32)

    assert str(refused.value) == (
        f"error: cannot make a deep link to {'p' * 30} in en for UA with the campaign tag "
        f"{'x' * 32!r}: it would be longer than Telegram's 64 characters; shorten the tag"
    )
    assert refused.value.code == 1


def test_a_chromium_that_fails_is_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(share_cli, "find_chromium", lambda: "/bin/false")
    output = tmp_path / "leaflet.pdf"

    assert make_leaflet(output) == 1

    assert one_error_line(capsys) == "error: Chromium could not print the leaflet: exit status 1"
    assert not output.exists()
