"""`factlint serve`: the lint and the report as an HTTP API, for a CMS's "publish" button.

A FastAPI app run by uvicorn. Each worker process loads the rules and the spaCy model once, at
start, and parses with the parse cache the CLI uses (a source parsed by `factlint lint` is not
parsed again, and the other way round). The work of a request is done in a thread, one request
at a time per worker (spaCy is CPU-bound: more workers, not more threads, serve more), under a
time limit. Every refused request is a 4xx whose `errors` are the one-line reasons the CLI
prints; an unexpected failure is a 500 without a traceback (the traceback goes to the log).

The workers get their configuration from the command line through one environment variable
(uvicorn starts them as fresh processes from an import string): see ``app_from_env``.
"""

from __future__ import annotations

import hmac
import logging
import os
import threading
import time
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Annotated, Any, Literal

import anyio
from fastapi import Depends, FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from prometheus_client import CollectorRegistry, Counter, Histogram, generate_latest
from prometheus_client import CONTENT_TYPE_LATEST, ProcessCollector
from pydantic import BaseModel, ConfigDict, Field

from . import __version__
from .errors import FactlintError, InputError

ENV = "FACTLINT_SERVE_CONFIG"
Credentials = Annotated[HTTPAuthorizationCredentials | None,
                        Depends(HTTPBearer(auto_error=False, description="the token of --token-file, if any"))]
log = logging.getLogger("factlint.serve")


class ServeConfig(BaseModel):
    """Everything a worker needs, resolved by `factlint serve` (flags over the configuration file)."""

    config: str | None = None  # the configuration file (rules on and off, severities, baseline)
    rules: str  # the rules directory
    model: str | None = None
    cache_dir: str | None = None  # the parse cache (and fetched pages); None: no cache
    token_file: str | None = None
    max_body: int = 1_000_000  # bytes of one request
    max_articles: int = 50  # the draft and its sources, or a report's articles
    timeout: float = 30.0  # seconds for one request's analysis, waiting included
    fetch: bool = False  # may a source give a `url` instead of its `text`
    allow_private_urls: bool = False  # may a fetched URL reach loopback or private addresses
    fetch_timeout: float = 10.0


# -- the API's schema ---------------------------------------------------------------------------

class ArticleIn(BaseModel):
    """An article: the JSON record `factlint lint` and `report` read from .json/.jsonl files."""

    model_config = ConfigDict(extra="allow")  # a CMS's other fields are ignored

    id: str | int | None = Field(None, description="unique in the request; default `draft`, `source-1`, ...")
    text: str | None = Field(None, description="plain text, Markdown or HTML (see `format`)")
    format: str | None = Field(None, description="`text`, `markdown` (YAML front matter read) or `html`; "
                                                  "default: HTML when the text opens with a block tag")
    title: str | None = None
    outlet: str | None = None
    url: str | None = Field(None, description="the article's address; without `text`, the page is fetched "
                                               "(when the service is started with --fetch)")
    published: str | None = Field(None, description="the date it was published, e.g. 2025-07-10")


class LintRequest(BaseModel):
    draft: ArticleIn
    sources: list[ArticleIn] = []
    format: Literal["json", "sarif"] | None = Field(None, description="default: SARIF when Accept asks for "
                                                                       "application/sarif+json, else JSON")


class ReportRequest(BaseModel):
    articles: list[ArticleIn] = Field(min_length=1)
    format: Literal["json", "html"] | None = Field(None, description="default: HTML when Accept asks for "
                                                                      "text/html, else JSON")


class Refused(Exception):
    """A request refused with a status and the one-line reasons, as the CLI prints them."""

    def __init__(self, status: int, lines: list[str], headers: dict | None = None):
        super().__init__(lines[0])
        self.status, self.lines, self.headers = status, lines, headers or {}


# -- the work, done in a worker thread -----------------------------------------------------------

