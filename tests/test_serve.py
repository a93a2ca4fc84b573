"""`factlint serve` (issue 16): the service started as a real process (uvicorn on 127.0.0.1, a
free port) and called over HTTP, as a CMS would."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from threading import Thread

import httpx
import pytest

from conftest import SEEDS
from factlint.cli import main

DRAFT = SEEDS / "001_f041920d014e6657.txt"
TOKEN = "s3cret-token"
MAX_BODY = 300_000
MAX_ARTICLES = 6


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def service(tmp_path_factory):
    """The base URL of a running `factlint serve` with a token, limits and fetching on."""
    home = tmp_path_factory.mktemp("serve")
    (home / "token").write_text(TOKEN + "\n", encoding="utf-8")
    port = free_port()
    log = open(home / "log.txt", "w+", encoding="utf-8")  # noqa: SIM115  (open while the service runs)
    process = subprocess.Popen(
        [sys.executable, "-m", "factlint.cli", "serve", "--isolated", "--port", str(port), "--token-file",
         str(home / "token"), "--max-body", str(MAX_BODY), "--max-articles", str(MAX_ARTICLES), "--fetch",
         "--log-level", "warning"], cwd=home, stdout=log, stderr=subprocess.STDOUT,
        env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)})
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 90
        while True:
            try:
                if httpx.get(f"{base}/healthz").status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                log.seek(0)
                pytest.fail(f"factlint serve did not start: {log.read()}")
            time.sleep(0.2)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=30)
        log.close()


def post(base: str, path: str, body, token: str | None = TOKEN, **headers) -> httpx.Response:
    if token:
        headers["Authorization"] = f"Bearer {token}"
    data = body if isinstance(body, (bytes, str)) else json.dumps(body)
    return httpx.post(f"{base}{path}", content=data, headers={"Content-Type": "application/json", **headers},
                      timeout=60)


def record(path) -> dict:
    return {"id": path.stem, "text": path.read_text(encoding="utf-8")}


def lint_body(sources) -> dict:
    return {"draft": record(DRAFT), "sources": [record(p) for p in sources]}


OTHERS = sorted(p for p in SEEDS.glob("*.txt") if p != DRAFT)


def test_lint_gives_the_cli_findings_located_in_the_draft(service, tmp_path, capsys):
    answer = post(service, "/v1/lint", lint_body(OTHERS))
    assert answer.status_code == 200, answer.text
    assert answer.headers["content-type"] == "application/json"
    findings = answer.json()["findings"]
    titles = [(f["rule"], f["sides"][0]["evidence"][0]["article"], f["sides"][0]["evidence"][0]["line"],
               f["sides"][0]["evidence"][0]["column"]) for f in findings if f["rule"] == "role-conflict"]
    assert titles == [("role-conflict", DRAFT.stem, 12, 19), ("role-conflict", DRAFT.stem, 12, 119)]
    assert main(["lint", str(DRAFT), "--against", str(SEEDS), "--format", "json", "-o", str(tmp_path / "cli.json")]) == 1
    assert findings == json.loads((tmp_path / "cli.json").read_text(encoding="utf-8"))["findings"]


def test_lint_against_the_three_agreeing_sources_gives_two_title_errors(service):
    sources = [p for p in OTHERS if not p.name.startswith("003")]
    findings = post(service, "/v1/lint", lint_body(sources)).json()["findings"]
    errors = [(f["rule"], f["sides"][0]["evidence"][0]["line"], f["sides"][0]["evidence"][0]["column"])
              for f in findings if f["severity"] == "error"]
    assert errors == [("role-conflict", 12, 19), ("role-conflict", 12, 119)]


def test_sarif_by_accept_header_or_format_field(service):
    by_header = post(service, "/v1/lint", lint_body(OTHERS), Accept="application/sarif+json")
    by_field = post(service, "/v1/lint", {**lint_body(OTHERS), "format": "sarif"})
    for answer in (by_header, by_field):
        assert answer.status_code == 200
        assert answer.headers["content-type"] == "application/sarif+json"
        sarif = answer.json()
        assert sarif["version"] == "2.1.0"
        assert len(sarif["runs"][0]["results"]) == 3


def test_report_as_json_and_html(service):
    body = {"articles": [record(p) for p in sorted(SEEDS.glob("*.txt"))]}
    as_json = post(service, "/v1/report", body)
    assert as_json.status_code == 200
    assert {"role-conflict", "duration-mismatch"} <= {f["rule"] for f in as_json.json()["findings"]}
    page = post(service, "/v1/report", body, Accept="text/html")
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert page.text.startswith("<!DOCTYPE html>") and "former President" in page.text
    assert post(service, "/v1/report", {**body, "format": "html"}).text == page.text


def test_a_missing_or_wrong_token_is_401(service):
    for token in (None, "wrong"):
        answer = post(service, "/v1/lint", lint_body([]), token=token)
        assert answer.status_code == 401
        assert answer.headers["www-authenticate"] == "Bearer"
        assert answer.json() == {"errors": ["error[E004]: missing or wrong bearer token (Authorization: Bearer TOKEN)"]}
    assert httpx.get(f"{service}/v1/rules").status_code == 401
    assert httpx.get(f"{service}/v1/rules", headers={"Authorization": f"Bearer {TOKEN}"}).status_code == 200


def test_too_large_or_too_many_is_413_with_a_clear_message(service):
    big = {"draft": {"text": "Senator Marco Rubio met Lavrov. " * (MAX_BODY // 30)}}
    answer = post(service, "/v1/lint", big)
    assert answer.status_code == 413
    assert answer.json()["errors"] == [f"error[E001]: request body: larger than this service's limit of "
                                       f"{MAX_BODY:,} bytes (send fewer or shorter articles, or start the service "
                                       f"with a larger --max-body)"]
    chunked = httpx.post(f"{service}/v1/lint", content=iter([json.dumps(big).encode()]),
                         headers={"Authorization": f"Bearer {TOKEN}", "Content-Type": "application/json"})
    assert chunked.status_code == 413  # no Content-Length: counted as it arrives
    many = {"draft": {"text": "Hello."}, "sources": [{"text": "Hello.", "id": str(i)} for i in range(MAX_ARTICLES)]}
    answer = post(service, "/v1/lint", many)
    assert answer.status_code == 413
    assert answer.json()["errors"] == [f"error[E001]: request body: {MAX_ARTICLES + 1} articles, more than this "
                                       f"service's limit of {MAX_ARTICLES} per request"]


def test_bad_input_is_a_4xx_with_the_cli_reasons(service, tmp_path, capsys):
    (tmp_path / "draft.json").write_text(json.dumps({"id": "d", "published": "someday", "text": "Hi."}), "utf-8")
    assert main(["lint", str(tmp_path / "draft.json")]) == 2
    cli_line = capsys.readouterr().err.strip()
    assert cli_line == f"factlint: error[E001]: {tmp_path / 'draft.json'}: 'published' is not a date: 'someday'"
    cases = [
        ({"draft": {"id": "d", "published": "someday", "text": "Hi."}}, 422,
         ["error[E001]: draft: 'published' is not a date: 'someday'"]),
        ({"draft": {"title": "no text"}, "sources": [{"text": " "}]}, 422,
         ["error[E001]: draft: record has no 'text'", "error[E001]: sources[0]: record has no 'text'"]),
        ({"draft": {"text": "A.", "id": "x"}, "sources": [{"text": "B.", "id": "x"}]}, 422,
         ["error[E001]: sources[0]: article id 'x' is also used by draft"]),
        ({"draft": {"text": "<!-- factlint: ignore[no-such-rule] why -->\nA."}}, 422, None),
        ({"draft": {"text": 5}}, 422, ["error[E001]: draft.text: Input should be a valid string"]),
        ({"sources": []}, 422, ["error[E001]: draft: Field required"]),
        ('{"draft": ', 400, ["error[E001]: request body: not valid JSON"]),
    ]
    for body, status, errors in cases:
        answer = post(service, "/v1/lint", body)
        assert answer.status_code == status, (body, answer.text)
        assert "Traceback" not in answer.text
        if errors:
            assert answer.json() == {"errors": errors}
        else:
            [line] = answer.json()["errors"]
            assert line.startswith("error[E006]: draft:1:1: ") and "no-such-rule" in line
    form = httpx.post(f"{service}/v1/lint", data={"draft": "x"}, headers={"Authorization": f"Bearer {TOKEN}"})
    assert form.status_code == 415


@pytest.fixture(scope="module")
def local_page():
    class Page(BaseHTTPRequestHandler):
        def do_GET(self):
            data = b"<html><body><article><p>Senator Marco Rubio met Sergei Lavrov.</p></article></body></html>"
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Page)
    Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}/story"
    server.shutdown()
    server.server_close()


def test_fetching_never_reaches_loopback_from_the_service(service, local_page):
    answer = post(service, "/v1/lint", {"draft": {"text": "Secretary of State Marco Rubio met Lavrov."},
                                        "sources": [{"url": local_page}]})
    assert answer.status_code == 422
    assert answer.json() == {"errors": [f"error[E001]: {local_page}: refused: 127.0.0.1 resolves to 127.0.0.1, a "
                                        f"loopback, private or reserved address (this service fetches public pages "
                                        f"only)"]}


def test_healthz_rules_metrics_and_docs(service):
    health = httpx.get(f"{service}/healthz")
    assert health.status_code == 200 and health.json()["status"] == "ok"
    auth = {"Authorization": f"Bearer {TOKEN}"}
    rules = httpx.get(f"{service}/v1/rules", headers=auth).json()
    assert "role-conflict" in {r["id"] for r in rules}
    metrics = httpx.get(f"{service}/metrics", headers=auth).text
    assert 'factlint_requests_total{method="GET",path="/healthz",status="200"}' in metrics
    assert "factlint_request_seconds_bucket" in metrics and "process_resident_memory_bytes" in metrics
    assert httpx.get(f"{service}/docs").status_code == 200
    paths = httpx.get(f"{service}/openapi.json").json()["paths"]
    assert {"/v1/lint", "/v1/report", "/v1/rules", "/healthz", "/metrics"} <= set(paths)


def test_serve_refuses_a_bad_token_file_before_starting(tmp_path, capsys):
    assert main(["serve", "--isolated", "--token-file", str(tmp_path / "none")]) == 2
    assert capsys.readouterr().err.startswith(f"factlint: error[E004]: {tmp_path / 'none'}: cannot read the token file")
