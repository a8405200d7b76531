"""Talk to a person, and report anonymously: the relay between a person and the NGO's staff.

Only where ``BOT_STAFF_CHAT_ID`` names the staff's forum supergroup. Each conversation is a
case with a short random code and a topic in the staff chat named by the code, the
person's language and country: never their id, name or username. Messages are copied
both ways (``copyMessage``: no "forwarded from"); staff answer in the topic and use
``/close``, ``/ban``, ``/say <key>`` and ``/card`` there. Nothing said is stored: only the
case, and while it is open the pairs of message ids that replies and edits need
(:mod:`bot.storage.cases`). A report is written one question per screen, held in memory
only until it is sent (:mod:`bot.features.relay.memory`), then opened as a case whose
code lets the reporter come back, from any account, with ``/report CODE``.
"""

from __future__ import annotations

import datetime as dt
import logging
import secrets
from collections.abc import Iterable
from typing import TYPE_CHECKING

from bot.core.callbacks import REPORT, TALK
from bot.core.feature import Feature
from bot.core.opening_hours import OpeningHours
from bot.core.relay import Desk, Posted, Relayed, Unreachable
from bot.core.routes import Answer, Command, Conversation, Route, Tap
from bot.core.screens import Reply, Sample, Screen, visible_text
from bot.core.services import Services
from bot.core.visit import Visit
from bot.features.relay.memory import QUESTIONS, Draft, Drafts, Pace
from bot.features.relay.screens import SAY_KEYS, RelayScreens
from bot.storage import Case, StorageError

if TYPE_CHECKING:
    from bot.content.bundle import Bundle

log = logging.getLogger(__name__)

KEYS = frozenset({
    "talk_button", "command_talk", "talk_intro", "talk_start", "talk_opened", "talk_already",
    "talk_away", "talk_closed", "talk_unavailable", "talk_needs_telegram", "talk_slow_down",
    "talk_local_emergency", *(f"say_{key}" for key in SAY_KEYS),
    "staff_new_case", "staff_new_report", "staff_returned", "staff_closed",
    "staff_closed_by_staff", "staff_closed_exit", "staff_closed_idle", "staff_closed_gone",
    "staff_banned", "staff_not_open", "staff_sent", "staff_say_keys", "staff_no_country",
    "staff_commands", "report_button", "command_report", "report_intro", "report_start",
    "report_counter", *(f"report_q_{key}" for key in QUESTIONS), "report_skip",
    "report_skipped", "report_summary", "report_send", "report_cancel", "report_sent",
    "report_cancelled", "report_text_only", "report_expired", "report_unknown_code",
    "report_follow_up", "privacy_relay", "privacy_relay_ban",
})  # fmt: skip
CODE_LETTERS = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I/L: read aloud, copied by hand
CODE_LENGTH = 6
AWAY_NOTICE_EVERY = dt.timedelta(hours=12)  # out of hours, said again after this long


