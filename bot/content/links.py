"""Every web address in the content, checked over HTTP (for ``python -m bot check-links``).

Web addresses live in three places: link buttons in ``content/pages.yaml``, ``<a href>`` in
page texts (every language), and the hotline directory (each entry's ``source``, and a
hotline's ``website`` and ``chat``). :func:`collect_links` gathers them with the places that
name them, so an editor can go straight to the line to fix; :func:`check_links` asks each
address once, politely (a few at a time, HEAD before GET), and says in a word what is wrong.
"""

from __future__ import annotations

import asyncio
import errno
import html
import re
import socket
import ssl
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

import httpx

from bot.content.bundle import Bundle
from bot.content.directory import Country, Directory
from bot.content.model import Content, LinkButton

USER_AGENT = (
    "BlueHeartHelper-LinkCheck/0.1 (link checker of the Blue Heart Helper Telegram bot "
    "against human trafficking; python-httpx)"
)
ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"

_WEB = ("http://", "https://")
_HREF = re.compile(r"""<a\s[^>]*?\bhref\s*=\s*(?:"([^"]*)"|'([^']*)')""", re.IGNORECASE)

# Errors that mean the request never reached a server: when every link fails this way,
# the machine has no network, and the links are not to blame.
CONNECTION_ERRORS = frozenset(
    {
        "DNS lookup failed",
        "connection refused",
        "network unreachable",
        "host unreachable",
        "connection timed out",
        "proxy error",
        "connection failed",
    }
)


@dataclass(frozen=True)
class Link:
    """One distinct web address and every place in the content that names it."""

    url: str
    places: tuple[str, ...]


@dataclass(frozen=True)
class LinkResult:
    """What checking one link found. ``status`` is ``None`` when no server answered."""

    link: Link
    ok: bool
    status: int | None
    final_url: str | None
    error: str | None

    def as_dict(self) -> dict[str, object]:
        return {
            "url": self.link.url,
            "error": self.error,
            "status": self.status,
            "final_url": self.final_url,
            "places": list(self.link.places),
        }


# Collecting -------------------------------------------------------------------------------


def collect_links(bundle: Bundle) -> list[Link]:
    """Every distinct http(s) address in the content and directory, sorted by address."""
    places: defaultdict[str, set[str]] = defaultdict(set)
    for url, place in _all_mentions(bundle):
        if url.startswith(_WEB):
            places[url].add(place)
    return [Link(url, tuple(sorted(places[url]))) for url in sorted(places)]


def _all_mentions(bundle: Bundle) -> Iterator[tuple[str, str]]:
    yield from _button_links(bundle.content)
    yield from _text_links(bundle.content)
    yield from _directory_links(bundle.directory)


def _button_links(content: Content) -> Iterator[tuple[str, str]]:
    """Link buttons, placed at their page in pages.yaml."""
    for page in content.pages.values():
        where = f"{page.location.file}:{page.location.line}"
        for row in page.rows:
            for button in row:
                if isinstance(button, LinkButton):
                    yield button.url.strip(), f"{where} (page {page.id}, link {button.id})"


def _text_links(content: Content) -> Iterator[tuple[str, str]]:
    """``<a href>`` in every page text of every language, placed at the page's text."""
    for language, texts in content.texts.items():
        for page_id, text in texts.items():
            location = content.text_locations.get((language, page_id))
            where = f"{location.file}:{location.line}" if location else f"text/{language}"
            for url in hrefs(text.text):
                yield url, f"{where} (page {page_id}, {language})"


def hrefs(text: str) -> list[str]:
    """The addresses of ``<a href="...">`` tags in Telegram HTML, unescaped."""
    return [html.unescape(double or single).strip() for double, single in _HREF.findall(text)]


def _directory_links(directory: Directory) -> Iterator[tuple[str, str]]:
    """Hotline sources, websites and chats, and emergency sources, placed at their country."""
    for country in directory.countries.values():
        yield country.emergency.sourced.source, _country_place(country, "emergency source")
        for hotline in country.hotlines:
            what = f"hotline “{hotline.name}”"
            yield hotline.sourced.source, _country_place(country, f"{what} source")
            for key in ("website", "chat"):
                value = getattr(hotline, key)
                if value:
                    yield value.strip(), _country_place(country, f"{what} {key}")


def _country_place(country: Country, what: str) -> str:
    return f"{country.location.file}:{country.location.line} ({country.code}, {what})"


# Checking ---------------------------------------------------------------------------------


