"""Fetch a document to ingest from an http(s) URL, without becoming a way into the local network.

:func:`fetch_url` is what ``llmkg ingest https://...`` and :func:`ingest.pipeline.ingest_url`
call. The rules (those of eclipse-rdf4j#5989 and the OWASP SSRF cheat sheet):

- ``http`` and ``https`` only; no user name or password in the URL.
- The host is resolved once, and every address it resolves to must be public: loopback,
  private (RFC 1918, ``fc00::/7``), link-local (``169.254/16``, ``fe80::/10``), shared
  (CGNAT ``100.64/10``), multicast, reserved, unspecified, documentation and benchmark ranges,
  site-local ``fec0::/10``, and IPv6 forms that carry such an IPv4 address (IPv4-mapped
  ``::ffff:a.b.c.d``, 6to4, Teredo, NAT64) are refused, as are ``localhost`` and
  ``*.localhost``. Numeric host spellings (``0x7f000001``, ``2130706433``, ``0177.1``) are read
  as the IPv4 address they are, never looked up. ``fetch_allow_private`` lifts the address rule
  (for intranets and tests against a loopback server); the other rules stay.
- The connection goes to the address that was checked (the request URL names the IP; the
  ``Host`` header and the TLS SNI and certificate check use the host name, through httpx's
  ``sni_hostname`` extension), so a DNS answer that changes between the check and the connect
  (DNS rebinding) cannot move the request. No proxy from the environment is used (a proxy would
  resolve the name itself).
- Redirects are followed by hand, at most ``fetch_max_redirects``, each target checked by the
  same rules (a redirect to ``file:``, another scheme, or a private address is refused).
- The body is streamed and refused past ``max_file_bytes`` (a declared ``Content-Length`` over it
  is refused before reading). The request asks for ``identity`` encoding; a server that sends
  ``Content-Encoding: gzip`` or ``deflate`` anyway is decoded incrementally, and the *decoded*
  bytes count against ``max_file_bytes`` too, so a gzip bomb (a few kB that inflate to
  gigabytes) is cut off after at most ``max_file_bytes`` of output. Other encodings (``br``,
  ``zstd``, ``compress``) are refused. Archives (zip, tar, ``.gz`` files) are not a document type:
  the loaders refuse them.
- One deadline, ``fetch_timeout_s``, covers resolution, every redirect and the whole transfer; a
  server that drips its answer is cut off at it.

Every refusal is a :class:`~kg.errors.LoaderError` naming the URL and the rule.
"""

from __future__ import annotations

import ipaddress
import socket
import threading
import time
import zlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

import httpx

from kg.errors import LoaderError
from kg.settings import Settings

__all__ = ["Resolver", "Target", "blocked_reason", "check_url", "fetch_url", "is_url", "loader_suffix",
           "system_resolver"]

#: a resolver: host name and port -> the IP addresses it resolves to (as strings)
Resolver = Callable[[str, int], Sequence[str]]

_REDIRECTS = (301, 302, 303, 307, 308)
IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
#: ranges refused on top of what ``ipaddress`` does not call global
_BLOCKED = tuple(ipaddress.ip_network(n) for n in (
    "0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16", "172.16.0.0/12",
    "192.0.0.0/24", "192.0.2.0/24", "192.168.0.0/16", "198.18.0.0/15", "198.51.100.0/24",
    "203.0.113.0/24", "224.0.0.0/4", "240.0.0.0/4", "::/128", "::1/128", "fc00::/7", "fe80::/10",
    "fec0::/10", "ff00::/8", "64:ff9b::/96", "64:ff9b:1::/48", "2001:db8::/32"))
_NAT64 = ipaddress.ip_network("64:ff9b::/96")
#: the private ranges proper (RFC 1918, unique-local IPv6); other non-global ranges are "non-public"
_PRIVATE = tuple(ipaddress.ip_network(n) for n in ("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16",
                                                    "fc00::/7"))


def is_url(value: object) -> bool:
    """True for a string that names a URL (``scheme://...``) rather than a file path.

    >>> is_url("https://example.org/a"), is_url("file:///etc/passwd"), is_url("notes/a.md")
    (True, True, False)
    """
    if not isinstance(value, str):
        return False
    scheme, sep, _rest = value.partition("://")
    return bool(sep) and scheme[:1].isalpha() and all(c.isalnum() or c in "+-." for c in scheme)


