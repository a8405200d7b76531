"""Telegram's limits and HTML rules, as checked on a rendered :class:`Screen`."""

from __future__ import annotations

import pytest

from bot.content.checks import html_problems, limit_problems
from bot.core.screens import (
    MAX_BUTTONS_PER_KEYBOARD,
    MAX_BUTTONS_PER_ROW,
    MAX_CALLBACK_BYTES,
    MAX_MESSAGE_CHARS,
    Button,
    Screen,
    visible_text,
)


def test_telegram_limits() -> None:
    # https://core.telegram.org/bots/api#sendmessage and #inlinekeyboardbutton
    assert MAX_MESSAGE_CHARS == 4096
    assert MAX_CALLBACK_BYTES == 64
    assert MAX_BUTTONS_PER_ROW == 8
    assert MAX_BUTTONS_PER_KEYBOARD == 100


def button(number: int = 0) -> Button:
    return Button(f"Button {number}", callback=f"p:page{number}")


# --- limit_problems: text length ----------------------------------------------------------


def test_a_plain_screen_has_no_problems() -> None:
    screen = Screen("<b>Title</b>\n\nText.", ((button(1), button(2)), (button(3),)))
    assert limit_problems(screen) == []


def test_exactly_4096_characters_is_allowed() -> None:
    assert limit_problems(Screen("x" * 4096)) == []


def test_4097_characters_is_too_long() -> None:
    assert limit_problems(Screen("x" * 4097)) == [
        "the message is 4097 characters long (an emoji may count as 2); Telegram allows 4096: "
        "shorten it or split it into sub-pages"
    ]


def test_tags_do_not_count_towards_the_length() -> None:
    text = "<b>" + "x" * 4000 + '</b><a href="https://example.org/">' + "y" * 96 + "</a>"
    assert limit_problems(Screen(text)) == []
    assert len(visible_text(text)) == 4096


def test_an_entity_counts_as_one_character() -> None:
    assert limit_problems(Screen("&amp;" * 4096)) == []
    assert limit_problems(Screen("&lt;" * 2048 + "&#x1F6A8;" * 1024)) == []
    (problem,) = limit_problems(Screen("&amp;" * 4097))
    assert problem.startswith("the message is 4097 characters")


def test_emoji_outside_the_basic_plane_count_as_two_as_telegram_counts() -> None:
    assert limit_problems(Screen("🚨" * 2048)) == []
    (problem,) = limit_problems(Screen("🚨" * 2048 + "x"))
    assert problem.startswith("the message is 4097 characters")


def test_non_ascii_characters_count_as_characters_not_bytes() -> None:
    assert limit_problems(Screen("é" * 4096)) == []
    (problem,) = limit_problems(Screen("é" * 4097))
    assert "4097 characters" in problem


def test_visible_text() -> None:
    assert visible_text("<b>Tom</b> &amp; <i>Jerry</i> &lt;3") == "Tom & Jerry <3"
    assert visible_text('<a href="https://example.org/?a=1&amp;b=2">site</a>') == "site"
    assert visible_text("1 < 2 and <b>3</b>") == "1 < 2 and 3"


# --- limit_problems: buttons --------------------------------------------------------------


def test_eight_buttons_in_a_row_is_allowed() -> None:
    row = tuple(button(n) for n in range(8))
    assert limit_problems(Screen("Text", (row,))) == []


def test_nine_buttons_in_a_row_is_too_many() -> None:
    row = tuple(button(n) for n in range(9))
    assert limit_problems(Screen("Text", ((button(99),), row))) == [
        "row 2 has 9 buttons; Telegram allows 8"
    ]


def test_100_buttons_is_allowed() -> None:
    rows = tuple((button(n),) for n in range(100))
    assert limit_problems(Screen("Text", rows)) == []


def test_101_buttons_is_too_many() -> None:
    rows = tuple((button(n),) for n in range(101))
    assert limit_problems(Screen("Text", rows)) == [
        "101 buttons in all; Telegram allows 100 in one message"
    ]


def test_callback_data_of_64_bytes_is_allowed() -> None:
    data = "p:" + "a" * 62
    assert len(data.encode()) == 64
    assert limit_problems(Screen("Text", ((Button("Go", callback=data),),))) == []


def test_callback_data_of_65_bytes_is_too_long() -> None:
    data = "p:" + "a" * 63
    assert limit_problems(Screen("Text", ((Button("Go", callback=data),),))) == [
        "button 'Go' carries 65 bytes of data; Telegram allows 1-64 (shorten the page id)"
    ]


def test_callback_data_is_measured_in_utf8_bytes() -> None:
    data = "p:" + "é" * 32  # 34 characters, 66 bytes
    (problem,) = limit_problems(Screen("Text", ((Button("Go", callback=data),),)))
    assert "carries 66 bytes" in problem


def test_callback_data_of_0_bytes_is_not_allowed() -> None:
    assert limit_problems(Screen("Text", ((Button("Go", callback=""),),))) == [
        "button 'Go' carries 0 bytes of data; Telegram allows 1-64 (shorten the page id)"
    ]


