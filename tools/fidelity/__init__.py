"""Fidelity tooling: compare generated stub packages with the published
(mypy-boto3-builder) ones, per service and per document format.

    python -m tools.fidelity compare GENERATED REFERENCE [--names] [--unstated-response-required]
    python -m tools.fidelity run [SERVICES...]      # the dev set: build, generate, compare, report

See docs/fidelity.md.
"""
