"""``check-links``: collecting the content's web addresses and checking them over HTTP.

Every check runs against a real HTTP server on 127.0.0.1 (or a closed local port): no test
touches the internet.
"""

from __future__ import annotations

import asyncio
import dataclasses
import json
import re
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import httpx
import pytest

from bot.cli import links as links_cli
from bot.cli.links import check_links_command
from bot.config import Config
from bot.content import links as links_module
from bot.content.bundle import Bundle
from bot.content.links import (
    USER_AGENT,
    Link,
    LinkResult,
    check_links,
    collect_links,
    describe_error,
    no_network,
)
from tests.conftest import CONTENT_DIR
from tests.test_process import bot_env, run_bot

UNODC_PAGE = "https://www.unodc.org/unodc/en/human-trafficking/index.html"
TEST_TIMEOUT = 0.5  # seconds, for /slow (HEAD then GET); others get more, as machines vary
SLOW_SECONDS = 10.0  # /slow's wait, cut short when its test ends


@pytest.fixture(autouse=True)
def _no_proxy_for_localhost(monkeypatch: pytest.MonkeyPatch) -> None:
    """A proxy in the environment must not carry requests meant for 127.0.0.1."""
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")
    monkeypatch.setenv("no_proxy", "127.0.0.1,localhost")


# A local web server with one path per kind of answer ---------------------------------------


class LinkServer(ThreadingHTTPServer):
    """Answers by the first part of the path; records methods and simultaneous requests."""

    daemon_threads = True
    request_queue_size = 128  # socketserver's 5 drops connections made at once: 1 s retries

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.lock = threading.Lock()
        self.active = 0
        self.peak = 0
        self.requests: list[tuple[str, str]] = []
        self.user_agents: set[str] = set()
        self.release = threading.Event()  # ends /slow's wait when the test is over

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}{path}"

    def methods(self, path: str) -> list[str]:
        with self.lock:
            return [method for method, seen in self.requests if seen == path]


class _Handler(BaseHTTPRequestHandler):
    server: LinkServer

    def do_HEAD(self) -> None:
        self._answer()

    def do_GET(self) -> None:
        self._answer()

    def log_message(self, format: str, *args: object) -> None:
        """Quiet: the test output is for the tests."""

    def _answer(self) -> None:
        state = self.server
        with state.lock:
            state.requests.append((self.command, self.path))
            state.user_agents.add(self.headers.get("User-Agent", ""))
            state.active += 1
            state.peak = max(state.peak, state.active)
        try:
            self._route(self.path.split("/")[1])
        except OSError:
            pass  # the client gave up (the /slow test): nothing to answer
        finally:
            with state.lock:
                state.active -= 1

    def _route(self, first: str) -> None:
        if first in ("ok", "count"):
            if first == "count":
                time.sleep(0.1)  # long enough for requests to overlap
            self._send(200)
        elif first == "redirect":
            self._send(302, location="/ok")
        elif first == "loop":
            self._send(302, location="/loop")
        elif first == "error":
            self._send(500)
        elif first == "no-head":
            self._send(405 if self.command == "HEAD" else 200)
        elif first == "slow":
            self.server.release.wait(SLOW_SECONDS)
            self._send(200)
        else:
            self._send(404)

    def _send(self, status: int, location: str | None = None) -> None:
        body = b"" if self.command == "HEAD" else f"{status}\n".encode()
        self.send_response(status)
        if location:
            self.send_header("Location", location)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture
def server() -> Iterator[LinkServer]:
    httpd = LinkServer()
    thread = threading.Thread(target=httpd.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield httpd
    finally:
        httpd.release.set()
        httpd.shutdown()
        httpd.server_close()
        thread.join(timeout=5)


def closed_port() -> int:
    """A local port nothing listens on: connecting to it is refused at once."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def link(url: str) -> Link:
    return Link(url, ("content/pages.yaml:1 (page test, link test)",))


# Checking ----------------------------------------------------------------------------------


async def test_each_kind_of_answer(server: LinkServer) -> None:
    paths = ["/ok", "/redirect", "/loop", "/missing", "/error", "/no-head"]

    results, [slow] = await asyncio.gather(
        check_links([link(server.url(p)) for p in paths], timeout=5),
        check_links([link(server.url("/slow"))], timeout=TEST_TIMEOUT),
    )

    found = dict(zip(paths, results, strict=True))
    assert [result.link.url for result in results] == [server.url(p) for p in paths]
    assert found["/ok"] == LinkResult(found["/ok"].link, True, 200, server.url("/ok"), None)
    assert (found["/redirect"].ok, found["/redirect"].status) == (True, 200)
    assert found["/redirect"].final_url == server.url("/ok")
    assert (found["/loop"].ok, found["/loop"].status) == (False, None)
    assert found["/loop"].error == "too many redirects"
    assert (found["/missing"].ok, found["/missing"].status) == (False, 404)
    assert found["/missing"].error == "HTTP 404"
    assert (found["/error"].ok, found["/error"].status, found["/error"].error) == (
        False,
        500,
        "HTTP 500",
    )
    assert (found["/no-head"].ok, found["/no-head"].status, found["/no-head"].error) == (
        True,
        200,
        None,
    )
    assert (slow.ok, slow.status, slow.error, slow.final_url) == (False, None, "timeout", None)
    assert set(server.methods("/ok")) == {"HEAD"}  # also reached through /redirect
    assert server.methods("/no-head") == ["HEAD", "GET"]
    assert server.user_agents == {USER_AGENT}
    assert server.methods("/slow") == ["HEAD", "GET"]  # GET too, when HEAD gets no answer
    assert not no_network([*results, slow])


async def test_concurrency_is_honoured(server: LinkServer) -> None:
    many = [link(server.url(f"/count/{index}")) for index in range(8)]

    results = await check_links(many, concurrency=2, timeout=5)

    assert all(result.ok for result in results)
    assert server.peak == 2  # never more than the limit, and the limit was used


async def test_a_closed_port_is_a_connection_error() -> None:
    url = f"http://127.0.0.1:{closed_port()}/ok"

    [result] = await check_links([link(url)], timeout=5)

    assert (result.ok, result.status, result.error) == (False, None, "connection refused")
    assert no_network([result])


async def test_an_unreadable_address_does_not_stop_the_check(server: LinkServer) -> None:
    results = await check_links([link("https://[::1"), link(server.url("/ok"))], timeout=5)

    assert [(result.ok, result.error) for result in results] == [
        (False, "not a web address httpx can fetch"),
        (True, None),
    ]


async def test_a_transport_can_be_injected() -> None:
    seen: list[str] = []

    def answer(request: httpx.Request) -> httpx.Response:
        seen.append(request.method)
        return httpx.Response(403 if request.method == "HEAD" else 200)

    [result] = await check_links(
        [link("https://example.org/")], transport=httpx.MockTransport(answer)
    )

    assert (result.ok, result.status) == (True, 200)
    assert seen == ["HEAD", "GET"]


def test_errors_are_named_in_a_few_words() -> None:
    def raised_from(cause: BaseException) -> httpx.ConnectError:
        error = httpx.ConnectError("boom")
        error.__cause__ = cause
        return error

    assert describe_error(raised_from(socket.gaierror(-2, "Name or service not known"))) == (
        "DNS lookup failed"
    )
    assert describe_error(raised_from(ConnectionRefusedError(111, "refused"))) == (
        "connection refused"
    )
    assert describe_error(raised_from(OSError(101, "Network is unreachable"))) == (
        "network unreachable"
    )
    assert describe_error(httpx.ConnectTimeout("slow")) == "connection timed out"
    assert describe_error(httpx.ReadTimeout("slow")) == "timeout"
    assert describe_error(httpx.ProxyError("no")) == "proxy error"
    assert describe_error(httpx.ConnectError("odd")) == "connection failed"
    assert describe_error(ValueError("x")) == "ValueError"


# Collecting --------------------------------------------------------------------------------


def test_collect_links_finds_the_contents_addresses(bundle: Bundle) -> None:
    found = {item.url: item for item in collect_links(bundle)}

    assert [item.url for item in collect_links(bundle)] == sorted(found)
    assert all(url.startswith(("http://", "https://")) for url in found)
    assert all(
        item.places and list(item.places) == sorted(set(item.places)) for item in found.values()
    )
    assert any("pages.yaml:" in place and "(page " in place for place in found[UNODC_PAGE].places)

    country = next(iter(bundle.directory.countries.values()))
    source = found[country.emergency.sourced.source]
    where = f"{country.location.file}:{country.location.line} ({country.code}, emergency source)"
    assert where in source.places
    hotline = next(c.hotlines[0] for c in bundle.directory.countries.values() if c.hotlines)
    assert hotline.sourced.source in found

    for language, texts in bundle.content.texts.items():  # the real texts' <a href>, if any
        for page_id, text in texts.items():
            for url in re.findall(r'<a href="(https?://[^"]+)"', text.text):
                assert any(f"(page {page_id}, {language})" in p for p in found[url].places)


def test_collect_links_reads_href_in_page_texts(bundle: Bundle) -> None:
    content = bundle.content
    page_id = content.root
    english = dict(content.texts["en"])
    extra = ' <a href="https://example.org/a?x=1&amp;y=2">more</a> <a href="tg://resolve">tg</a>'
    english[page_id] = dataclasses.replace(english[page_id], text=english[page_id].text + extra)
    texts = {**content.texts, "en": english}
    changed = dataclasses.replace(bundle, content=dataclasses.replace(content, texts=texts))

    found = {item.url: item for item in collect_links(changed)}

    where = content.text_locations[("en", page_id)]
    assert found["https://example.org/a?x=1&y=2"].places == (
        f"{where.file}:{where.line} (page {page_id}, en)",
    )
    assert not any(url.startswith("tg:") for url in found)


# The command -------------------------------------------------------------------------------


def content_copy(tmp_path: Path, rewrite: dict[str, str], rest: str) -> Path:
    """The real content with ``rewrite``'s addresses replaced, and every other web address
    made to start with ``rest`` (the original host and path follow, so addresses stay apart)."""
    copy = tmp_path / "content"
    shutil.copytree(CONTENT_DIR, copy)
    for path in copy.rglob("*.yaml"):
        text = path.read_text(encoding="utf-8")
        for old, new in rewrite.items():
            text = text.replace(old, new)
        text = re.sub(r"https?://(?!127\.0\.0\.1)", rest, text)
        path.write_text(text, encoding="utf-8")
    return copy


def test_no_network_is_one_clear_line_and_exit_3(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    content = content_copy(tmp_path, {}, f"http://127.0.0.1:{closed_port()}/")
    config = dataclasses.replace(Config.from_env({}), content_dir=content)

    code = check_links_command(config, "text", concurrency=8, timeout=5)

    out, err = capsys.readouterr()
    assert code == 3
    assert out == ""
    [line] = err.splitlines()
    assert line.startswith("error: could not reach any of the ")
    assert "(no network? first error: connection refused)" in line
    assert line.endswith("run check-links where the internet is reachable")


def test_text_report_lists_broken_links_with_their_places(
    server: LinkServer,
    bundle: Bundle,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    good, bad = link(server.url("/ok")), link(server.url("/missing"))
    monkeypatch.setattr(links_cli, "load_bundle", lambda *_: bundle)
    monkeypatch.setattr(links_module, "collect_links", lambda _: [good, bad])

    code = check_links_command(Config.from_env({}), "text", concurrency=2, timeout=5)

    assert code == 1
    assert capsys.readouterr().out.splitlines() == [
        f"BROKEN {bad.url}: HTTP 404",
        f"    {bad.places[0]}",
        "2 links checked: 1 broken.",
    ]

    monkeypatch.setattr(links_module, "collect_links", lambda _: [good])
    assert check_links_command(Config.from_env({}), "text", concurrency=2, timeout=5) == 0
    assert capsys.readouterr().out == "1 links checked: 0 broken.\n"


def test_the_cli_reports_broken_links_as_json(tmp_path: Path, server: LinkServer) -> None:
    missing = server.url("/missing/unodc")
    content = content_copy(tmp_path, {UNODC_PAGE: missing}, server.url("/ok/"))
    env = bot_env(tmp_path, BOT_CONTENT_DIR=str(content), NO_PROXY="127.0.0.1,localhost")

    result = run_bot(env, "check-links", "--format", "json", "--timeout", "5")

    assert result.returncode == 1, result.stderr
    report = json.loads(result.stdout)
    assert report["checked"] > 100
    [broken] = report["broken"]
    assert (broken["url"], broken["status"], broken["error"]) == (missing, 404, "HTTP 404")
    assert any("pages.yaml:" in place for place in broken["places"])
    assert {path.split("/")[1] for _, path in server.requests} == {"ok", "missing"}