class Service:
    """One worker's state: rules, model, caches, and the lock that runs one analysis at a time."""

    def __init__(self, config: ServeConfig):
        from .cache import ParseCache
        from .config import Settings, apply_to_rules, load_config
        from .engine import load_rules
        from .fetch import Fetcher, FetchOptions
        from .suppress import read_baseline

        self.config = config
        self.settings = load_config(Path(config.config)) if config.config else Settings()
        self.rules = apply_to_rules(self.settings, load_rules(Path(config.rules)))
        self.model = config.model or self.settings.model
        self.cache = ParseCache(config.cache_dir) if config.cache_dir else None
        self.baseline = read_baseline(self.settings.resolve(self.settings.baseline)) if self.settings.baseline else []
        self.token = Path(config.token_file).read_text(encoding="utf-8").strip() if config.token_file else None
        self.fetcher = Fetcher(FetchOptions(timeout=config.fetch_timeout, allow_private=config.allow_private_urls,
                                            cache_dir=self.cache.directory if self.cache else None)) \
            if config.fetch else None
        self.lock = threading.Lock()
        self.ready = False

    def load(self) -> None:
        """The model, loaded and run once before the first request."""
        from .nlp import load_pipeline

        load_pipeline(self.model)("Warm-up: the model is loaded.")
        self.ready = True

    def articles(self, records: list[tuple[str, str, ArticleIn]]) -> list:
        """The Articles of (where, default id, record); every problem at once, as the CLI names files."""
        from .ingest import from_record, unique_ids

        wanted = [r.url for _, _, r in records if not r.text and r.url]
        if wanted and self.fetcher is None:
            raise InputError.many([InputError("no 'text', and this service does not fetch URLs "
                                              "(start it with --fetch)", where)
                                   for where, _, r in records if not r.text and r.url])
        pages = dict(zip(wanted, self.fetcher.fetch_all(wanted))) if wanted else {}
        out, problems = [], []
        for where, default_id, record in records:
            data = record.model_dump(exclude_none=True)
            try:
                if not record.text and record.url:
                    page = pages[record.url]
                    if isinstance(page, InputError):
                        raise page
                    given = {k: data[k] for k in ("id", "title", "outlet", "published") if k in data}
                    out.append(from_record({**page_fields(page), **given, "format": "text"}, Path(where), where,
                                           default_id))
                else:
                    out.append(from_record(data, Path(where), where, default_id))
            except FactlintError as err:
                problems.append(err)
        kept, clashes = unique_ids(out)
        if problems or clashes:
            raise FactlintError.many(problems + clashes)
        return kept

    def lint(self, request: LintRequest):
        from .lint import lint, with_suppressions
        from .suppress import inline_suppressions

        records = [("draft", "draft", request.draft)] + \
            [(f"sources[{i}]", f"source-{i + 1}", s) for i, s in enumerate(request.sources)]
        articles = self.articles(records)
        drafts, sources = articles[:1], articles[1:]
        inline = inline_suppressions(drafts, {r.id for r in self.rules})
        result = lint(drafts, sources, self.rules, self.model, cache=self.cache)
        return with_suppressions(result, inline, self.baseline)

    def report(self, request: ReportRequest):
        from .pipeline import analyze

        articles = self.articles([(f"articles[{i}]", f"article-{i + 1}", a) for i, a in enumerate(request.articles)])
        return analyze(articles, self.rules, self.model, cache=self.cache)

    async def run(self, work, *args):
        """``work(*args)`` in a thread, one at a time, within the time limit (the wait included).
        A request past its limit is answered 503; its thread, which cannot be stopped, finishes
        in the background, and a request still waiting when its time is up does not start."""
        limit = self.config.timeout
        deadline = time.monotonic() + limit

        def locked():
            with self.lock:
                if time.monotonic() > deadline:
                    return None
                return work(*args)

        try:
            with anyio.fail_after(limit):
                return await anyio.to_thread.run_sync(locked, abandon_on_cancel=True)
        except TimeoutError:
            raise Refused(503, [f"error[E004]: the analysis took longer than this service's limit of {limit:g} s; "
                                f"try again, or send fewer or shorter articles"],
                          {"Retry-After": "5"}) from None