async def check_links(
    links: Sequence[Link],
    *,
    concurrency: int = 8,
    timeout: float = 10.0,  # noqa: ASYNC109 (seconds for each request, not for the whole check)
    transport: httpx.AsyncBaseTransport | None = None,
) -> list[LinkResult]:
    """Check every link, at most ``concurrency`` at a time; results in the order given."""
    limit = asyncio.Semaphore(max(1, concurrency))
    async with _client(timeout, transport) as client:

        async def limited(link: Link) -> LinkResult:
            async with limit:
                return await check_link(client, link)

        return list(await asyncio.gather(*(limited(link) for link in links)))


def _client(timeout: float, transport: httpx.AsyncBaseTransport | None) -> httpx.AsyncClient:
    return httpx.AsyncClient(
        follow_redirects=True,
        timeout=httpx.Timeout(timeout),
        headers={"User-Agent": USER_AGENT, "Accept": ACCEPT},
        transport=transport,
    )


async def check_link(client: httpx.AsyncClient, link: Link) -> LinkResult:
    """HEAD first; GET when HEAD is refused, answers an error or fails to get an answer.

    Many servers answer HEAD wrongly (405, 403, 404, or not at all) while serving the page
    to browsers, so a link is only called broken when GET fails too. A connection that
    cannot be made at all is not tried again: GET would fail in the same way.
    """
    try:
        response = await _request(client, "HEAD", link.url)
        if response.status_code < 400:
            return _answered(link, response)
    except Exception as exc:  # one odd address must not stop the whole check
        if describe_error(exc) in CONNECTION_ERRORS:
            return _failed(link, exc)
    try:
        return _answered(link, await _request(client, "GET", link.url))
    except Exception as exc:
        return _failed(link, exc)


async def _request(client: httpx.AsyncClient, method: str, url: str) -> httpx.Response:
    """The final response, after redirects; the body is not downloaded."""
    async with client.stream(method, url) as response:
        return response


def _answered(link: Link, response: httpx.Response) -> LinkResult:
    status = response.status_code
    ok = status < 400
    error = None if ok else f"HTTP {status}"
    return LinkResult(link, ok, status, str(response.url), error)


def _failed(link: Link, exc: BaseException) -> LinkResult:
    return LinkResult(link, False, None, None, describe_error(exc))


def describe_error(exc: BaseException) -> str:
    """Why a request failed, in a few words: never a traceback."""
    if isinstance(exc, httpx.TooManyRedirects):
        return "too many redirects"
    if isinstance(exc, httpx.ProxyError):
        return "proxy error"
    if isinstance(exc, httpx.ConnectTimeout):
        return "connection timed out"
    if isinstance(exc, httpx.TimeoutException | TimeoutError):
        return "timeout"
    if isinstance(exc, httpx.UnsupportedProtocol | httpx.InvalidURL):
        return "not a web address httpx can fetch"
    cause = _os_cause(exc)
    if cause:
        return cause
    if isinstance(exc, httpx.ConnectError):
        return "connection failed"
    if isinstance(exc, httpx.RemoteProtocolError):
        return "server closed the connection"
    if isinstance(exc, httpx.DecodingError):
        return "unreadable response"
    if isinstance(exc, httpx.NetworkError):
        return "network error"
    return type(exc).__name__


_ERRNO_WORDS = {
    errno.ECONNREFUSED: "connection refused",
    errno.ENETUNREACH: "network unreachable",
    errno.EHOSTUNREACH: "host unreachable",
    errno.ECONNRESET: "connection reset",
    errno.ETIMEDOUT: "connection timed out",
}


def _os_cause(exc: BaseException) -> str | None:
    """The socket-level reason behind an httpx error, if there is one we can name."""
    for cause in _chain(exc):
        if isinstance(cause, socket.gaierror):
            return "DNS lookup failed"
        if isinstance(cause, ssl.SSLCertVerificationError):
            return "TLS certificate not trusted"
        if isinstance(cause, ssl.SSLError):
            return "TLS error"
        if isinstance(cause, OSError) and cause.errno in _ERRNO_WORDS:
            return _ERRNO_WORDS[cause.errno]
    return None


def _chain(exc: BaseException) -> Iterator[BaseException]:
    """The exception and the ones it was raised from, innermost last."""
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        yield current
        current = current.__cause__ or current.__context__


# Whether the machine has a network -------------------------------------------------------


def no_network(results: Iterable[LinkResult]) -> bool:
    """True when there were links and not one reached a server."""
    results = list(results)
    return bool(results) and all(
        result.status is None and result.error in CONNECTION_ERRORS for result in results
    )
