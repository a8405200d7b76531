"""The bot's own webhook server, on tornado: Telegram posts each update here.

python-telegram-bot's server (``run_webhook``) reads a whole body before it checks the
secret, keeps idle connections for an hour, takes as many as come, answers 200 before the
update is handled and handles an update posted twice twice. This one:

- looks at the headers first: the secret token (compared in constant time), the path, the
  method, the type and the declared length, and refuses before reading a byte of the body:
  403 without the secret, 413 over :data:`MAX_BODY_BYTES` (an update is far smaller), 411
  without a length (404, 405, 415 for another path, method or type). It then closes the
  connection, whatever is left of the body unread;
- closes a connection that is idle, or slow to send its headers or its body, after
  :data:`IDLE_SECONDS` or :data:`BODY_SECONDS`, and keeps at most :data:`MAX_CONNECTIONS`
  (half the file limit when that is lower): beyond it, the connection idle longest is closed
  to make room, or the new one when every one is busy; out of file descriptors, accepting
  pauses for a moment. Such closings are counted and logged at most once a minute;
- answers 200 once the update has been handled, so that Telegram sends again what a killed
  process never handled. An update it cannot read gets 200 as well (Telegram would send it
  again and again) and one log line naming its ``update_id``, never its content;
- remembers the last :data:`REMEMBERED_UPDATES` ``update_id``\\ s: an update sent again is
  answered once the first copy has been handled, and is not handled again.

Updates go through the Application's update processor, so each person's are handled one
after another, in order (:mod:`bot.telegram.update_order`). :func:`run_webhook` registers
the webhook, starts the Application, serves until SIGTERM or SIGINT and stops as
``run_webhook`` did: updates being handled are finished and answered, campaign news
finishes its message, the database is closed.
"""

from __future__ import annotations

import asyncio
import contextlib
import errno
import hmac
import json
import logging
import resource
import signal
import socket
import sys
from collections import Counter, OrderedDict
from collections.abc import Iterable
from http import HTTPStatus
from typing import Any

from telegram import Update
from telegram.error import BadRequest
from telegram.ext import Application, ExtBot
from tornado import httputil
from tornado.http1connection import HTTP1ConnectionParameters, HTTP1ServerConnection
from tornado.iostream import IOStream, StreamClosedError
from tornado.netutil import bind_sockets

from bot.cli.exit_codes import ExitCode
from bot.config import Secret
from bot.telegram.app import ALLOWED_UPDATES
from bot.telegram.logs import redact

log = logging.getLogger(__name__)

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
MAX_BODY_BYTES = 1 << 20  # Telegram's updates are a few kilobytes
MAX_HEADER_BYTES = 16 * 1024
MAX_BUFFER_BYTES = 4 * MAX_BODY_BYTES  # what tornado may hold unread for one connection
MAX_CONNECTIONS = 512  # under the usual limit of 1,024 files, leaving room for the rest
IDLE_SECONDS = 15.0  # a connection between requests, or sending its headers
BODY_SECONDS = 15.0  # sending its body
REMEMBERED_UPDATES = 4096
REPORT_EVERY_SECONDS = 60.0
ACCEPT_PAUSE_SECONDS = 0.5  # out of file descriptors: stop accepting this long
ACCEPT_BATCH = 128  # connections taken at once before others get their turn
STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM)


def run_webhook(
    application: Application,  # type: ignore[type-arg]
    *,
    url: str,
    path: str,
    port: int,
    secret: Secret,
    drop_pending_updates: bool,
    listen: str = "0.0.0.0",
) -> ExitCode:
    """Serve Telegram's updates on ``port`` until SIGTERM or SIGINT; the exit code. A port
    that cannot be listened on (1) and a webhook Telegram refuses (2) are said here, in one
    line; a rejected token or an unreachable Bot API are raised, as polling raises them."""
    try:
        sockets = bind_sockets(port, address=listen)
    except OSError as exc:
        reason = "address in use" if exc.errno == errno.EADDRINUSE else exc.strerror
        print(f"error: cannot listen on port {port}: {reason}", file=sys.stderr)
        return ExitCode.FAILURE
    # One INFO line per malformed request or slow body would let anyone fill the log.
    logging.getLogger("tornado.general").setLevel(logging.WARNING)
    serving = _Serving(application, sockets, url, port, secret, drop_pending_updates)
    serving.server = WebhookServer(Inbox(application), secret.reveal(), path, connection_cap())
    try:
        return _run(serving)
    finally:
        for sock in sockets:
            sock.close()