def _where(loc) -> str:
    """A validation error's place in the request, as `sources[1].text`."""
    parts = [p for p in loc if p != "body"]
    if not parts:
        return "request body"
    return str(parts[0]) + "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in parts[1:])


def page_fields(page) -> dict:
    return {"text": page.text, "title": page.title, "outlet": page.outlet, "published": page.published,
            "url": page.url, "id": page.id}


# -- the HTTP side ------------------------------------------------------------------------------

class BodyLimit:
    """Refuses a request body over ``limit`` bytes with 413: by its Content-Length, or, when it
    has none (chunked), as soon as more has arrived; the body is then handed on as read."""

    def __init__(self, app, limit: int):
        self.app, self.limit = app, limit

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        declared = dict(scope.get("headers") or []).get(b"content-length", b"")
        if declared.isdigit() and int(declared) > self.limit:
            return await self._refuse(scope, receive, send)
        chunks, size, more = [], 0, True
        while more:
            message = await receive()
            if message["type"] != "http.request":  # the client went away
                return
            chunks.append(message.get("body", b""))
            size += len(chunks[-1])
            more = message.get("more_body", False)
            if size > self.limit:
                return await self._refuse(scope, receive, send)
        body, replayed = b"".join(chunks), False

        async def replay():
            nonlocal replayed
            if replayed:
                return await receive()
            replayed = True
            return {"type": "http.request", "body": body, "more_body": False}

        await self.app(scope, replay, send)

    async def _refuse(self, scope, receive, send):
        message = (f"error[E001]: request body: larger than this service's limit of {self.limit:,} bytes "
                   f"(send fewer or shorter articles, or start the service with a larger --max-body)")
        await JSONResponse({"errors": [message]}, status_code=413)(scope, receive, send)


def app_from_env() -> FastAPI:
    """The app of a uvicorn worker (`factory=True`), configured by `factlint serve`."""
    return create_app(ServeConfig.model_validate_json(os.environ[ENV]))


