"""The thin adapter between python-telegram-bot and the features: for each kind of route,
a handler callback that reads the update (who, which chat, what argument), asks the
feature, and shows its answer with :mod:`bot.telegram.render`.

In private chats the ids of the chat's messages, the person's and the bot's, are kept for
the safety exit (never their text). Every tap is answered, even when showing the screen
fails, so no client is left spinning.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from telegram import Bot, Message, Update
from telegram.constants import ChatType
from telegram.ext import ApplicationHandlerStop, ContextTypes

from bot.core.callbacks import Action
from bot.core.relay import Posted
from bot.core.screens import Reply, Screen, as_reply
from bot.core.services import Services
from bot.core.visit import User, Visit
from bot.telegram.render import (
    acknowledge,
    delete,
    inline_results,
    send,
    send_photo,
    send_voice,
    show_in_place,
)
from bot.telegram.vanish import Vanishing

Callback = Callable[[Update, ContextTypes.DEFAULT_TYPE], Awaitable[None]]
INLINE_CACHE_SECONDS = 300


class Answers:
    def __init__(self, services: Services, vanishing: Vanishing | None = None) -> None:
        self.services = services
        self.vanishing = vanishing or Vanishing()

    # -- one callback per route ------------------------------------------------------------
    # Each looks its route up in the table when called: the table is the one source.
    def command(self, name: str) -> Callback:
        async def callback(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
            route = self.services.routes.commands[name]
            message = update.effective_message
            if message is None or (route.private and not in_private(message)):
                return  # e.g. /exit in a group: the ids kept are of the private chat
            visit = await self.visit(update, in_private(message))
            if visit is not None:
                answer = await route.answer(visit, argument(message, route.html))
                await self.reply(context.bot, message, as_reply(answer))

        return callback

    def tap(self, action: Action | None) -> Callback:
        """The callback for buttons of ``action``; ``None``: data that is no one's."""

        async def callback(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
            route = self.services.routes.taps.get(action) if action else None
            query = update.callback_query
            if query is None:
                return
            message = query.message if isinstance(query.message, Message) else None
            private = message is not None and in_private(message)
            if route is not None and route.private and not private:
                await acknowledge(query)  # the safety exit is for the private chat only
                return
            try:
                visit = await self.visit(update, private)
                if visit is None:
                    return
                given = (route.action.argument_of(query.data or "") or "") if route else ""
                reply = await self.services.tapped(visit, route, given)
            except Exception:
                await acknowledge(query)
                raise
            await acknowledge(query, reply.toast, reply.alert)
            if message is None:
                return
            bot, chat_id = context.bot, message.chat.id
            if reply.leave:  # the safety exit, from its button
                await self.leave(bot, chat_id, message.message_id, reply)
                return
            if reply.keep:
                sent = []
            elif reply.screen.image is not None or reply.screen.voice is not None:
                sent = await self.send_all(bot, chat_id, (reply.screen,))  # a new message
            else:
                sent = await show_in_place(query, reply.screen)
            sent += await self.send_all(bot, chat_id, reply.then)
            if reply.remember and private:
                await self.services.remember_ids(chat_id, sent)

        return callback

    async def text(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        message, route = update.effective_message, self.services.routes.text
        if message is None or route is None:
            return
        if visit := await self.visit(update, in_private(message), context):
            answer = await route.answer(visit, message.text)
            await self.reply(context.bot, message, as_reply(answer))

    async def from_person(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """A person's message, for the relay: part of their case (copied to its topic, and
        answered by nothing else), or not (the other handlers answer it)."""
        message, route = update.effective_message, self.services.routes.conversation
        if message is None or route is None or not in_private(message):
            return
        visit = await self.visit(update, private=True, context=context)
        if visit is None:
            return
        relayed = await route.from_person(visit, posted(message, update.edited_message is not None))
        if relayed is None:
            return
        if update.edited_message is None:
            await self.services.remember_ids(message.chat.id, [message.message_id])
        if relayed.answer is not None:
            await self.reply(context.bot, message, as_reply(relayed.answer), own=False)
        raise ApplicationHandlerStop

    async def from_staff(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """What staff post in a topic of the staff chat: the relay's, and no one else's."""
        message, route = update.effective_message, self.services.routes.conversation
        if message is None or route is None or update.effective_user is None:
            return
        if update.effective_user.is_bot:
            raise ApplicationHandlerStop
        await route.from_staff(posted(message, update.edited_message is not None))
        raise ApplicationHandlerStop

    async def location(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        message, route = update.effective_message, self.services.routes.location
        if message is None or message.location is None or route is None:
            return
        if visit := await self.visit(update, in_private(message), context):
            place = message.location
            answer = await route.answer(visit, place.latitude, place.longitude)
            await self.reply(context.bot, message, as_reply(answer))

    async def inline(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        query, route = update.inline_query, self.services.routes.inline
        if query is None or route is None:
            return
        if visit := await self.visit(update, private=False):
            cards = await route.answer(visit, query.query)
            # Personal: the first card is the user's own country.
            await query.answer(inline_results(cards), cache_time=INLINE_CACHE_SECONDS,
                               is_personal=True)  # fmt: skip

    async def unknown_command(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        message = update.effective_message
        if message is None:
            return
        if not in_private(message) and not addressed_to(message, context.bot.username):
            return  # a group's commands are for other bots unless they name this one
        await self.menu_with(update, context.bot, "unknown_command")

    async def menu_with(self, update: Update, bot: Bot, key: str) -> None:
        """The menu with the wording ``key`` above it, in the chat of ``update``."""
        message = update.effective_message
        if message is not None and (visit := await self.visit(update, in_private(message))):
            await self.reply(bot, message, Reply(await self.services.menu_with(visit, key)))

    # -- showing answers ------------------------------------------------------------------
    async def visit(
        self, update: Update, private: bool, context: ContextTypes.DEFAULT_TYPE | None = None
    ) -> Visit | None:
        """Who sent the update, with their language and country; ``None`` for channels.
        With ``context`` (one per update, shared by the handler groups), read once: the
        relay's handler and then the text's see the same visit."""
        kept = getattr(context, "visit", None)
        if isinstance(kept, Visit) and kept.private == private:
            return kept
        sender = update.effective_user
        if sender is None:
            return None
        visit = await self.services.visit(User(sender.id, sender.language_code), private)
        if context is not None:
            context.visit = visit  # type: ignore[attr-defined]
        return visit

    async def reply(self, bot: Bot, message: Message, reply: Reply, own: bool = True) -> None:
        """Answer a message with new messages (or, for the safety exit, delete first). In a
        private chat the ids of both are kept, for the safety exit (the message's own
        unless ``own`` is False: kept already)."""
        chat_id = message.chat.id
        if reply.leave:  # in a private chat a bot may delete the person's messages too
            await self.leave(bot, chat_id, message.message_id, reply)
            return
        sent = await self.send_all(bot, chat_id, (reply.screen, *reply.then))
        if reply.vanish_after is not None:
            self.vanishing.later(bot, chat_id, sent, reply.vanish_after)
        elif reply.remember and in_private(message):
            await self.services.remember_ids(chat_id, ([message.message_id] if own else []) + sent)

    async def send_all(self, bot: Bot, chat_id: int, screens: tuple[Screen, ...]) -> list[int]:
        sent: list[int] = []
        for screen in screens:
            upload = screen.voice or screen.image  # sent by file_id once Telegram has it
            if upload is None:
                sent += await send(bot, chat_id, screen)
                continue
            sending = send_voice if screen.voice is not None else send_photo
            message_id, file_id = await sending(bot, chat_id, screen)
            if file_id is not None:
                await self.services.uploaded(upload.key, upload.file_id, file_id)
            sent.append(message_id)
        return sent

    async def leave(self, bot: Bot, chat_id: int, message_id: int, reply: Reply) -> None:
        """The safety exit: delete the chat's messages (``message_id`` is the update's own,
        the command or the tapped message) in as few requests as Telegram allows, then say
        what is left to say, unless a tap's alert said it: in a message that deletes itself
        (``vanish_after``), which is not remembered."""
        await delete(bot, chat_id, sorted({*reply.delete, message_id}))
        if reply.alert:
            return
        sent = await send(bot, chat_id, reply.screen)
        if reply.vanish_after is not None:
            self.vanishing.later(bot, chat_id, sent, reply.vanish_after)


def posted(message: Message, edited: bool) -> Posted:
    """A message as the relay sees it (its words only to read, never kept)."""
    reply = message.reply_to_message
    text = message.text if message.text is not None else message.caption
    html = message.text_html if message.text is not None else message.caption_html
    return Posted(
        chat_id=message.chat.id, message_id=message.message_id,
        thread_id=message.message_thread_id if message.is_topic_message else None,
        reply_to=reply.message_id if reply is not None and not reply.forum_topic_created else None,
        text=text, html=html if text is not None else None,
        caption=message.text is None and message.caption is not None, edited=edited,
    )  # fmt: skip


def in_private(message: Message) -> bool:
    return message.chat.type == ChatType.PRIVATE


def argument(message: Message, as_html: bool = False) -> str:
    """What follows the command, as plain text or as Telegram HTML (formatting kept)."""
    text = (message.text_html if as_html else message.text) or ""
    parts = text.split(maxsplit=1)
    return parts[1].strip() if len(parts) > 1 else ""


def addressed_to(message: Message, username: str | None) -> bool:
    """Whether a command names this bot, as in ``/start@ThisBot``."""
    command = (message.text or "").split(maxsplit=1)[0] if message.text else ""
    _, _, name = command.partition("@")
    return bool(name and username) and name.lower() == str(username).lower()
