"""Building the python-telegram-bot Application: the services, the features and their
handlers, the campaign news sender, housekeeping, and the command menu.

Tests build it with a fake ``request`` and drive it with updates; ``python -m bot run``
builds it with the real network and polls (:mod:`bot.telegram.runner`).
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
import logging
import os
import signal
import time
from collections.abc import Sequence

from telegram import BotCommand, Update
from telegram.error import TelegramError
from telegram.ext import Application, ApplicationBuilder
from telegram.request import BaseRequest, HTTPXRequest

from bot.config import Config
from bot.content.bundle import Bundle, BundleHolder
from bot.content.model import SOURCE_LANGUAGE
from bot.content.sources import errors
from bot.core.feature import Feature
from bot.core.routes import Routes
from bot.core.services import Services
from bot.features.admin.feature import reload_report
from bot.features.news.broadcaster import Broadcaster, Clock
from bot.features.news.feature import News
from bot.features.registry import assemble
from bot.handlers import build_handlers
from bot.handlers.errors import error_handler
from bot.storage import PURGED_EVERY, Broadcast, Storage, StorageError
from bot.telegram.delivery import deliver, tell
from bot.telegram.desk import TelegramDesk
from bot.telegram.network import PatientRequest
from bot.telegram.polling import SkipUnreadable
from bot.telegram.render import send
from bot.telegram.update_order import PerUserOrder
from bot.telegram.vanish import Vanishing

log = logging.getLogger(__name__)

PURGE_EVERY_SECONDS = 3600  # users after their days, drafts after a day
EVERY_MINUTE = PURGED_EVERY.total_seconds()  # reopening the database; message ids
# Edits too: the relay passes on an edited message to its copy.
ALLOWED_UPDATES = [Update.MESSAGE, Update.EDITED_MESSAGE, Update.CALLBACK_QUERY,
                   Update.INLINE_QUERY]  # fmt: skip


def build_application(
    config: Config,
    bundle: Bundle,
    request: BaseRequest | None = None,
    reload_on_sighup: bool = False,
    clock: Clock | None = None,
    settle: bool = False,
) -> Application:  # type: ignore[type-arg]
    """The bot, ready to ``initialize``. ``request`` replaces the network (for tests);
    ``reload_on_sighup`` makes SIGHUP reload the content (for ``run``); ``clock`` paces
    campaign news (tests pass a faster one); ``settle`` (for ``run``): once started, what
    start-up made is moved out of the garbage collector's way (``gc.freeze``), so that a
    full collection while serving walks only what serving makes."""
    # python-telegram-bot 22 warns on every RetryAfter unless one opts in to the timedelta
    # durations its next major version uses; bot.telegram.delivery reads both kinds.
    os.environ.setdefault("PTB_TIMEDELTA", "true")
    token = config.require_token()
    storage = Storage(config.database)
    holder = BundleHolder(bundle, config.content_dir, config.locales_dir)
    purging: list[asyncio.Task[None]] = []
    vanishing = Vanishing()

    async def post_init(application: Application) -> None:  # type: ignore[type-arg]
        try:
            await storage.open()
        except StorageError as exc:  # content needs no database: serve, and try again
            log.warning("serving without the database for now: %s", exc)
        purging.append(asyncio.create_task(
            housekeeping(storage, config.retention_days, services.features)))  # fmt: skip
        broadcaster.start()
        await publish_commands(application, holder(), services.routes)
        if settle:
            gc.collect()
            gc.freeze()
        if reload_on_sighup and hasattr(signal, "SIGHUP"):
            asyncio.get_running_loop().add_signal_handler(
                signal.SIGHUP,
                lambda: application.create_task(
                    reload_and_tell_admins(application, holder, config)
                ),
            )

    async def post_stop(application: Application) -> None:  # type: ignore[type-arg]
        # Before the network closes: the message being sent is finished, the rest stays
        # queued for the next start; messages meant to delete themselves go now.
        await broadcaster.stop()
        await vanishing.now(application.bot)

    async def post_shutdown(application: Application) -> None:  # type: ignore[type-arg]
        try:
            await broadcaster.stop()  # in case the bot was never started
            for task in purging:
                task.cancel()
            await asyncio.gather(*purging, return_exceptions=True)
        finally:  # whatever failed, the database (and aiosqlite's thread) is closed
            await storage.close()

    builder: ApplicationBuilder = (  # type: ignore[type-arg]
        Application.builder()
        .token(token.reveal())
        .base_url(config.api_base_url)
        .post_init(post_init)
        .post_stop(post_stop)
        .post_shutdown(post_shutdown)
    )
    # An update python-telegram-bot cannot read is skipped, not fetched for ever.
    polling = request or HTTPXRequest(connection_pool_size=1)  # as python-telegram-bot's
    builder = builder.get_updates_request(SkipUnreadable(polling))
    # Retries what is safe to retry (see bot.telegram.network); polling retries by itself.
    builder = builder.request(PatientRequest(request or HTTPXRequest(connection_pool_size=256)))
    builder = builder.concurrent_updates(PerUserOrder())
    application = builder.build()

    async def report(news: Broadcast, final: bool) -> int | None:
        screen = await features[News].progress(news, final)  # type: ignore[attr-defined]
        return await tell(application.bot, news.admin_id, screen,
                          None if final else news.progress_message)  # fmt: skip

    broadcaster = Broadcaster(
        storage, lambda chat_id, text: deliver(application.bot, chat_id, text), report,
        rate=config.broadcast_rate, clock=clock,
    )  # fmt: skip
    desk = (TelegramDesk(application.bot, config.staff_chat_id)
            if config.staff_chat_id is not None else None)  # fmt: skip
    services = Services(config, holder, storage, bot_username=lambda: application.bot.username,
                        news_queued=broadcaster.wake, desk=desk)  # fmt: skip
    features = assemble(services)
    application.bot_data["services"] = services  # for tests that look inside; handlers get theirs
    application.add_handlers(build_handlers(services, vanishing))
    application.add_error_handler(error_handler(services))
    return application


async def publish_commands(application: Application, bundle: Bundle, routes: Routes) -> None:  # type: ignore[type-arg]
    """The command menu Telegram shows beside the text field, in each language."""
    for language in bundle.languages:
        get = bundle.locales.get
        commands = [BotCommand(command.name, get(language, f"command_{command.name}"))
                    for command in routes.public]  # fmt: skip
        code = None if language == SOURCE_LANGUAGE else language
        await application.bot.set_my_commands(commands, language_code=code)


async def reload_and_tell_admins(
    application: Application,
    holder: BundleHolder,
    config: Config,  # type: ignore[type-arg]
) -> None:
    """SIGHUP: reload the content (never forced); log the outcome and tell every admin.
    SIGHUPs while a reload runs make one more reload after it, and one report each."""
    outcome = await holder.coalesced_reload()
    if outcome is None:  # joined the reload already waiting: it reports
        return
    bundle, problems = outcome.bundle, outcome.problems
    if bundle is not None:
        log.info("content reloaded: %d pages, %d countries", len(bundle.content.pages),
                 len(bundle.directory.countries))  # fmt: skip
    elif outcome.lost:
        log.warning("reload refused, still serving the previous content: it would lose "
                    "translated strings (%s); /reload force takes it", outcome.losses)  # fmt: skip
    else:
        log.warning("reload refused, still serving the previous content: %d error(s)",
                    len(errors(problems)))  # fmt: skip
        for problem in errors(problems):
            log.warning("%s", problem)
    report = reload_report(holder(), outcome, config.default_language)
    for admin in config.admin_ids:
        try:
            await send(application.bot, admin, report)
        except TelegramError as exc:
            log.warning("could not tell admin about the reload: %s", type(exc).__name__)


async def housekeeping(storage: Storage, days: int, features: Sequence[Feature] = ()) -> None:
    """Every minute, open the database if it could not be opened, open a new one if its
    file was deleted (or replaced) while the bot ran, forget message ids about to be too
    old to delete (none is kept 48 hours), and empty the write-ahead log of deleted rows if
    that could not be done at once; every hour (and at start), delete the data of users who
    have not used the bot for ``days`` days and old drafts; and every minute, each
    feature's own housekeeping (idle cases close). Failures are logged and tried again
    later."""
    purged_at: float | None = None
    while True:
        if storage.file_gone():  # what is written to it now would be lost at the restart
            log.warning(
                "the database file %s was deleted or replaced while the bot ran: opening "
                "the one at that path (a new one if none)",
                storage.path,
            )
            with contextlib.suppress(StorageError):  # if not, tried again just below
                await storage.reopen()
        if not storage.is_open:
            try:
                await storage.open()
                log.info("the database is back")
            except StorageError as exc:
                log.warning("the database is still unavailable: %s", exc)
        now = time.monotonic()
        if storage.is_open and (purged_at is None or now - purged_at >= PURGE_EVERY_SECONDS):
            try:
                deleted = await storage.users.purge_inactive(days)
                if deleted:
                    log.info("deleted the data of %d user(s) inactive for %d days", deleted, days)
                await storage.news.purge_drafts()
                purged_at = now
                await storage.wipe()  # what was deleted leaves no copy on disk
            except StorageError as exc:
                log.warning("could not delete old data: %s", exc)
        if storage.is_open:
            try:
                if await storage.messages.purge() or storage.wipe_owed:
                    await storage.wipe()
            except StorageError as exc:
                log.warning("could not forget old message ids: %s", exc)
        for feature in features:
            try:
                await feature.housekeeping()
            except Exception:  # one feature's failure must not stop the others' or this loop
                log.exception("housekeeping of %s failed", type(feature).__name__)
        await asyncio.sleep(EVERY_MINUTE)