class Relay(Feature):
    keys = KEYS

    def __init__(self, services: Services) -> None:
        super().__init__(services)
        self.drafts = Drafts()
        self.pace = Pace()
        self.slowed: set[int] = set()  # told to slow down, until their pace allows again

    @property
    def staff_chat(self) -> int | None:
        return self.services.config.staff_chat_id

    @property
    def staff_language(self) -> str:
        return self.services.config.default_language

    @property
    def screens(self) -> RelayScreens:
        return RelayScreens(self.services.bundle)

    def routes(self) -> list[Route]:
        if self.staff_chat is None:  # no staff chat: the feature does not appear
            return []
        return [
            Command("talk", self.talk, menu=25, private=True),
            Command("report", self.report, menu=27, private=True),
            Tap(TALK, self.talk_tapped, private=True),
            Tap(REPORT, self.report_tapped, private=True),
            Conversation(self.staff_chat, self.from_person, self.from_staff),
        ]

    # -- the person ------------------------------------------------------------------------

    async def talk(self, visit: Visit, _: str = "") -> Answer:
        """/talk and 💬 Talk to a person: what it means, and a Start button."""
        if (refused := await self._refused(visit)) is not None:
            return refused
        case = await self._open_case_of(visit.user.id)
        if case is not None:
            return self.screens.opened(visit.language, case.code, "talk_already")
        return self.screens.talk_intro(visit.language, visit.country)

    async def talk_tapped(self, visit: Visit, argument: str) -> Answer | None:
        if argument == "i":
            return await self.talk(visit)
        if argument == "go":
            return await self._start(visit)
        return None

    async def report(self, visit: Visit, argument: str = "") -> Answer:
        """/report: the questions; /report CODE: add to that report, from any account."""
        if (refused := await self._refused(visit)) is not None:
            return refused
        code = argument.strip().upper()
        if not code:
            return self.screens.report_intro(visit.language, visit.country)
        if not self.pace.allow(visit.user.id):  # codes are not to be guessed
            return self.screens.note(visit.language, "talk_slow_down")
        case = await self.services.read(self.services.storage.cases.by_code(code), None,
                                        "a report's code cannot be looked up")  # fmt: skip
        if case is None or not case.report or not case.is_open:
            return self.screens.note(visit.language, "report_unknown_code", code=code[:12])
        own = await self._open_case_of(visit.user.id)
        if own is not None and own.code != case.code:
            return self.screens.opened(visit.language, own.code, "talk_already")
        await self.services.storage.cases.move_to(case.code, visit.user.id, self.services.now())
        await self._to_staff(
            case, self.screens.staff_note(self.staff_language, "staff_returned", code=case.code)
        )
        return self.screens.opened(visit.language, case.code, "report_follow_up")

    async def report_tapped(self, visit: Visit, argument: str) -> Answer | None:
        language, user = visit.language, visit.user.id
        if argument == "i":
            return await self.report(visit)
        if (refused := await self._refused(visit)) is not None:
            return refused
        if argument == "go":
            case = await self._open_case_of(user)
            if case is not None:  # what they write goes to that case
                return self.screens.opened(language, case.code, "talk_already")
            return self.screens.question(language, self.drafts.start(user).step)
        draft = self.drafts.get(user)
        if argument == "n":
            self.drafts.drop(user)
            return self.screens.cancelled(language)
        if argument not in ("k", "y"):
            return None
        if draft is None:
            return Reply(self.screens.note(language, "report_expired"))
        if argument == "k" and not draft.done:
            draft.answers.append(None)
            return self._next(language, draft)
        if argument == "y" and draft.done:
            summary = self.screens.answers(self.staff_language, draft.answers)
            self.drafts.drop(user)
            return await self._start(visit, report=summary)
        return self._next(language, draft)

    async def from_person(self, visit: Visit, posted: Posted) -> Relayed | None:
        """What a person sends: an answer to the report they are writing, a message of
        their open case (copied to its topic), or neither (``None``)."""
        user = visit.user.id
        draft = self.drafts.get(user)
        if draft is not None and not draft.done and not posted.edited:
            return Relayed(self._answered(visit.language, draft, posted))
        case = await self._open_case_of(user)
        if case is None:
            return None
        desk, now = self._desk(), self.services.now()
        cases = self.services.storage.cases
        if posted.edited:
            copy = await cases.staff_side(case.code, posted.message_id)
            if copy is not None and posted.html:
                await desk.edit(self._staff_chat(), copy, posted.html, posted.caption)
            return Relayed()
        if not self.pace.allow(user):
            if user in self.slowed:
                return Relayed()
            self.slowed.add(user)
            return Relayed(self.screens.note(visit.language, "talk_slow_down"))
        self.slowed.discard(user)
        reply_to = await cases.staff_side(case.code, posted.reply_to) if posted.reply_to else None
        try:
            copy = await desk.copy(posted, self._staff_chat(), case.thread_id, reply_to)
        except Unreachable:  # the topic was deleted by hand: the case cannot go on
            await self._close(case, "by_staff")
            return Relayed(self.screens.closed(visit.language))
        await cases.pair(case.code, posted.message_id, copy, now)
        await cases.active(case.code, now)
        return Relayed(await self._away(case, visit, now))

    # -- staff -----------------------------------------------------------------------------

    async def from_staff(self, posted: Posted) -> None:
        """What staff post in a case's topic: a command, or an answer copied to the person."""
        if posted.thread_id is None:
            return
        cases = self.services.storage.cases
        case = await cases.by_thread(posted.thread_id)
        if case is None:
            return  # a topic the bot did not open
        if (command := posted.command) is not None:
            await self._staff_command(case, *command)
            return
        if not case.is_open:
            if not posted.edited:
                await self._to_staff(case, self._note("staff_not_open"))
            return
        desk, now = self._desk(), self.services.now()
        if posted.edited:
            copy = await cases.person_side(case.code, posted.message_id)
            if copy is not None and posted.html:
                await desk.edit(case.user_id, copy, posted.html, posted.caption)
            return
        reply_to = await cases.person_side(case.code, posted.reply_to) if posted.reply_to else None
        try:
            copy = await desk.copy(posted, case.user_id, None, reply_to)
        except Unreachable:  # the person blocked the bot, or deleted the chat
            await self._close(case, "gone", tell=False)
            return
        await cases.pair(case.code, copy, posted.message_id, now)
        await self.services.remember_ids(case.user_id, [copy])
        await cases.active(case.code, now, staff=True)

    async def _staff_command(self, case: Case, name: str, argument: str) -> None:
        if name not in ("close", "ban", "say", "card"):
            await self._to_staff(case, self._note("staff_commands"))
            return
        if not case.is_open:
            await self._to_staff(case, self._note("staff_not_open"))
            return
        if name == "close":
            await self._close(case, "by_staff")
        elif name == "ban":
            await self.services.storage.cases.ban(case.user_id, self.services.now())
            await self._close(case, "by_staff", tell=False)
            await self._to_staff(case, self._note("staff_banned"))
        elif name == "say":
            await self._say(case, argument.strip().lower())
        else:
            await self._card(case)

    async def _say(self, case: Case, key: str) -> None:
        """A prepared message in the person's language; staff read what was sent."""
        if key not in SAY_KEYS:
            await self._to_staff(case, self._note("staff_say_keys"))
            return
        country = await self._country_of(case.user_id)
        emergency = self.screens.emergency(case.language, country)
        text = self.services.text(case.language, f"say_{key}", emergency=emergency)
        sent = await self._to_person(case, Screen(text))
        shown = self._note("staff_sent", language=case.language, text=visible_text(text))
        staff_ids = await self._to_staff(case, shown)
        now = self.services.now()
        if sent and staff_ids:
            await self.services.storage.cases.pair(case.code, sent[0], staff_ids[0], now)
        await self.services.storage.cases.active(case.code, now, staff=True)

    async def _card(self, case: Case) -> None:
        """The person's country's hotline card (or the list of countries)."""
        hotlines = self.screens.hotlines
        country = await self._country_of(case.user_id)
        entry = self.services.bundle.directory.get(country) if country else None
        if entry is None:
            await self._to_person(case, hotlines.regions(case.language))
            await self._to_staff(case, self._note("staff_no_country"))
            return
        await self._to_person(case, hotlines.card(entry, case.language))
        await self._to_staff(
            case, self._note("staff_sent", language=case.language, text=f"/card {entry.code}")
        )

    # -- the feature's duties ----------------------------------------------------------------

    async def left(self, user_id: int) -> None:
        """The safety exit ends the case; the person is told nothing (the chat is empty)."""
        self.drafts.drop(user_id)
        self.pace.forget(user_id)
        case = await self._open_case_of(user_id)
        if case is not None and self.services.desk is not None:
            await self._close(case, "exit", tell=False)

    async def forgot(self, user_id: int) -> None:
        """``/forget``: every topic of the person's cases goes, with what was said in it."""
        self.drafts.drop(user_id)
        self.pace.forget(user_id)
        if self.services.desk is None:
            return
        cases = await self.services.read(self.services.storage.cases.cases_of(user_id), [],
                                         "a person's topics cannot be looked up")  # fmt: skip
        for case in cases:
            await self.services.desk.delete_topic(case.thread_id)

    async def housekeeping(self) -> None:
        """Close cases idle for ``BOT_CASE_IDLE_HOURS``; forget closed ones, and bans, after
        the retention period."""
        if self.staff_chat is None or self.services.desk is None:
            return
        config, cases, now = self.services.config, self.services.storage.cases, self.services.now()
        try:
            for case in await cases.idle(now - dt.timedelta(hours=config.case_idle_hours)):
                await self._close(case, "idle", hours=config.case_idle_hours)
            if await cases.purge(now - dt.timedelta(days=config.retention_days)):
                await self.services.storage.wipe()  # what was deleted leaves no copy on disk
        except (StorageError, Unreachable) as exc:
            log.warning("relay housekeeping failed, tried again later: %s", exc)

    # -- helpers ---------------------------------------------------------------------------

    async def _refused(self, visit: Visit) -> Screen | None:
        """Why the person cannot use the relay now, if they cannot."""
        if self.services.desk is None:
            return self.screens.needs_telegram(visit.language)
        banned = await self.services.read(self.services.storage.cases.banned(visit.user.id),
                                          False, "bans cannot be read")  # fmt: skip
        if banned:
            return self.screens.unavailable(visit.language, visit.country)
        return None

    async def _start(self, visit: Visit, report: str | None = None) -> Answer:
        """Open a case (a report, with its summary for staff); the person can write now."""
        if (refused := await self._refused(visit)) is not None:
            return refused
        language, user = visit.language, visit.user.id
        existing = await self._open_case_of(user)
        if existing is not None:
            return self.screens.opened(language, existing.code, "talk_already")
        desk, cases, now = self._desk(), self.services.storage.cases, self.services.now()
        code = await self._new_code()
        name = self.screens.topic_name(code, language, visit.country, report is not None)
        thread = await desk.open_topic(name)
        case = Case(code, user, thread, language, report is not None, now, now)
        try:
            await cases.open(case)
        except StorageError as exc:
            log.warning("a case could not be opened: %s", exc)
            await desk.delete_topic(thread)
            return await self.services.menu_with(visit, "error")
        header = self.screens.new_case(self.staff_language, code, language, visit.country,
                                       report is not None)  # fmt: skip
        await self._to_staff(case, header)
        if report is not None:
            await self._to_staff(case, Screen(report))
            opened = self.screens.sent(language, code)
        else:
            opened = self.screens.opened(language, code)
        away = await self._away(case, visit, now)
        return Reply(opened, then=(away,)) if isinstance(away, Screen) else opened

    async def _away(self, case: Case, visit: Visit, now: dt.datetime) -> Screen | None:
        """Out of hours: when someone will read it, with the numbers to call now; said
        once in :data:`AWAY_NOTICE_EVERY`."""
        hours = self.services.config.staff_hours
        if hours is None or hours.open_at(now):
            return None
        if case.told_away_at is not None and now - case.told_away_at < AWAY_NOTICE_EVERY:
            return None
        await self.services.try_to(self.services.storage.cases.told_away(case.code, now),
                                   "an out-of-hours notice is not noted")  # fmt: skip
        return self.screens.away(visit.language, visit.country, hours, hours.next_opening(now))

    def _answered(self, language: str, draft: Draft, posted: Posted) -> Answer:
        """An answer to the report's current question: words only (a photo or a voice
        note would carry who sent it)."""
        if posted.caption or not posted.text or posted.text.startswith("/"):
            return Reply(self.screens.note(language, "report_text_only"),
                         then=(self.screens.question(language, draft.step),))  # fmt: skip
        draft.answers.append(posted.text.strip()[:1000])
        return self._next(language, draft)

    def _next(self, language: str, draft: Draft) -> Screen:
        if draft.done:
            return self.screens.summary(language, draft.answers)
        return self.screens.question(language, draft.step)

    async def _close(self, case: Case, why: str, tell: bool = True, **values: object) -> None:
        """Close the case: the person is told kindly (unless ``tell`` is False), staff read
        why, and the topic is closed."""
        if not await self.services.storage.cases.close(case.code, self.services.now()):
            return
        if tell:
            await self._to_person(case, self.screens.closed(case.language))
        await self._to_staff(case, self.screens.staff_closed(self.staff_language, case.code,
                                                             why, **values))  # fmt: skip
        await self._desk().close_topic(case.thread_id)

    async def _to_person(self, case: Case, screen: Screen) -> list[int]:
        try:
            sent = await self._desk().show(case.user_id, screen)
        except Unreachable:
            return []
        await self.services.remember_ids(case.user_id, sent)
        return sent

    async def _to_staff(self, case: Case, screen: Screen) -> list[int]:
        try:
            return await self._desk().show(self._staff_chat(), screen, case.thread_id)
        except Unreachable:
            log.warning("the topic of case %s is gone", case.code)
            return []

    def _note(self, key: str, **values: object) -> Screen:
        return self.screens.staff_note(self.staff_language, key, **values)

    async def _open_case_of(self, user_id: int) -> Case | None:
        return await self.services.read(self.services.storage.cases.open_case_of(user_id),
                                        None, "cases cannot be read")  # fmt: skip

    async def _country_of(self, user_id: int) -> str | None:
        saved = await self.services.read(self.services.storage.users.preferences(user_id),
                                         None, "a country cannot be read")  # fmt: skip
        return saved.country if saved else None

    async def _new_code(self) -> str:
        while True:
            code = "".join(secrets.choice(CODE_LETTERS) for _ in range(CODE_LENGTH))
            if await self.services.storage.cases.by_code(code) is None:
                return code

    def _desk(self) -> Desk:
        assert self.services.desk is not None
        return self.services.desk

    def _staff_chat(self) -> int:
        assert self.staff_chat is not None
        return self.staff_chat

    @staticmethod
    def samples(bundle: Bundle, language: str) -> Iterable[Sample]:
        screens = RelayScreens(bundle)
        yield Sample("talk intro", screens.talk_intro(language, "UA"))
        yield Sample("talk intro, no country", screens.talk_intro(language, None))
        yield Sample("case opened", screens.opened(language, "K7Q2XM"))
        hours = OpeningHours.parse("Mon-Fri 09:00-17:00 Europe/Kyiv")
        when = dt.datetime(2026, 12, 7, 7, 0, tzinfo=dt.UTC)
        yield Sample("out of hours", screens.away(language, "UA", hours, when))
        yield Sample("case closed", screens.closed(language))
        yield Sample("relay refused", screens.unavailable(language, None))
        yield Sample("report intro", screens.report_intro(language, "UA"))
        for step in range(len(QUESTIONS)):
            yield Sample(f"report question {step + 1}", screens.question(language, step))
        yield Sample(
            "report summary", screens.summary(language, ["x" * 1000, None, "y", None, "z"])
        )
        yield Sample("report sent", screens.sent(language, "K7Q2XM"))