def _run(serving: _Serving) -> ExitCode:
    """``asyncio.run``, except that ``Application.stop_running()`` (which stops the event
    loop, as python-telegram-bot's own run expects) stops the bot as SIGTERM does."""
    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)
    try:
        main = loop.create_task(serving.run())
        while True:
            try:
                return loop.run_until_complete(main)
            except RuntimeError:  # the loop was stopped before the bot was
                if main.done():
                    raise
                serving.stop()
    finally:
        leftovers = asyncio.all_tasks(loop)
        for task in leftovers:
            task.cancel()
        loop.run_until_complete(asyncio.gather(*leftovers, return_exceptions=True))
        loop.run_until_complete(loop.shutdown_asyncgens())
        loop.run_until_complete(loop.shutdown_default_executor())
        asyncio.set_event_loop(None)
        loop.close()


class WebhookRefused(Exception):
    """Telegram answered setWebhook with 400; the message is what it said."""


class _Serving:
    """One run: start, serve until asked to stop, stop."""

    server: WebhookServer

    def __init__(
        self,
        application: Application,  # type: ignore[type-arg]
        sockets: list[socket.socket],
        url: str,
        port: int,
        secret: Secret,
        drop_pending_updates: bool,
    ) -> None:
        self.application = application
        self.sockets = sockets
        self.url = url
        self.port = port
        self.secret = secret
        self.drop_pending_updates = drop_pending_updates
        self.stopping = asyncio.Event()
        self.starting: asyncio.Task[None] | None = None

    def stop(self) -> None:
        self.stopping.set()
        if self.starting is not None:  # the Bot API may be slow to answer: give up
            self.starting.cancel()

    async def run(self) -> ExitCode:
        loop = asyncio.get_running_loop()
        for number in STOP_SIGNALS:
            loop.add_signal_handler(number, self.stop)
        try:
            self.starting = asyncio.ensure_future(self._start())
            try:
                await self.starting
            except asyncio.CancelledError:
                if not self.stopping.is_set():
                    raise
                return ExitCode.OK
            except WebhookRefused as exc:
                said = redact(str(exc), [self.application.bot.token])
                print(f"error: Telegram refused the webhook: {said}", file=sys.stderr)
                return ExitCode.BAD_INPUT
            finally:
                self.starting = None
            await self.stopping.wait()
            return ExitCode.OK
        finally:
            for number in STOP_SIGNALS:  # stopping already: another SIGTERM must not kill it
                loop.remove_signal_handler(number)
                signal.signal(number, signal.SIG_IGN)
            await _stop(self.application, self.server)

    async def _start(self) -> None:
        application = self.application
        await application.initialize()
        try:
            await application.bot.set_webhook(
                self.url,
                secret_token=self.secret.reveal(),
                allowed_updates=ALLOWED_UPDATES,
                drop_pending_updates=self.drop_pending_updates,
            )
        except BadRequest as exc:  # a NetworkError to python-telegram-bot, but Telegram said no
            raise WebhookRefused(exc.message) from exc
        if application.post_init:
            await application.post_init(application)
        await application.start()
        self.server.listen(self.sockets)
        log.info("listening for Telegram's updates on port %d", self.port)


async def _stop(application: Application, server: WebhookServer) -> None:  # type: ignore[type-arg]
    """Stop as python-telegram-bot's ``run_webhook`` does, whatever failed before: no new
    updates (those sent now get 503 and come again later), the ones being handled finished
    and answered, then the Application stopped and shut down, the database closed."""
    server.inbox.open = False
    server.stop_listening()
    server.close_idle()
    try:
        await server.drain()
        if application.running:
            try:
                await application.stop()
            finally:
                if application.post_stop:
                    await application.post_stop(application)
    finally:
        try:
            await application.shutdown()
            if application.post_shutdown:
                await application.post_shutdown(application)
        finally:
            await server.close_all()
            services = application.bot_data.get("services")
            if services is not None:  # post_shutdown closes it; not if it failed first
                await services.storage.close()