def create_app(config: ServeConfig) -> FastAPI:
    service = Service(config)  # rules and configuration: a bad one stops the worker at once

    @asynccontextmanager
    async def lifespan(app):
        await anyio.to_thread.run_sync(service.load)
        log.info("factlint %s: model loaded, %d rules, pid %d", __version__, len(service.rules), os.getpid())
        yield

    app = FastAPI(title="factlint", version=__version__, lifespan=lifespan,
                  description="Checks a draft against its sources before it is published: the findings of "
                              "`factlint lint`, located in the draft. See docs/serve.md.")
    app.state.service = service
    registry = CollectorRegistry()
    ProcessCollector(registry=registry)  # process_resident_memory_bytes and the like, of this worker
    requests = Counter("factlint_requests", "HTTP requests answered", ["method", "path", "status"],
                       registry=registry)
    latency = Histogram("factlint_request_seconds", "time to answer a request", ["path"], registry=registry,
                        buckets=(0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30))

    @app.middleware("http")
    async def measure(request: Request, call_next):
        start = time.perf_counter()
        response = await call_next(request)
        route = request.scope.get("route")
        path = getattr(route, "path", "other")  # the route's template: a bounded set of labels
        requests.labels(request.method, path, str(response.status_code)).inc()
        latency.labels(path).observe(time.perf_counter() - start)
        return response

    app.add_middleware(BodyLimit, limit=config.max_body)

    @app.exception_handler(Refused)
    async def refused(request: Request, err: Refused):
        return JSONResponse({"errors": err.lines}, status_code=err.status, headers=err.headers)

    @app.exception_handler(FactlintError)
    async def bad_input(request: Request, err: FactlintError):
        return JSONResponse({"errors": err.lines()}, status_code=422)

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, err: RequestValidationError):
        errors = err.errors()
        kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
        if request.method == "POST" and not (kind == "application/json" or kind.endswith("+json")):
            return JSONResponse({"errors": [f"error[E001]: request body: send JSON with Content-Type: "
                                            f"application/json (not {kind or 'none'})"]}, status_code=415)
        if any(e["type"] == "json_invalid" for e in errors):
            return JSONResponse({"errors": ["error[E001]: request body: not valid JSON"]}, status_code=400)
        return JSONResponse({"errors": [f"error[E001]: {_where(e['loc'])}: {e['msg']}" for e in errors]},
                            status_code=422)

    @app.exception_handler(Exception)
    async def crashed(request: Request, err: Exception):
        log.exception("factlint: internal error on %s", request.url.path)
        return JSONResponse({"errors": ["internal error: this is a bug in factlint; the service log has "
                                        "the details"]}, status_code=500)

    def authorized(credentials: Credentials) -> None:
        if service.token is None:
            return
        given = credentials.credentials if credentials else ""
        if not hmac.compare_digest(given.encode(), service.token.encode()):
            raise Refused(401, ["error[E004]: missing or wrong bearer token (Authorization: Bearer TOKEN)"],
                          {"WWW-Authenticate": "Bearer"})

    def count_limit(n: int) -> None:
        if n > config.max_articles:
            raise Refused(413, [f"error[E001]: request body: {n} articles, more than this service's limit of "
                                f"{config.max_articles} per request"])

    @app.post("/v1/lint", dependencies=[Depends(authorized)],
              responses={200: {"content": {"application/json": {}, "application/sarif+json": {}}}},
              summary="check a draft against its sources: the findings of `factlint lint`, located in the draft")
    async def lint_endpoint(body: LintRequest, request: Request) -> Response:
        from .cli import escape_bidi
        from .lint_formats import to_sarif
        from .report import to_json

        count_limit(1 + len(body.sources))
        fmt = body.format or ("sarif" if "application/sarif+json" in request.headers.get("accept", "") else "json")
        report = await service.run(service.lint, body)
        if fmt == "sarif":
            return Response(escape_bidi(to_sarif(report, service.rules)), media_type="application/sarif+json")
        return Response(escape_bidi(to_json(report)), media_type="application/json")

    @app.post("/v1/report", dependencies=[Depends(authorized)],
              responses={200: {"content": {"application/json": {}, "text/html": {}}}},
              summary="the contradictions between articles of one story, as JSON or the HTML report")
    async def report_endpoint(body: ReportRequest, request: Request) -> Response:
        from .cli import escape_bidi
        from .report import to_json
        from .report_html import to_html

        count_limit(len(body.articles))
        fmt = body.format or ("html" if "text/html" in request.headers.get("accept", "") else "json")
        result = await service.run(service.report, body)
        if fmt == "html":
            return Response(escape_bidi(to_html(result)), media_type="text/html; charset=utf-8")
        return Response(escape_bidi(to_json(result.report())), media_type="application/json")

    @app.get("/v1/rules", dependencies=[Depends(authorized)], summary="the rules in force")
    async def rules_endpoint() -> list[dict[str, Any]]:
        return [{"id": r.id, "check": r.check, "kind": r.kind, "severity": r.severity, "enabled": r.enabled,
                 "docs": r.docs} for r in service.rules]

    @app.get("/healthz", summary="200 once the model is loaded")
    async def healthz() -> JSONResponse:
        body = {"status": "ok" if service.ready else "loading", "model": service.model or "default",
                "rules": len(service.rules), "version": __version__, "pid": os.getpid()}
        return JSONResponse(body, status_code=200 if service.ready else 503)

    @app.get("/metrics", dependencies=[Depends(authorized)], summary="Prometheus metrics of the worker answering")
    async def metrics() -> Response:
        return Response(generate_latest(registry), media_type=CONTENT_TYPE_LATEST)

    return app
