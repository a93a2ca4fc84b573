"""Articles read from their web pages: `factlint report https://... https://...`.

The page is fetched with httpx (timeouts, a size limit, a User-Agent that says who we are, a
bounded number of redirects followed one by one), its main text is extracted with trafilatura
(made for news pages: navigation, ads, scripts and reader comments are left out) and its
title, outlet, date and address come from the page's metadata (Open Graph, JSON-LD
`datePublished`, `<link rel=canonical>`, via trafilatura). Every failure is an InputError
naming the URL, shown as one line like a missing file.

The service fetches with ``allow_private=False``: every address the host resolves to must be a
public one, checked again after each redirect, and the connection goes to the address that was
checked (the host name kept for TLS and the Host header), so a DNS answer that changes between
the check and the connection cannot reach the internal network (SSRF).

Fetched pages are kept, as the article record extracted from them, in ``<cache>/pages/`` for
a day: a story's sources are fetched once however often its drafts are linted.
"""

from __future__ import annotations

import hashlib
import ipaddress
import json
import re
import socket
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from . import __version__
from .errors import InputError
from .models import Article

USER_AGENT = f"factlint/{__version__} (news fact-consistency checker; +https://github.com/factlint/factlint)"
HTML_TYPES = ("text/html", "application/xhtml+xml")
_URL = re.compile(r"https?://", re.I)


def is_url(text: str) -> bool:
    return bool(_URL.match(str(text)))


@dataclass
class FetchOptions:
    timeout: float = 10.0  # seconds for the whole fetch of one page, redirects included
    max_bytes: int = 5_000_000
    max_redirects: int = 5
    allow_private: bool = True  # the CLI reads intranet pages; the service does not by default
    cache_dir: Path | None = None  # where fetched pages are kept; None: not kept
    max_age: float = 86400.0  # seconds a kept page is used before it is fetched again


class Fetcher:
    def __init__(self, options: FetchOptions | None = None):
        self.options = options or FetchOptions()

    def fetch_all(self, urls: list[str]) -> list[Article | InputError]:
        """Each URL's article, or the InputError naming it, in order (fetched 8 at a time)."""
        def one(url: str) -> Article | InputError:
            try:
                return self.fetch(url)
            except InputError as err:
                return err

        if len(urls) <= 1:
            return [one(u) for u in urls]
        with ThreadPoolExecutor(max_workers=min(8, len(urls))) as pool:
            return list(pool.map(one, urls))

    def fetch(self, url: str) -> Article:
        record = self._cached(url)
        if record is None:
            body, content_type, final_url = self._download(url)
            record = page_record(body, content_type, final_url, url)
            self._keep(url, record)
        return to_article(record, url)

    # -- the page cache ------------------------------------------------------------------------

    def _cache_path(self, url: str) -> Path | None:
        if self.options.cache_dir is None:
            return None
        sha = hashlib.sha256(url.encode("utf-8", "surrogatepass")).hexdigest()
        return self.options.cache_dir / "pages" / sha[:2] / f"{sha}.json"

    def _cached(self, url: str) -> dict | None:
        path = self._cache_path(url)
        try:
            entry = json.loads(path.read_text(encoding="utf-8")) if path else None
        except (OSError, ValueError):  # missing or broken: fetch again
            return None
        if not isinstance(entry, dict) or entry.get("url") != url or \
                time.time() - entry.get("fetched", 0) > self.options.max_age:
            return None
        return entry.get("record")

    def _keep(self, url: str, record: dict) -> None:
        from .cache import _write_atomic

        path = self._cache_path(url)
        if path is None:
            return
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            _write_atomic(path, json.dumps({"url": url, "fetched": time.time(), "record": record}).encode())
        except OSError:  # a cache that cannot be written only costs a fetch next time
            pass

    # -- the network ---------------------------------------------------------------------------

    def _download(self, url: str) -> tuple[bytes, str, str]:
        """(body, content type, final URL) of the page, redirects followed one at a time."""
        import httpx

        opts = self.options
        deadline = time.monotonic() + opts.timeout
        # trust_env: the CLI goes through the user's proxy; the guarded service connects itself
        with httpx.Client(timeout=opts.timeout, follow_redirects=False, trust_env=opts.allow_private,
                          headers={"User-Agent": USER_AGENT, "Accept": "text/html,application/xhtml+xml;q=0.9,"
                                                                          "text/plain;q=0.8"}) as client:
            current = url
            for _hop in range(opts.max_redirects + 1):
                try:
                    target = httpx.URL(current)
                except httpx.InvalidURL as err:
                    raise InputError(f"not a valid URL: {err}", url) from None
                if target.scheme not in ("http", "https") or not target.host:
                    raise InputError(f"only http and https URLs can be read (redirected to {current})", url)
                request = self._request(client, target, url)
                try:
                    response = client.send(request, stream=True)
                    try:
                        if response.is_redirect and "location" in response.headers:
                            current = str(target.join(response.headers["location"]))
                            continue
                        if response.status_code >= 400:
                            raise InputError(f"cannot fetch: HTTP {response.status_code} "
                                             f"{response.reason_phrase}".rstrip(), url)
                        body = self._read(response, deadline, url)
                        return body, response.headers.get("content-type", ""), current
                    finally:
                        response.close()
                except httpx.TimeoutException:
                    raise InputError(f"cannot fetch: no answer within {opts.timeout:g} s", url) from None
                except httpx.HTTPError as err:
                    raise InputError(f"cannot fetch: {err or type(err).__name__}", url) from None
            raise InputError(f"cannot fetch: more than {opts.max_redirects} redirects", url)

    def _request(self, client, target, url: str):
        """The request for ``target``; guarded, to the checked address of its host."""
        if self.options.allow_private:
            return client.build_request("GET", target)
        address = public_address(target.host, target.port or (443 if target.scheme == "https" else 80), url)
        host = target.netloc.decode("ascii")
        extensions = {"sni_hostname": target.host} if target.scheme == "https" else {}
        return client.build_request("GET", target.copy_with(host=address), headers={"Host": host},
                                    extensions=extensions)

    def _read(self, response, deadline: float, url: str) -> bytes:
        limit = self.options.max_bytes
        declared = response.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > limit:
            raise InputError(f"cannot fetch: the page is larger than the {limit:,} byte limit", url)
        chunks, size = [], 0
        for chunk in response.iter_bytes():
            size += len(chunk)
            if size > limit:
                raise InputError(f"cannot fetch: the page is larger than the {limit:,} byte limit", url)
            if time.monotonic() > deadline:  # a page that trickles in is a timeout too
                raise InputError(f"cannot fetch: no answer within {self.options.timeout:g} s", url)
            chunks.append(chunk)
        return b"".join(chunks)


