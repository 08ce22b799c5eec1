"""The fidelity run: for each format and service of a set, generate the
package from the corpus documents and compare it with the reference stubs.

    python -m tools.fidelity run [SERVICES...] [--formats ...] [--build] [--write-doc docs/fidelity.md]

Without services, the dev set (``DEV_SET``). ``--build`` builds the missing
corpus first (``tests.corpus.build``); otherwise a format whose corpus is
missing for a service is reported as such and left out.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path

from .compare import CATEGORIES, Report, compare
from .reasons import CHOICE, SETTLED, Context, explain_all, explain_failure
from .stubs import load_package

ROOT = Path(__file__).resolve().parents[2]
_LEVEL = re.compile(r":\d+: (error|warning|info) ", re.M)

DEV_SET = (
    "chime-sdk-identity",
    "cloudformation",
    "cognito-identity",
    "dynamodb",
    "ec2",
    "glue",
    "identitystore",
    "kms",
    "lambda",
    "logs",
    "s3",
    "sagemaker",
    "secretsmanager",
    "sns",
    "sqs",
    "stepfunctions",
    "sts",
)


@dataclass(frozen=True)
class Format:
    name: str
    corpus: str  # current | old
    #: path of the documents, relative to the corpus root; {s} = service
    docs: str
    names: bool
    unstated_response_required: bool
    #: the target score (names included when ``names``)
    target: float
    build_part: str


FORMATS = {
    f.name: f
    for f in (
        Format("markdown-new", "current", "markdown-new/{s}", True, False, 1.0, "markdown-new"),
        Format("markdown-old", "old", "markdown-old-5.5.0/{s}", False, False, 0.995, "markdown-old"),
        Format("markdown-old-4.20", "old", "markdown-old-4.20.0/{s}", False, False, 0.995, "markdown-old"),
        Format("reference-text", "current", "reference/botocore/{s}.txt", False, True, 0.995, "reference-text"),
        Format("reference-html", "current", "reference/botocore/{s}.html", False, True, 0.995, "reference-html"),
        # the old corpus's pages (botocore 1.21.65, one page per service, older Sphinx markup): optional
        Format("reference-text-old", "old", "reference/botocore/{s}.txt", False, True, 0.995, "reference-text"),
        Format("reference-html-old", "old", "reference/botocore/{s}.html", False, True, 0.995, "reference-html"),
    )
}
DEFAULT_FORMATS = ("markdown-new", "markdown-old", "reference-text", "reference-html")


@dataclass
class Outcome:
    format: str
    service: str
    status: str  # ok | no-corpus | failed
    report: Report | None = None
    seconds: float = 0.0
    diagnostics: dict[str, int] = field(default_factory=dict)
    message: str = ""
    #: the reason of each mismatch of ``report`` (None: unexplained)
    reasons: list[str | None] = field(default_factory=list)


def corpus_root(corpus: str) -> Path:
    from tests.corpus.build import corpus_named

    return corpus_named(corpus).root


def evaluate(fmt_name: str, service: str, roots: dict[str, str]) -> Outcome:
    """Generate ``service`` from ``fmt``'s documents and compare (runs in a worker)."""
    try:
        return _evaluate(fmt_name, service, roots)
    except Exception as exc:  # a crash is an outcome too: report it, go on
        import traceback

        last = traceback.format_exception(exc)[-3:]
        return Outcome(fmt_name, service, "failed", message=f"internal error: {''.join(last).strip()}")


