"""Tests for the Bot API request checker in ``tests/botapi``."""

from __future__ import annotations

import json
from typing import Any

import pytest

from tests.botapi import assert_valid_call, check_call, check_wire_call, load_spec

INLINE_KEYBOARD: dict[str, Any] = {
    "inline_keyboard": [
        [
            {"text": "Yes", "callback_data": "answer:yes"},
            {"text": "No", "callback_data": "answer:no"},
        ],
        [{"text": "Help", "url": "https://example.org/help"}],
    ]
}

ARTICLE: dict[str, Any] = {
    "type": "article",
    "id": "1",
    "title": "Get help",
    "input_message_content": {"message_text": "Call 112", "parse_mode": "HTML"},
}


def keyboard_message(keyboard: Any) -> dict[str, Any]:
    """Return sendMessage parameters with the given ``inline_keyboard`` value."""
    return {"chat_id": 42, "text": "Choose", "reply_markup": {"inline_keyboard": keyboard}}


# --- spec ---------------------------------------------------------------------------


def test_spec_is_bot_api_10_and_has_no_descriptions() -> None:
    spec = load_spec()
    assert spec["version"] == "Bot API 10.0"
    assert spec["methods"]["sendMessage"]["fields"]["chat_id"] == {
        "required": True,
        "types": ["Integer", "String"],
    }
    assert spec["types"]["InlineQueryResultArticle"]["discriminator"] == {
        "field": "type",
        "value": "article",
    }
    assert "description" not in json.dumps(spec["types"]["Message"])


# --- error classes ------------------------------------------------------------------


def test_unknown_method() -> None:
    assert check_call("sendMesage", {"chat_id": 1, "text": "hi"}) == [
        "sendMesage: unknown method (did you mean sendMessage?)"
    ]


def test_missing_required_parameter() -> None:
    assert check_call("sendMessage", {"chat_id": 1}) == [
        "sendMessage.text: missing required parameter"
    ]


def test_unknown_parameter() -> None:
    problems = check_call("sendMessage", {"chat_id": 1, "text": "hi", "disable_preview": True})
    assert problems == ["sendMessage.disable_preview: unknown parameter"]


@pytest.mark.parametrize(
    ("method", "params", "expected"),
    [
        (
            "sendMessage",
            {"chat_id": 1, "text": 5},
            "sendMessage.text: expected String, got int",
        ),
        (
            "sendMessage",
            {"chat_id": 1, "text": "hi", "message_thread_id": True},
            "sendMessage.message_thread_id: expected Integer, got bool",
        ),
        (
            "sendMessage",
            {"chat_id": True, "text": "hi"},
            "sendMessage.chat_id: expected Integer or String, got bool",
        ),
        (
            "sendMessage",
            {"chat_id": 1, "text": "hi", "disable_notification": 1},
            "sendMessage.disable_notification: expected Boolean, got int",
        ),
        (
            "sendLocation",
            {"chat_id": 1, "latitude": "50.1", "longitude": 8},
            "sendLocation.latitude: expected Float, got str",
        ),
        (
            "sendMessage",
            {"chat_id": 1, "text": "hi", "entities": {"type": "bold"}},
            "sendMessage.entities: expected Array of MessageEntity, got dict",
        ),
    ],
)
def test_wrong_scalar_types(method: str, params: dict[str, Any], expected: str) -> None:
    assert check_call(method, params) == [expected]


def test_float_accepts_int_but_integer_rejects_float() -> None:
    assert check_call("sendLocation", {"chat_id": 1, "latitude": 50, "longitude": 8.5}) == []
    assert check_call("sendMessage", {"chat_id": 1.0, "text": "hi"}) == [
        "sendMessage.chat_id: expected Integer or String, got float"
    ]


def test_nested_wrong_type_inside_inline_keyboard() -> None:
    keyboard = [[{"text": "a", "callback_data": "x"}, {"text": "b", "callback_data": 7}]]
    assert check_call("sendMessage", keyboard_message(keyboard)) == [
        "sendMessage.reply_markup.inline_keyboard[0][1].callback_data: expected String, got int"
    ]


def test_nested_unknown_field_in_button() -> None:
    keyboard = [[{"text": "a", "payload": "x"}]]
    assert check_call("sendMessage", keyboard_message(keyboard)) == [
        (
            "sendMessage.reply_markup.inline_keyboard[0][0].payload: "
            "unknown field of InlineKeyboardButton"
        )
    ]