def public_address(host: str, port: int, url: str) -> str:
    """The first address of ``host``, when every address it resolves to is public; else refused."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError):
        raise InputError(f"cannot fetch: cannot resolve the host {host!r}", url) from None
    addresses = []
    for info in infos:
        address = ipaddress.ip_address(info[4][0].split("%")[0])
        mapped = getattr(address, "ipv4_mapped", None)  # ::ffff:127.0.0.1 is 127.0.0.1
        if not (mapped or address).is_global or (mapped or address).is_multicast:
            raise InputError(f"refused: {host} resolves to {address}, a loopback, private or reserved "
                             f"address (this service fetches public pages only)", url)
        addresses.append(str(address))
    if not addresses:
        raise InputError(f"cannot fetch: cannot resolve the host {host!r}", url)
    return addresses[0]


def page_record(body: bytes, content_type: str, final_url: str, url: str) -> dict:
    """The article record of a page: its main text and metadata."""
    kind = content_type.split(";")[0].strip().lower()
    if kind == "text/plain":
        return {"text": body.decode("utf-8", "replace"), "url": final_url}
    if kind and kind not in HTML_TYPES:
        raise InputError(f"cannot read: not a web page (Content-Type {kind})", url)
    import trafilatura

    page = trafilatura.bare_extraction(body, url=final_url, with_metadata=True, include_comments=False,
                                       include_tables=False, favor_precision=True)
    if page is None or not (page.text or "").strip():
        raise InputError("cannot read: no article text found on the page", url)
    record = {"text": page.text, "title": page.title, "outlet": page.sitename, "published": page.date,
              "url": page.url or final_url}
    return {k: v for k, v in record.items() if v}


def to_article(record: dict, url: str) -> Article:
    """The Article of a page's record: its id made of the address, located by the URL given."""
    from .ingest import from_record

    target = re.sub(r"^https?://", "", url, flags=re.I).split("#")[0].rstrip("/")
    return from_record({**record, "format": "text"}, Path("page"), url, default_id=target or url)