def _evaluate(fmt_name: str, service: str, roots: dict[str, str]) -> Outcome:
    fmt = FORMATS[fmt_name]
    root = Path(roots[fmt.corpus])
    docs = root / fmt.docs.format(s=service)
    stubs = root / "stubs" / service
    if not docs.exists() or not any(stubs.glob("*/client.pyi")):
        return Outcome(fmt_name, service, "no-corpus", message=f"missing {docs if not docs.exists() else stubs}")
    with tempfile.TemporaryDirectory(prefix="stubwright-fidelity-") as tmp:
        start = time.perf_counter()
        # the command line, as a user runs it (stable across refactorings of the pipeline)
        cmd = [
            sys.executable,
            "-m",
            "generator",
            "generate",
            str(docs),
            "-o",
            tmp,
            "--kwargs-style",
            "unpack",
            "-q",
            "-j",
            "1",
        ]
        proc = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT)
        seconds = time.perf_counter() - start
        counts: dict[str, int] = {}
        for level in _LEVEL.findall(proc.stderr):
            counts[level] = counts.get(level, 0) + 1
        if proc.returncode != 0:
            errors = [line for line in proc.stderr.splitlines() if " error " in line or "Error" in line][:3]
            return Outcome(
                fmt_name,
                service,
                "failed",
                seconds=seconds,
                diagnostics=counts,
                message="; ".join(errors) or proc.stderr[-500:],
            )
        generated = load_package(Path(tmp))
    reference = load_package(stubs)
    report = compare(reference, generated, names=fmt.names, unstated_response_required=fmt.unstated_response_required)
    ctx = Context(fmt_name, service, reference, generated, docs)
    reasons = explain_all(fmt_name, service, report.mismatches, ctx)
    if fmt.unstated_response_required:
        _file_unstated_flags(report, reasons)
    return Outcome(fmt_name, service, "ok", report, seconds, counts, reasons=reasons)


#: reasons under which a page states no required flag at all (request side)
UNSTATED_FLAG_REASONS = ("[doc] too-large",)


def _file_unstated_flags(report: Report, reasons: list[str | None]) -> None:
    """Move the required flags of a request the page does not state (its
    Parameters list replaced by botocore's too-large note) to the category
    counted apart, like the flags of nested response keys: an item moves
    when every mismatch it has is such a flag."""
    by_item: dict[tuple[str, str], list[int]] = {}
    for i, m in enumerate(report.mismatches):
        by_item.setdefault((m.category, m.where), []).append(i)
    for (category, _), idx in by_item.items():
        if category == "response_required":
            continue
        if all(
            report.mismatches[i].kind == "required" and (reasons[i] or "").startswith(UNSTATED_FLAG_REASONS)
            for i in idx
        ):
            report.categories[category].total -= 1
            report.categories["response_required"].total += 1
            for i in idx:
                report.mismatches[i] = replace(report.mismatches[i], category="response_required")


def run(services: Sequence[str], formats: Sequence[str], jobs: int) -> list[Outcome]:
    roots = {c: str(corpus_root(c)) for c in {FORMATS[f].corpus for f in formats}}
    tasks = [(f, s) for f in formats for s in services]
    # biggest services first: they overlap the small ones
    tasks.sort(key=lambda t: -_size(Path(roots[FORMATS[t[0]].corpus]) / "stubs" / t[1]))
    if jobs <= 1:
        outcomes = [evaluate(f, s, roots) for f, s in tasks]
    else:
        with ProcessPoolExecutor(max_workers=jobs) as pool:
            futures = [pool.submit(evaluate, f, s, roots) for f, s in tasks]
            outcomes = [fut.result() for fut in futures]
    order = {(f, s): i for i, (f, s) in enumerate((f, s) for f in formats for s in services)}
    return sorted(outcomes, key=lambda o: order[(o.format, o.service)])


def _size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*.pyi")) if path.exists() else 0


# --------------------------------------------------------------------------- reporting


def totals(outcomes: Sequence[Outcome], fmt: str) -> Report:
    total = Report(names=FORMATS[fmt].names)
    for o in outcomes:
        if o.format == fmt and o.report is not None:
            total.add(o.report)
    return total


def summary_table(outcomes: Sequence[Outcome], formats: Sequence[str], services: Sequence[str]) -> str:
    by = {(o.format, o.service): o for o in outcomes}
    head = "| service | " + " | ".join(formats) + " |"
    lines = [head, "| --- |" + " ---: |" * len(formats)]
    for service in services:
        cells = []
        for fmt in formats:
            o = by.get((fmt, service))
            if o is None or o.status == "no-corpus":
                cells.append("n/a")
            elif o.status == "failed":
                cells.append("**failed**")
            else:
                assert o.report is not None
                cell = f"{o.report.score:.4f}"
                cells.append(cell if o.report.score >= FORMATS[fmt].target else f"**{cell}**")
        lines.append(f"| {service} | " + " | ".join(cells) + " |")
    overall = []
    for fmt in formats:
        t = totals(outcomes, fmt)
        overall.append(f"**{t.score:.4f}** ({t.matched}/{t.total})" if t.total else "n/a")
    lines.append("| **all (count-weighted)** | " + " | ".join(overall) + " |")
    lines.append(
        "| ceiling (doc/builder/choice reasons counted as matched) | "
        + " | ".join(f"{ceilings(outcomes, f)[0]:.4f}" for f in formats)
        + " |"
    )
    lines.append(
        "| target | "
        + " | ".join(f"{FORMATS[f].target:.3f}" + (" incl. names" if FORMATS[f].names else "") for f in formats)
        + " |"
    )
    return "\n".join(lines)