def test_nested_missing_required_field_in_button() -> None:
    keyboard = [[{"callback_data": "x"}]]
    assert check_call("sendMessage", keyboard_message(keyboard)) == [
        (
            "sendMessage.reply_markup.inline_keyboard[0][0].text: "
            "missing required field of InlineKeyboardButton"
        )
    ]


def test_button_row_that_is_not_a_list() -> None:
    keyboard = [{"text": "a", "callback_data": "x"}]
    assert check_call("sendMessage", keyboard_message(keyboard)) == [
        (
            "sendMessage.reply_markup.inline_keyboard[0]: "
            "expected Array of InlineKeyboardButton, got dict"
        )
    ]


def test_reply_markup_of_no_known_shape() -> None:
    params = {"chat_id": 1, "text": "hi", "reply_markup": [["a"]]}
    assert check_call("sendMessage", params) == [
        (
            "sendMessage.reply_markup: expected InlineKeyboardMarkup or ReplyKeyboardMarkup "
            "or ReplyKeyboardRemove or ForceReply, got list"
        )
    ]


def test_all_problems_are_reported() -> None:
    problems = check_call("sendMessage", {"text": 1, "colour": "red"})
    assert sorted(problems) == [
        "sendMessage.chat_id: missing required parameter",
        "sendMessage.colour: unknown parameter",
        "sendMessage.text: expected String, got int",
    ]


# --- valid calls --------------------------------------------------------------------


def test_valid_send_message_with_inline_keyboard_and_link_preview_options() -> None:
    params = {
        "chat_id": 42,
        "text": "<b>Choose</b>",
        "parse_mode": "HTML",
        "reply_markup": INLINE_KEYBOARD,
        "link_preview_options": {"is_disabled": True},
        "reply_parameters": {"message_id": 7},
    }
    assert check_call("sendMessage", params) == []


def test_valid_edit_message_text() -> None:
    params = {
        "chat_id": "@channel",
        "message_id": 10,
        "text": "Updated",
        "reply_markup": INLINE_KEYBOARD,
    }
    assert check_call("editMessageText", params) == []


def test_valid_answer_callback_query() -> None:
    params = {"callback_query_id": "abc", "text": "Saved", "show_alert": False}
    assert check_call("answerCallbackQuery", params) == []


def test_valid_get_me_without_parameters() -> None:
    assert check_call("getMe", {}) == []


# --- subtypes selected by a discriminator -------------------------------------------


def test_set_my_commands_with_default_scope() -> None:
    params = {
        "commands": [{"command": "start", "description": "Start"}],
        "scope": {"type": "default"},
        "language_code": "en",
    }
    assert check_call("setMyCommands", params) == []


def test_set_my_commands_with_unknown_scope_type() -> None:
    params = {"commands": [], "scope": {"type": "everyone"}}
    [problem] = check_call("setMyCommands", params)
    assert problem.startswith("setMyCommands.scope.type: unknown BotCommandScope type 'everyone'")
    assert "'all_private_chats'" in problem


def test_scope_subtype_fields_are_checked() -> None:
    params = {"commands": [], "scope": {"type": "chat"}}
    assert check_call("setMyCommands", params) == [
        "setMyCommands.scope.chat_id: missing required field of BotCommandScopeChat"
    ]


def test_inline_query_result_article_passes() -> None:
    params = {"inline_query_id": "q1", "results": [ARTICLE], "cache_time": 0}
    assert check_call("answerInlineQuery", params) == []


def test_inline_query_result_with_wrong_type_fails() -> None:
    params = {"inline_query_id": "q1", "results": [{**ARTICLE, "type": "articles"}]}
    [problem] = check_call("answerInlineQuery", params)
    assert problem.startswith(
        "answerInlineQuery.results[0].type: unknown InlineQueryResult type 'articles'"
    )


def test_inline_query_result_content_is_checked() -> None:
    article = {**ARTICLE, "input_message_content": {"message_text": 1}}
    params = {"inline_query_id": "q1", "results": [article]}
    assert check_call("answerInlineQuery", params) == [
        (
            "answerInlineQuery.results[0].input_message_content.message_text: "
            "expected String, got int"
        )
    ]