def connection_cap(most: int = MAX_CONNECTIONS) -> int:
    """At most ``most`` connections, and never more than half the files the process may
    open: the rest is for the Bot API's connections, the database and the like."""
    soft, _ = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft == resource.RLIM_INFINITY:
        return most
    return max(8, min(most, soft // 2))


class Inbox:
    """What a request that came with the secret is for: read the update, handle it once
    through the Application, and say (with the HTTP status) when it is done."""

    def __init__(
        self,
        application: Application,  # type: ignore[type-arg]
        remember: int = REMEMBERED_UPDATES,
    ) -> None:
        self.application = application
        self.open = True  # False while stopping: updates are sent back for later
        self._remember = remember
        self._recent: OrderedDict[int, asyncio.Future[None]] = OrderedDict()

    async def deliver(self, body: bytes) -> int:
        if not self.open:
            return HTTPStatus.SERVICE_UNAVAILABLE
        data = _update(body)
        if data is None:
            log.warning("webhook: a request with the secret token holds no update: answered, "
                        "not handled")  # fmt: skip
            return HTTPStatus.OK
        update_id = data["update_id"]
        first = self._recent.get(update_id)
        if first is not None:  # Telegram sent it again: answer when the first is handled
            await asyncio.shield(first)
            return HTTPStatus.OK
        done = asyncio.get_running_loop().create_future()
        self._recent[update_id] = done
        while len(self._recent) > self._remember:
            self._recent.popitem(last=False)
        try:
            await self._handle(update_id, data)
        finally:
            done.set_result(None)
        return HTTPStatus.OK

    async def _handle(self, update_id: int, data: dict[str, Any]) -> None:
        application = self.application
        try:
            update = Update.de_json(data, application.bot)
        except Exception as exc:  # what python-telegram-bot cannot build, nobody can answer
            log.warning("webhook: update %d could not be read (%s): answered, not handled",
                        update_id, type(exc).__name__)  # fmt: skip
            return
        if isinstance(application.bot, ExtBot):
            application.bot.insert_callback_data(update)
        handling = application.create_task(
            application.update_processor.process_update(update, application.process_update(update)),
            update=update,
        )
        # A failure has already gone to the error handler, which answered the person.
        with contextlib.suppress(Exception):
            await asyncio.shield(handling)


def _update(body: bytes) -> dict[str, Any] | None:
    """The JSON object a body holds, if it has an integer ``update_id``."""
    try:
        data = json.loads(body)
    except ValueError:
        return None
    update_id = data.get("update_id") if isinstance(data, dict) else None
    if isinstance(update_id, bool) or not isinstance(update_id, int):
        return None
    return data


class Crowding:
    """Connections closed because too many were open, counted: the first is logged at once,
    the rest at most once every ``every`` seconds, as one line of counts."""

    def __init__(self, every: float = REPORT_EVERY_SECONDS) -> None:
        self.every = every
        self.counts: Counter[str] = Counter()
        self._timer: asyncio.TimerHandle | None = None

    def note(self, what: str) -> None:
        if self._timer is None:
            log.warning("webhook: %s; more of these are counted and logged at most once a "
                        "minute", what)  # fmt: skip
            self._timer = asyncio.get_running_loop().call_later(self.every, self.report)
        else:
            self.counts[what] += 1

    def report(self) -> None:
        """The counts since the last line, if any; the next line no sooner than ``every``."""
        self._timer = None
        if self._log_counts():
            self._timer = asyncio.get_running_loop().call_later(self.every, self.report)

    def close(self) -> None:
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None
        self._log_counts()

    def _log_counts(self) -> bool:
        if not self.counts:
            return False
        log.warning("webhook: since the last line, %s", "; ".join(
            f"{what}: {count}" for what, count in self.counts.items()))  # fmt: skip
        self.counts.clear()
        return True


CLOSED_IDLE = "{} connections open, the most it keeps: closed the one idle longest for a new one"
REFUSED = "{} connections open, the most it keeps, all busy: closed a new one at once"
PAUSED = "could not accept a connection ({}): accepting paused for a moment"


class WebhookServer(httputil.HTTPServerConnectionDelegate):
    """The HTTP side: listening, the connections, and what each request's headers allow."""

    def __init__(self, inbox: Inbox, secret: str, path: str, cap: int) -> None:
        self.inbox = inbox
        self.secret = secret.encode()
        self.path = "/" + path.strip("/")
        self.cap = cap
        self.params = HTTP1ConnectionParameters(
            max_header_size=MAX_HEADER_BYTES,
            header_timeout=IDLE_SECONDS,
            max_body_size=MAX_BODY_BYTES,
            body_timeout=BODY_SECONDS,
        )
        # Open connections, the one active longest ago first; those handling an update.
        self.connections: OrderedDict[HTTP1ServerConnection, None] = OrderedDict()
        self.busy: set[HTTP1ServerConnection] = set()
        self.answering: set[asyncio.Task[None]] = set()
        self.crowding = Crowding()
        self._sockets: list[socket.socket] = []

    # -- connections ---------------------------------------------------------------------
    def listen(self, sockets: Iterable[socket.socket]) -> None:
        for sock in sockets:
            self._sockets.append(sock)
            self._resume(sock)

    def stop_listening(self) -> None:
        loop = asyncio.get_running_loop()
        for sock in self._sockets:
            loop.remove_reader(sock)
        self._sockets.clear()

    def _resume(self, sock: socket.socket) -> None:
        if sock in self._sockets and sock.fileno() != -1:
            asyncio.get_running_loop().add_reader(sock, self._accept, sock)

    def _accept(self, sock: socket.socket) -> None:
        for _ in range(ACCEPT_BATCH):
            try:
                connection, address = sock.accept()
            except (BlockingIOError, InterruptedError):
                return
            except ConnectionAbortedError:
                continue
            except OSError as exc:  # out of file descriptors (or memory): let some close
                self.crowding.note(PAUSED.format(errno.errorcode.get(exc.errno or 0, exc)))
                loop = asyncio.get_running_loop()
                loop.remove_reader(sock)
                loop.call_later(ACCEPT_PAUSE_SECONDS, self._resume, sock)
                return
            self._admit(connection, address)

    def _admit(self, connection: socket.socket, address: Any) -> None:
        if len(self.connections) >= self.cap:
            idle = next((conn for conn in self.connections if conn not in self.busy), None)
            if idle is None:
                connection.close()
                self.crowding.note(REFUSED.format(self.cap))
                return
            self._close(idle)
            self.crowding.note(CLOSED_IDLE.format(self.cap))
        stream = IOStream(connection, max_buffer_size=MAX_BUFFER_BYTES)
        conn = HTTP1ServerConnection(stream, self.params, context=address)
        self.connections[conn] = None
        conn.start_serving(self)

    def _close(self, conn: HTTP1ServerConnection) -> None:
        self.connections.pop(conn, None)
        self.busy.discard(conn)
        conn.stream.close()

    def close_idle(self) -> None:
        for conn in [conn for conn in self.connections if conn not in self.busy]:
            self._close(conn)

    async def drain(self) -> None:
        """Wait until every update being handled has been answered."""
        while self.answering:
            await asyncio.wait(set(self.answering))

    async def close_all(self) -> None:
        self.crowding.close()
        for conn in list(self.connections):
            self._close(conn)
            await conn.close()

    # -- tornado's delegate --------------------------------------------------------------
    def start_request(
        self, server_conn: object, request_conn: httputil.HTTPConnection
    ) -> httputil.HTTPMessageDelegate:
        assert isinstance(server_conn, HTTP1ServerConnection)
        return _Request(self, server_conn, request_conn)

    def on_close(self, server_conn: object) -> None:
        self.connections.pop(server_conn, None)  # type: ignore[call-overload]
        self.busy.discard(server_conn)  # type: ignore[arg-type]

    # -- requests ------------------------------------------------------------------------
    def refusal(
        self, start_line: httputil.RequestStartLine, headers: httputil.HTTPHeaders
    ) -> int | None:
        """Why a request is refused, from its headers alone; None when it may be read."""
        token = headers.get(SECRET_HEADER, "").encode("latin-1")
        if not hmac.compare_digest(token, self.secret):
            return HTTPStatus.FORBIDDEN
        if start_line.path.partition("?")[0].rstrip("/") != self.path.rstrip("/"):
            return HTTPStatus.NOT_FOUND
        if start_line.method != "POST":
            return HTTPStatus.METHOD_NOT_ALLOWED
        if headers.get("Content-Type", "").partition(";")[0].strip().lower() != (
            "application/json"
        ):
            return HTTPStatus.UNSUPPORTED_MEDIA_TYPE
        length = headers.get("Content-Length")
        if length is None or "Transfer-Encoding" in headers:
            return HTTPStatus.LENGTH_REQUIRED
        if not (length.isascii() and length.isdigit()):
            return HTTPStatus.BAD_REQUEST
        if int(length) > MAX_BODY_BYTES:
            return HTTPStatus.REQUEST_ENTITY_TOO_LARGE
        return None

    def answer(self, request: _Request, body: bytes) -> None:
        task = asyncio.ensure_future(self._answer(request, body))
        self.answering.add(task)
        task.add_done_callback(self.answering.discard)

    async def _answer(self, request: _Request, body: bytes) -> None:
        try:
            status = await self.inbox.deliver(body)
        except Exception as exc:  # a defect here: its message could quote the update
            log.error("webhook: could not handle an update: %s", type(exc).__name__)
            status = HTTPStatus.INTERNAL_SERVER_ERROR
        request.respond(status)
        if request.connection in self.connections:  # active just now: closed last
            self.connections.move_to_end(request.connection)


class _Request(httputil.HTTPMessageDelegate):
    """One request: refused on its headers, or its body gathered and handed to the server."""

    def __init__(
        self,
        server: WebhookServer,
        connection: HTTP1ServerConnection,
        request: httputil.HTTPConnection,
    ) -> None:
        self.server = server
        self.connection = connection
        self.request = request
        self.body: bytearray | None = None  # None until the headers are accepted
        self.answered = False

    def headers_received(
        self,
        start_line: httputil.RequestStartLine | httputil.ResponseStartLine,
        headers: httputil.HTTPHeaders,
    ) -> None:
        assert isinstance(start_line, httputil.RequestStartLine)
        status = self.server.refusal(start_line, headers)
        if status is None:  # Telegram's: never closed to make room for another
            self.body = bytearray()
            self.server.busy.add(self.connection)
        else:
            self.respond(status)

    def data_received(self, chunk: bytes) -> None:
        if self.body is not None and not self.answered:  # tornado stops at the length
            self.body += chunk

    def finish(self) -> None:
        if self.body is not None and not self.answered:
            self.server.answer(self, bytes(self.body))
            self.body = None

    def on_connection_close(self) -> None:
        self.body = None

    def respond(self, status: int) -> None:
        """Answer with ``status`` and no body; any answer but 200 closes the connection,
        without reading what is left of the body."""
        if self.answered:
            return
        self.answered = True
        self.server.busy.discard(self.connection)
        refused = status != HTTPStatus.OK
        headers = httputil.HTTPHeaders({"Content-Length": "0"})
        if refused:
            headers["Connection"] = "close"
            # The rest of a body is not read: it is dropped when the connection closes. Not
            # an error tornado would answer a second time, even when it is too long.
            self.request.set_max_body_size(sys.maxsize)
        start = httputil.ResponseStartLine("HTTP/1.1", status, HTTPStatus(status).phrase)
        try:
            written = self.request.write_headers(start, headers)
            self.request.finish()
        except (StreamClosedError, httputil.HTTPOutputError):
            return
        if refused:
            written.add_done_callback(self._close_after)

    def _close_after(self, written: asyncio.Future[None]) -> None:
        written.exception()  # a connection already closed: nothing more to do
        self.connection.stream.close()