def system_resolver(host: str, port: int) -> list[str]:
    """Resolve ``host`` with the system resolver (``getaddrinfo``): its distinct addresses."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as e:
        raise LoaderError(f"cannot resolve host {host!r} ({e})") from None
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


def _embedded_v4(ip: IPAddress) -> ipaddress.IPv4Address | None:
    """The IPv4 address an IPv6 address carries (mapped, 6to4, Teredo client, NAT64), if any."""
    if not isinstance(ip, ipaddress.IPv6Address):
        return None
    if ip.ipv4_mapped is not None:
        return ip.ipv4_mapped
    if ip.sixtofour is not None:
        return ip.sixtofour
    if ip.teredo is not None:
        return ip.teredo[1]
    if ip in _NAT64:
        return ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
    return None


def blocked_reason(ip: IPAddress) -> str | None:
    """Why ``ip`` may not be fetched from (``None``: it is a public address).

    >>> blocked_reason(ipaddress.ip_address("169.254.169.254"))
    'link-local'
    >>> blocked_reason(ipaddress.ip_address("::ffff:10.0.0.1"))
    'private (IPv4 10.0.0.1 inside an IPv6 address)'
    >>> blocked_reason(ipaddress.ip_address("93.184.216.34")) is None
    True
    """
    inner = _embedded_v4(ip)
    if inner is not None:
        why = blocked_reason(inner)
        if why is not None:
            return f"{why} (IPv4 {inner} inside an IPv6 address)"
    for name, hit in (("unspecified", ip.is_unspecified), ("loopback", ip.is_loopback),
                      ("link-local", ip.is_link_local), ("multicast", ip.is_multicast),
                      ("reserved", ip.is_reserved),
                      ("private", any(ip.version == net.version and ip in net for net in _PRIVATE))):
        if hit:
            return name
    if any(ip.version == net.version and ip in net for net in _BLOCKED) or not ip.is_global:
        return "non-public"
    return None


def _literal_ip(host: str) -> IPAddress | None:
    """The address a numeric host spells, in any form ``inet_aton`` reads, else ``None``."""
    try:
        return ipaddress.ip_address(host)
    except ValueError:
        pass
    if host and all(c in "0123456789abcdefxABCDEFX." for c in host):
        try:
            return ipaddress.IPv4Address(socket.inet_aton(host))
        except OSError:
            return None
    return None


@dataclass(frozen=True)
class Target:
    """A checked URL: where to connect (``ip``) and what to ask for there."""

    url: str
    scheme: str
    host: str
    port: int
    ip: str
    path: str

    @property
    def request_url(self) -> str:
        """The URL with the checked IP in place of the host name."""
        ip = f"[{self.ip}]" if ":" in self.ip else self.ip
        return f"{self.scheme}://{ip}:{self.port}{self.path}"

    @property
    def host_header(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        default = {"http": 80, "https": 443}[self.scheme]
        return host if self.port == default else f"{host}:{self.port}"


def check_url(url: str, settings: Settings, resolver: Resolver | None = None) -> Target:
    """Check ``url`` against the rules above and resolve it to the address to connect to.

    Raises:
        LoaderError: the URL breaks a rule, or its host does not resolve.
    """
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError as e:
        raise LoaderError(f"{url}: not a valid URL ({e})") from None
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https"):
        raise LoaderError(f"{url}: only http and https URLs can be fetched, not {scheme or 'none'!r}")
    if parts.username is not None or parts.password is not None or "@" in parts.netloc:
        raise LoaderError(f"{url}: URLs with a user name or password are refused")
    host = (parts.hostname or "").rstrip(".")
    if not host:
        raise LoaderError(f"{url}: no host in the URL")
    literal = _literal_ip(host)
    if literal is None:
        try:
            host = host.encode("idna").decode("ascii").lower()
        except UnicodeError:
            raise LoaderError(f"{url}: the host {host!r} is not a valid name") from None
    port = port or (443 if scheme == "https" else 80)
    path = parts.path or "/"
    if parts.query:
        path += "?" + parts.query
    if literal is not None:
        addresses: list[IPAddress] = [literal]
    elif host == "localhost" or host.endswith(".localhost"):
        addresses = [ipaddress.ip_address("127.0.0.1")]
    else:
        try:
            found = list((resolver or system_resolver)(host, port))
        except LoaderError as e:
            raise LoaderError(f"{url}: {e.message}") from None
        if not found:
            raise LoaderError(f"{url}: host {host!r} resolves to no address")
        try:
            addresses = [ipaddress.ip_address(a.split("%", 1)[0]) for a in found]
        except ValueError as e:
            raise LoaderError(f"{url}: host {host!r} resolved to a bad address ({e})") from None
    if not settings.fetch_allow_private:
        for ip in addresses:
            why = blocked_reason(ip)
            if why is not None:
                named = f"{ip} is" if literal is not None else f"{host} resolves to {ip},"
                raise LoaderError(f"{url}: refused: {named} a {why} address "
                                  "(fetch_allow_private is off)")
    return Target(url=url, scheme=scheme, host=str(literal) if literal is not None else host,
                  port=port, ip=str(addresses[0]), path=path)


_MEDIA_SUFFIX = {"text/html": ".html", "application/xhtml+xml": ".html", "application/pdf": ".pdf",
                 "text/markdown": ".md", "text/x-markdown": ".md", "text/plain": ".txt"}


class _DeadlineError(Exception):
    """The caller gave up (deadline): stop reading."""


class _Body:
    """The body being received: raw bytes counted, decoded (gzip, deflate) incrementally, and the
    decoded size held to ``limit`` whatever the compression ratio."""

    def __init__(self, url: str, encoding: str, limit: int) -> None:
        self.url = url
        self.limit = limit
        self.raw = 0
        self.data = bytearray()
        if encoding in ("", "identity"):
            self.decoder = None
        elif encoding in ("gzip", "x-gzip"):
            self.decoder = zlib.decompressobj(16 + zlib.MAX_WBITS)
        elif encoding == "deflate":
            self.decoder = zlib.decompressobj()
        else:
            raise LoaderError(f"{url}: unsupported Content-Encoding {encoding!r} (identity, gzip and "
                              "deflate are accepted)")
        self.encoding = encoding

    def _over(self, what: str) -> LoaderError:
        return LoaderError(f"{self.url}: {what} is over the limit of {self.limit:,} bytes (max_file_bytes)")

    def add(self, chunk: bytes) -> None:
        self.raw += len(chunk)
        if self.raw > self.limit:
            raise self._over("the body")
        if self.decoder is None:
            self.data += chunk
            return
        pending = chunk
        try:
            while pending:
                # never more than one byte past the limit per call, however small the input
                self.data += self.decoder.decompress(pending, self.limit - len(self.data) + 1)
                if len(self.data) > self.limit:
                    raise self._over(f"the body ({self.encoding}-decoded, a decompression bomb?)")
                pending = self.decoder.unconsumed_tail
        except zlib.error as e:
            raise LoaderError(f"{self.url}: the body is not valid {self.encoding} data ({e})") from None

    def finish(self) -> bytes:
        if self.decoder is not None:
            try:
                self.data += self.decoder.flush()
            except zlib.error as e:
                raise LoaderError(f"{self.url}: the body is not valid {self.encoding} data ({e})") from None
            if len(self.data) > self.limit:
                raise self._over(f"the body ({self.encoding}-decoded, a decompression bomb?)")
            if not self.decoder.eof:
                raise LoaderError(f"{self.url}: the {self.encoding} body is truncated")
        return bytes(self.data)


def _fetch_all(url: str, settings: Settings, resolver: Resolver | None, deadline: float,
               cancel: threading.Event) -> tuple[bytes, str, str]:
    current = url
    for hop in range(settings.fetch_max_redirects + 1):
        try:
            target = check_url(current, settings, resolver)
        except LoaderError as e:
            if hop == 0:
                raise
            raise LoaderError(f"{url}: redirected to {e.message}") from None
        left = deadline - time.monotonic()
        if left <= 0:
            raise _DeadlineError
        headers = {"Host": target.host_header, "Accept-Encoding": "identity",
                   "User-Agent": "llmkg (+https://w3id.org/llmkg/)",
                   "Accept": "text/html, application/xhtml+xml, application/pdf, text/markdown, "
                             "text/plain;q=0.9, */*;q=0.1"}
        extensions = {"sni_hostname": target.host} if target.scheme == "https" and \
            _literal_ip(target.host) is None else {}
        with httpx.Client(trust_env=False, follow_redirects=False, timeout=httpx.Timeout(left)) as client, \
                client.stream("GET", target.request_url, headers=headers, extensions=extensions) as resp:
            where = current if hop == 0 else f"{url}: redirected to {current}"
            if resp.status_code in _REDIRECTS:
                location = resp.headers.get("location")
                if not location:
                    raise LoaderError(f"{where}: HTTP {resp.status_code} redirect without a Location")
                if hop == settings.fetch_max_redirects:
                    raise LoaderError(f"{url}: more than {settings.fetch_max_redirects} redirects "
                                      "(fetch_max_redirects)")
                current = urljoin(current, location.strip())
                continue
            if resp.status_code != 200:
                raise LoaderError(f"{where}: HTTP {resp.status_code} {resp.reason_phrase}".rstrip())
            declared = resp.headers.get("content-length", "").strip()
            if declared.isdigit() and int(declared) > settings.max_file_bytes:
                raise LoaderError(f"{where}: {int(declared):,} bytes is over the limit of "
                                  f"{settings.max_file_bytes:,} bytes (max_file_bytes)")
            encoding = resp.headers.get("content-encoding", "identity").strip().lower()
            body = _Body(where, encoding, settings.max_file_bytes)
            for chunk in resp.iter_raw():
                if cancel.is_set():
                    raise _DeadlineError
                body.add(chunk)
            media = resp.headers.get("content-type", "").split(";", 1)[0].strip().lower()
            return body.finish(), media, current
    raise AssertionError("unreachable")  # pragma: no cover


def fetch_url(url: str, settings: Settings, *, resolver: Resolver | None = None) -> tuple[bytes, str, str]:
    """Fetch ``url`` under the rules of this module.

    Args:
        url: an http(s) URL.
        settings: ``fetch_timeout_s``, ``fetch_max_redirects``, ``fetch_allow_private``,
            ``max_file_bytes``.
        resolver: how host names are resolved (default: the system's ``getaddrinfo``); tests
            pass their own.

    Returns:
        The body, its media type (``text/html``, ...; empty when the server sent none) and the
        final URL (after redirects).

    Raises:
        LoaderError: a rule was broken, the server answered an error or too much, or the
            deadline passed.
    """
    deadline = time.monotonic() + settings.fetch_timeout_s
    cancel = threading.Event()
    outcome: dict[str, object] = {}

    def work() -> None:
        try:
            outcome["ok"] = _fetch_all(url, settings, resolver, deadline, cancel)
        except BaseException as e:  # noqa: BLE001 - handed to the caller's thread
            outcome["error"] = e

    worker = threading.Thread(target=work, name="llmkg-fetch", daemon=True)
    worker.start()
    worker.join(max(0.0, deadline - time.monotonic()))
    if worker.is_alive() or isinstance(outcome.get("error"), _DeadlineError | httpx.TimeoutException):
        cancel.set()  # the worker stops at its next read, or when its own timeout (the time left) ends
        raise LoaderError(f"{url}: fetching took longer than {settings.fetch_timeout_s:g} s "
                          "(fetch_timeout_s)")
    error = outcome.get("error")
    if isinstance(error, LoaderError):
        raise error
    if isinstance(error, httpx.HTTPError):
        raise LoaderError(f"{url}: fetch failed ({type(error).__name__}: {error})") from None
    if error is not None:
        raise LoaderError(f"{url}: fetch failed ({type(error).__name__}: {error})") from None
    return outcome["ok"]  # type: ignore[return-value]


def loader_suffix(media_type: str, url: str) -> str | None:
    """The loader suffix for a fetched body: by its media type; a generic or missing type falls
    back to the URL path's suffix (``None``: let the content decide).

    >>> loader_suffix("text/html", "https://a.example/x"), loader_suffix("text/plain", "https://a.example/card.md")
    ('.html', '.md')
    """
    from pathlib import PurePosixPath

    path_suffix = PurePosixPath(urlsplit(url).path).suffix.lower()
    if media_type in ("", "application/octet-stream", "text/plain") and path_suffix in (
            ".md", ".markdown", ".txt", ".text", ".html", ".htm", ".xhtml", ".pdf"):
        return path_suffix
    if media_type in _MEDIA_SUFFIX:
        return _MEDIA_SUFFIX[media_type]
    if media_type in ("", "application/octet-stream"):
        return None
    raise LoaderError(f"{url}: unsupported content type {media_type!r} (known: "
                      f"{', '.join(sorted(_MEDIA_SUFFIX))})")