def test_media_group_may_mix_photos_and_videos_but_not_stickers() -> None:
    photo = {"type": "photo", "media": "attach://file0"}
    video = {"type": "video", "media": "https://example.org/v.mp4"}
    assert check_call("sendMediaGroup", {"chat_id": 1, "media": [photo, video]}) == []
    sticker = {**photo, "type": "sticker"}
    [problem] = check_call("sendMediaGroup", {"chat_id": 1, "media": [photo, sticker]})
    assert problem.startswith("sendMediaGroup.media[1]: expected InputMediaAudio or")
    assert problem.endswith("got type 'sticker'")


# --- uploads ------------------------------------------------------------------------


def test_uploaded_file_counts_as_supplied_parameter() -> None:
    missing = ["sendPhoto.photo: missing required parameter"]
    assert check_call("sendPhoto", {"chat_id": 1}) == missing
    assert check_call("sendPhoto", {"chat_id": 1}, uploads=["photo"]) == []


def test_upload_for_parameter_that_takes_no_file() -> None:
    assert check_call("sendMessage", {"chat_id": 1}, uploads=["text"]) == [
        "sendMessage.text: uploaded as a file, but expected String"
    ]


# --- wire format --------------------------------------------------------------------


def test_wire_call_decodes_chat_id_and_reply_markup() -> None:
    form = {
        "chat_id": "123",
        "text": "hi",
        "reply_markup": json.dumps(INLINE_KEYBOARD),
        "disable_notification": "true",
    }
    assert check_wire_call("sendMessage", form) == []


def test_wire_call_checks_decoded_json() -> None:
    bad_keyboard = {"inline_keyboard": [[{"text": "a", "callback_data": 1}]]}
    form = {"chat_id": "123", "text": "hi", "reply_markup": json.dumps(bad_keyboard)}
    assert check_wire_call("sendMessage", form) == [
        "sendMessage.reply_markup.inline_keyboard[0][0].callback_data: expected String, got int"
    ]


def test_wire_call_rejects_invalid_json_for_non_string_field() -> None:
    form = {"chat_id": "123", "text": "hi", "reply_markup": "{inline_keyboard: []}"}
    [problem] = check_wire_call("sendMessage", form)
    assert problem.startswith("sendMessage.reply_markup: invalid JSON for InlineKeyboardMarkup")


def test_wire_call_rejects_unquoted_word_for_boolean() -> None:
    form = {"chat_id": "1", "text": "hi", "disable_notification": "yes"}
    [problem] = check_wire_call("sendMessage", form)
    assert problem.startswith("sendMessage.disable_notification: invalid JSON for Boolean")


def test_wire_call_reports_unknown_method_and_parameter() -> None:
    assert check_wire_call("getMee", {}) == ["getMee: unknown method (did you mean getMe?)"]
    assert check_wire_call("getMe", {"x": "1"}) == ["getMe.x: unknown parameter"]


# --- assert helper ------------------------------------------------------------------


def test_assert_valid_call_lists_every_problem() -> None:
    with pytest.raises(AssertionError, match="invalid Bot API call sendMessage") as error:
        assert_valid_call("sendMessage", {"text": 3})
    message = str(error.value)
    assert "sendMessage.chat_id: missing required parameter" in message
    assert "sendMessage.text: expected String, got int" in message


def test_assert_valid_call_accepts_valid_call() -> None:
    assert_valid_call("sendMessage", {"chat_id": 1, "text": "hi"})


# --- python-telegram-bot output -----------------------------------------------------


def test_python_telegram_bot_request_data_is_valid() -> None:
    telegram = pytest.importorskip("telegram")
    request = pytest.importorskip("telegram.request")
    from telegram.request._requestparameter import RequestParameter

    markup = telegram.InlineKeyboardMarkup(
        [[telegram.InlineKeyboardButton("Yes", callback_data="yes")]]
    )
    values = {
        "chat_id": 42,
        "text": "Choose",
        "reply_markup": markup,
        "link_preview_options": telegram.LinkPreviewOptions(is_disabled=True),
        "disable_notification": True,
    }
    data = request.RequestData([RequestParameter.from_input(k, v) for k, v in values.items()])
    assert check_call("sendMessage", data.parameters) == []
    assert check_wire_call("sendMessage", data.json_parameters) == []
