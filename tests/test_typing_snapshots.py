"""The misuse samples of every seed service (tests/typing/misuse_*.py):
each ``# misuse: <case>`` line is rejected by mypy --strict and by pyright
(strict; ``optional-key-unguarded`` by pyright only, and mypy must accept
it), nothing else is, and the errors equal the snapshots in
tests/typing/snapshots/. A stub change that stops rejecting a case, or
rejects it differently, fails here; review and update with
``python -m tests.downstream.misuse --update``."""

from __future__ import annotations

from tests.downstream import misuse


def test_every_misuse_rejected_and_snapshots_equal() -> None:
    _, outcome = misuse.check_output()
    assert outcome.problems == [], "\n".join(outcome.problems)
    # every seed service has a sample; each sample covers the six core cases
    core = {
        "wrong-argument-name",
        "missing-required-argument",
        "wrong-argument-type",
        "enum-value-not-in-literal",
        "wrong-paginator-name",
        "optional-key-unguarded",
    }
    by_sample = {s.stem: set(misuse.tags(s).values()) for s in misuse.samples()}
    for service in ("chime_sdk_identity", "cognito_identity", "identitystore"):
        assert core <= by_sample[f"misuse_{service}"], service
    assert outcome.rejected["pyright"] == outcome.cases
    assert outcome.rejected["mypy"] == outcome.cases - sum(
        1 for s in misuse.samples() for case in misuse.tags(s).values() if case in misuse.PYRIGHT_ONLY
    )
