"""Showing a :class:`~bot.core.screens.Screen` in Telegram: the one place screens meet
Telegram: sending, editing in place, deleting, voice messages and inline answers.

Messages use HTML and no link previews (cheaper on slow networks). Navigation edits the
message in place; when Telegram cannot edit it (too old, deleted), a new one is sent.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable

from telegram import (
    Bot,
    CallbackQuery,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    InlineQueryResultArticle,
    InputFile,
    InputTextMessageContent,
    KeyboardButton,
    LinkPreviewOptions,
    Message,
    ReplyKeyboardMarkup,
)
from telegram.constants import ParseMode
from telegram.error import BadRequest

from bot.core.screens import Card, Screen

log = logging.getLogger(__name__)

NO_PREVIEW = LinkPreviewOptions(is_disabled=True)


def markup(screen: Screen) -> InlineKeyboardMarkup | None:
    if not screen.rows:
        return None
    return InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(button.label, url=button.url)
                if button.url
                else InlineKeyboardButton(button.label, callback_data=button.callback)
                for button in row
            ]
            for row in screen.rows
        ]
    )


async def send(bot: Bot, chat_id: int, screen: Screen, thread_id: int | None = None) -> list[int]:
    """Send ``screen`` as a new message (a photo with a caption when it has an image), in
    the forum topic ``thread_id`` if given. Returns the ids of the messages sent."""
    if screen.document is not None:
        name, content = screen.document
        document = await bot.send_document(
            chat_id=chat_id,
            document=InputFile(content, filename=name),
            caption=screen.text,
            parse_mode=ParseMode.HTML,
        )
        return [document.message_id]
    if screen.voice is not None:
        message_id, _ = await send_voice(bot, chat_id, screen)
        return [message_id]
    if screen.image is not None:
        message_id, _ = await send_photo(bot, chat_id, screen)
        return [message_id]
    message = await bot.send_message(
        chat_id=chat_id,
        text=screen.text,
        parse_mode=ParseMode.HTML,
        reply_markup=markup(screen),
        link_preview_options=NO_PREVIEW,
        message_thread_id=thread_id,
    )
    return [message.message_id, *await offer_location(bot, chat_id, screen)]


async def send_photo(bot: Bot, chat_id: int, screen: Screen) -> tuple[int, str | None]:
    """Send ``screen`` as a photo with its text as the caption (see :func:`_sent_once`).
    Returns the message id and the file_id Telegram gave the photo."""
    picture = screen.image
    assert picture is not None
    options = {"caption": screen.text, "parse_mode": ParseMode.HTML, "reply_markup": markup(screen)}
    name = f"{picture.key.split(':', 1)[0]}.png"  # "qr.png"
    message = await _sent_once(
        lambda photo: bot.send_photo(chat_id=chat_id, photo=photo, **options),
        picture.file_id, lambda: InputFile(picture.png, filename=name), "photo",
    )  # fmt: skip
    return message.message_id, message.photo[-1].file_id if message.photo else None


async def send_voice(bot: Bot, chat_id: int, screen: Screen) -> tuple[int, str | None]:
    """Send ``screen`` as a voice message (see :func:`_sent_once`). Returns the message id
    and the file_id Telegram gave the voice."""
    voice = screen.voice
    assert voice is not None
    options = {"caption": screen.text, "parse_mode": ParseMode.HTML, "reply_markup": markup(screen)}
    path = voice.path
    upload = None if path is None else lambda: InputFile(path.read_bytes(), filename=path.name)
    message = await _sent_once(
        lambda audio: bot.send_voice(chat_id=chat_id, voice=audio, **options),
        voice.file_id, upload, "voice",
    )  # fmt: skip
    return message.message_id, message.voice.file_id if message.voice else None


async def _sent_once(
    sending: Callable[[str | InputFile], Awaitable[Message]], file_id: str | None,
    upload: Callable[[], InputFile] | None, what: str,
) -> Message:  # fmt: skip
    """A file sent by Telegram's ``file_id`` when known, else uploaded (also when Telegram
    no longer knows the file_id, if there is something to upload)."""
    if file_id is not None:
        try:
            return await sending(file_id)
        except BadRequest as exc:
            if upload is None:
                raise
            log.info("a kept %s file id was refused (%s): uploading the file", what, exc)
    assert upload is not None
    return await sending(upload())


async def offer_location(bot: Bot, chat_id: int, screen: Screen) -> list[int]:
    """A screen that asks for the user's location gets a one-time keyboard to share it:
    only a reply keyboard can ask Telegram for a location, so it comes as its own message."""
    if not screen.ask_location:
        return []
    button = KeyboardButton(screen.ask_location, request_location=True)
    keyboard = ReplyKeyboardMarkup([[button]], resize_keyboard=True, one_time_keyboard=True)
    prompt = await bot.send_message(
        chat_id=chat_id, text=screen.ask_location, reply_markup=keyboard
    )
    return [prompt.message_id]


async def delete(bot: Bot, chat_id: int, message_ids: list[int]) -> None:
    """Delete messages, 100 at a time; those Telegram no longer allows are skipped."""
    for start in range(0, len(message_ids), 100):
        try:
            await bot.delete_messages(chat_id, message_ids[start : start + 100])
        except BadRequest as exc:
            log.info("some messages could not be deleted: %s", exc)


async def show_in_place(query: CallbackQuery, screen: Screen) -> list[int]:
    """Replace the tapped message with ``screen``; send a new one if it cannot be edited.
    Returns the ids of new messages sent."""
    message = query.message
    if message is None:  # an inline message, or one too old for Telegram to include
        return []
    if screen.image is not None or screen.document is not None:  # files come as new messages
        return await send(query.get_bot(), message.chat.id, screen)
    try:
        await query.edit_message_text(
            text=screen.text,
            parse_mode=ParseMode.HTML,
            reply_markup=markup(screen),
            link_preview_options=NO_PREVIEW,
        )
        return await offer_location(query.get_bot(), message.chat.id, screen)
    except BadRequest as exc:
        reason = str(exc).lower()
        if "not modified" in reason:
            log.debug("message already shows this screen")
            return []
        if "can't be edited" in reason or "not found" in reason or "no text" in reason:
            return await send(query.get_bot(), message.chat.id, screen)
        raise


async def acknowledge(query: CallbackQuery, toast: str | None = None, alert: bool = False) -> None:
    """Answer a button tap, so the client stops its spinner; ``toast`` flashes over the
    chat, or with ``alert`` stays until closed. A query too old is harmless."""
    try:
        await query.answer(toast, show_alert=alert and toast is not None)
    except BadRequest as exc:
        if (
            "query is too old" not in str(exc).lower()
            and "query id is invalid" not in str(exc).lower()
        ):
            raise
        log.debug("button tap answered too late: %s", exc)


def inline_results(cards: list[Card]) -> list[InlineQueryResultArticle]:
    """Cards as inline-mode answers: a message to send, and a button into the bot."""
    return [
        InlineQueryResultArticle(
            id=card.id,
            title=card.title,
            description=card.description,
            input_message_content=InputTextMessageContent(
                card.text, parse_mode=ParseMode.HTML, link_preview_options=NO_PREVIEW
            ),
            reply_markup=InlineKeyboardMarkup(
                [[InlineKeyboardButton(card.link_label, url=card.link)]]
            ),
        )
        for card in cards
    ]