def category_table(outcomes: Sequence[Outcome], formats: Sequence[str]) -> str:
    head = "| category | " + " | ".join(formats) + " |"
    lines = [head, "| --- |" + " ---: |" * len(formats)]
    reports = {f: totals(outcomes, f) for f in formats}
    for cat in CATEGORIES:
        cells = []
        for f in formats:
            tally = reports[f].categories[cat]
            if (cat == "names" and not FORMATS[f].names) or (
                cat == "response_required" and not FORMATS[f].unstated_response_required
            ):
                cells.append("–")
            else:
                cells.append(f"{tally.score:.4f} ({tally.matched}/{tally.total})" if tally.total else "–")
        label = "required flags the page does not state (apart)" if cat == "response_required" else cat
        lines.append(f"| {label} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def _reason_class(reason: str | None) -> str:
    if reason is None:
        return "unexplained"
    return reason[1 : reason.index("]")]


def ceilings(outcomes: Sequence[Outcome], fmt: str) -> tuple[float, int]:
    """The score with the differences that stay counted as matched (those no
    document can resolve, ``doc`` and ``builder`` reasons, and stubwright's
    deliberate ``choice``s), and the unexplained count."""
    t = totals(outcomes, fmt)
    unresolvable = unexplained = 0
    scored = set(t.scored())
    for o in outcomes:
        if o.format != fmt or o.report is None:
            continue
        # one item may carry several mismatches: count items, by their worst reason
        items: dict[tuple[str, str], str] = {}
        for m, reason in zip(o.report.mismatches, o.reasons, strict=True):
            if m.category not in scored:
                continue
            cls = _reason_class(reason)
            key = (m.category, m.where)
            prev = items.get(key)
            if prev is None or prev in SETTLED:
                items[key] = cls
        unresolvable += sum(1 for c in items.values() if c in SETTLED)
        unexplained += sum(1 for c in items.values() if c == "unexplained")
    return ((t.matched + unresolvable) / t.total if t.total else 1.0), unexplained


def differences(outcomes: Sequence[Outcome], formats: Sequence[str], examples: int = 12) -> tuple[str, int]:
    """Every remaining difference, grouped by reason (counts per format, a
    few examples); returns the markdown and the number of unexplained ones."""
    groups: dict[str, dict[str, list[str]]] = {}
    unexplained = 0
    for o in outcomes:
        if o.format not in formats:
            continue
        if o.status == "failed":
            reason = explain_failure(o.message)
            groups.setdefault(reason, {}).setdefault(o.format, []).append(f"{o.service}: {o.message[:300]}")
            unexplained += reason.startswith("[gap] generation-failed")
            continue
        if o.report is None:
            continue
        for m, reason in zip(o.report.mismatches, o.reasons, strict=True):
            if m.category == "response_required" and not (reason or "").startswith(UNSTATED_FLAG_REASONS):
                continue  # nested response flags: counted in the table, not listed one by one
            if reason is None:
                unexplained += 1
                reason = "[gap] UNEXPLAINED: no rule in tools/fidelity/reasons.py matches"
            line = f"{o.service}: {m.category} {m.kind} `{m.where}`" + (f" ({m.detail[:160]})" if m.detail else "")
            groups.setdefault(reason, {}).setdefault(o.format, []).append(line)
    if not groups:
        return "(none)", 0
    order = {"[doc]": 0, "[builder]": 1, f"[{CHOICE}]": 2, "[gap]": 3}
    lines = ["| reason | " + " | ".join(formats) + " |", "| --- |" + " ---: |" * len(formats)]
    ranked = sorted(groups.items(), key=lambda kv: (order.get(kv[0].split(" ", 1)[0], 3), kv[0]))
    for reason, by_fmt in ranked:
        label = reason.split(":", 1)[0]
        lines.append(f"| {label} | " + " | ".join(str(len(by_fmt.get(f, []))) or "0" for f in formats) + " |")
    lines.append("")
    for reason, by_fmt in ranked:
        lines.append(f"- **{reason.split(':', 1)[0]}**:{reason.split(':', 1)[1]}")
        for fmt in formats:
            items = by_fmt.get(fmt, [])
            if not items:
                continue
            lines.append(f"  - {fmt} ({len(items)}):")
            for item in items[:examples]:
                lines.append(f"    - {item}")
            if len(items) > examples:
                lines.append(f"    - ... and {len(items) - examples} more")
    return "\n".join(lines), unexplained


def write_doc(path: Path, outcomes: Sequence[Outcome], formats: Sequence[str], services: Sequence[str]) -> None:
    template = path.read_text(encoding="utf-8") if path.exists() else "<!-- fidelity:begin -->\n<!-- fidelity:end -->\n"
    diffs, unexplained = differences(outcomes, formats)
    from tests.corpus.build import corpus_named

    versions = ", ".join(
        f"{c} corpus: botocore {corpus_named(c).botocore}" for c in sorted({FORMATS[f].corpus for f in formats})
    )
    body = "\n\n".join(
        [
            "<!-- fidelity:begin (generated by `make fidelity`; edit outside these markers) -->",
            f"Services: {len(services)}; {versions}.",
            "### Score per service and format\n\n" + summary_table(outcomes, formats, services),
            "### Score per category (all services)\n\n" + category_table(outcomes, formats),
            f"### Every remaining difference, by reason ({unexplained} unexplained)\n\n" + diffs,
            "<!-- fidelity:end -->",
        ]
    )
    new = re.sub(r"<!-- fidelity:begin.*?<!-- fidelity:end -->", lambda _: body, template, flags=re.S)
    path.write_text(new, encoding="utf-8")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("services", nargs="*", help="default: the dev set")
    parser.add_argument("--formats", default=",".join(DEFAULT_FORMATS), help=f"comma list of {','.join(FORMATS)}")
    parser.add_argument("--build", action="store_true", help="build the missing corpus first")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--write-doc", type=Path, help="update the generated part of this markdown file")
    parser.add_argument("--json", type=Path, help="write every outcome here")
    parser.add_argument("--mismatches", action="store_true", help="print every mismatch")
    parser.add_argument("--check", action="store_true", help="exit 1 when a format is below its target")


def main(args: argparse.Namespace) -> int:
    services = tuple(args.services) or DEV_SET
    formats = [f.strip() for f in args.formats.split(",") if f.strip()]
    for f in formats:
        if f not in FORMATS:
            raise SystemExit(f"unknown format {f!r} (one of {', '.join(FORMATS)})")
    if args.build:
        from tests.corpus.build import build, corpus_named

        for corpus in sorted({FORMATS[f].corpus for f in formats}):
            parts = {"stubs"} | {FORMATS[f].build_part for f in formats if FORMATS[f].corpus == corpus}
            build(corpus_named(corpus), services, parts, jobs=args.jobs)
    start = time.perf_counter()
    outcomes = run(services, formats, args.jobs)
    print(summary_table(outcomes, formats, services))
    print()
    print(category_table(outcomes, formats))
    for o in outcomes:
        if o.status != "ok":
            print(f"{o.format} {o.service}: {o.status} {o.message}", file=sys.stderr)
    if args.mismatches:
        print()
        print(differences(outcomes, formats)[0])
    if args.write_doc:
        write_doc(args.write_doc, outcomes, formats, services)
        print(f"\nwrote {args.write_doc}")
    if args.json:
        args.json.write_text(
            json.dumps(
                [
                    {
                        "format": o.format,
                        "service": o.service,
                        "status": o.status,
                        "seconds": round(o.seconds, 3),
                        "diagnostics": o.diagnostics,
                        "message": o.message,
                        "report": o.report.to_json() if o.report else None,
                    }
                    for o in outcomes
                ],
                indent=1,
            )
        )
    print(f"\n{len(outcomes)} comparisons in {time.perf_counter() - start:.1f}s")
    if args.check:
        below = [f for f in formats if totals(outcomes, f).total and totals(outcomes, f).score < FORMATS[f].target]
        if below:
            print(f"below target: {', '.join(below)}", file=sys.stderr)
            return 1
    return 0