def test_url_buttons_carry_no_callback_data() -> None:
    link = Button("Site", url="https://example.org/" + "a" * 200)
    assert limit_problems(Screen("Text", ((link,),))) == []


@pytest.mark.parametrize("label", ["", "   "])
def test_empty_button_label(label: str) -> None:
    assert limit_problems(Screen("Text", ((Button(label, callback="p:x"),),))) == [
        "a button has an empty label"
    ]


def test_every_limit_problem_is_reported() -> None:
    row = tuple(Button("x", callback="p:" + "a" * 70) for _ in range(9))
    problems = limit_problems(Screen("x" * 5000, (row,)))
    assert problems[0].startswith("the message is 5000 characters")
    assert problems[1] == "row 1 has 9 buttons; Telegram allows 8"
    assert problems[2:] == [problems[2]] * 9
    assert "carries 72 bytes" in problems[2]


def test_screen_buttons_in_reading_order() -> None:
    screen = Screen("Text", ((button(1), button(2)), (button(3),)))
    assert [b.label for b in screen.buttons()] == ["Button 1", "Button 2", "Button 3"]


# --- html_problems ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Plain text.",
        "<b>b</b> <strong>strong</strong> <i>i</i> <em>em</em> <u>u</u> <ins>ins</ins>",
        "<s>s</s> <strike>strike</strike> <del>del</del> <code>code</code> <pre>pre</pre>",
        '<a href="https://example.org/">a link</a>',
        '<a href="tg://user?id=123">a user</a>',
        "<blockquote>quote</blockquote>",
        "<blockquote expandable>long quote</blockquote>",
        '<span class="tg-spoiler">spoiler</span>',
        "<tg-spoiler>spoiler</tg-spoiler>",
        '<pre><code class="language-python">print(1)</code></pre>',
        '<tg-emoji emoji-id="5368324170671202286">👍</tg-emoji>',
        "<b>bold <i>italic <u>underlined</u></i></b>",
        "&lt;tag&gt; &amp; &quot;quoted&quot; &#39; &#x1F6A8;",
        '<a href="https://example.org/?a=1&amp;b=2">query</a>',
        "Line one\n\n• line two",
    ],
)
def test_html_telegram_accepts(text: str) -> None:
    assert html_problems(text) == []


@pytest.mark.parametrize("tag", ["div", "p", "br", "img", "h1", "script", "font"])
def test_disallowed_tag(tag: str) -> None:
    problems = html_problems(f"<{tag}>x</{tag}>")
    assert problems == [
        f"<{tag}> is not a tag Telegram accepts; use <b>, <i>, <u>, <s>, <a>, "
        "<code>, <pre> or <blockquote>, or write < as &lt;"
    ]


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ('<b class="x">x</b>', "<b> cannot have the attribute 'class'"),
        ('<a href="https://x.org" target="_top">x</a>', "<a> cannot have the attribute 'target'"),
        ('<blockquote cite="x">x</blockquote>', "<blockquote> cannot have the attribute 'cite'"),
        ('<span style="color:red">x</span>', "<span> cannot have the attribute 'style'"),
    ],
)  # fmt: skip
def test_disallowed_attribute(text: str, problem: str) -> None:
    assert html_problems(text) == [problem]


@pytest.mark.parametrize("text", ["<a>x</a>", '<a href="">x</a>', "<a href>x</a>"])
def test_link_needs_an_address(text: str) -> None:
    assert html_problems(text) == ['<a> needs href="https://..."']


def test_unclosed_tag() -> None:
    assert html_problems("<b>Bold to the end") == ["<b> is never closed"]


def test_every_unclosed_tag_is_named() -> None:
    assert html_problems("<b><i>x") == ["<b> is never closed", "<i> is never closed"]


def test_mismatched_closing_tag() -> None:
    problems = html_problems("<b><i>x</b></i>")
    assert problems[0] == "</b> closes a tag that is not open here (expected </i>)"
    assert "<b> is never closed" in problems


def test_closing_tag_never_opened() -> None:
    assert html_problems("x</b>") == [
        "</b> closes a tag that is not open here (expected no closing tag)"
    ]


@pytest.mark.parametrize("text", ["Tom & Jerry", "&nbsp;", "&copy; 2024", "a &amp b", "&"])
def test_bare_ampersand(text: str) -> None:
    assert html_problems(text) == ["write & as &amp; (Telegram reads & as the start of an entity)"]


@pytest.mark.parametrize("text", ["1 < 2", "a <3 b", "<>", "x <", "1 < 2 and <b>3</b>", "</>"])
def test_stray_less_than(text: str) -> None:
    assert "write < as &lt; and > as &gt; where they are not part of a tag" in html_problems(text)


def test_escaped_less_than_is_fine() -> None:
    assert html_problems("1 &lt; 2 and <b>3</b>") == []


def test_several_html_problems_are_all_reported() -> None:
    problems = html_problems("<div>Tom & Jerry</div> <b>1 < 2")
    assert problems[0].startswith("<div> is not a tag Telegram accepts")
    assert "write & as &amp; (Telegram reads & as the start of an entity)" in problems
    assert "write < as &lt; and > as &gt; where they are not part of a tag" in problems
    assert problems[-1] == "<b> is never closed"
