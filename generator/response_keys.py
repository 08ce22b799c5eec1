"""Which top-level keys of an operation's response may be absent.

No document states it for reference pages (botocore's pages never mark a
response key), and the older markdown states it wrongly (builders before
8.x marked every top-level response key required). stubwright's policy,
one rule for every reader that has to decide (docs/design.md, "Required
keys of responses"): a top-level response key is required, except the keys
below, which real responses leave out:

- a pagination token, on the last page: ``NextToken``, ``nextToken``,
  ``PaginationToken`` (any service);
- s3 listings with nothing to list: ``Contents``, ``CommonPrefixes``;
- dynamodb: ``LastEvaluatedKey`` on the last page, and the ``Item`` of
  ``GetItem`` when no item has that key;
- stepfunctions ``DescribeExecution``: what only some executions have
  (``stopDate``, ``output`` and ``outputDetails`` until the execution ends;
  ``error`` and ``cause`` unless it failed; the redrive, map run, alias and
  version keys unless they apply; ``traceHeader`` unless one was passed).

These are the keys the published types-boto3 stubs leave ``NotRequired``
at the top level of a response, so the generated stubs agree with them.
Nested response keys are another matter (see ``reference_build``).
"""

from __future__ import annotations

#: keys left out by every service's responses
ANY_SERVICE = frozenset({"NextToken", "nextToken", "PaginationToken"})

#: client id → operation (``"*"``: any) → keys left out
BY_SERVICE: dict[str, dict[str, frozenset[str]]] = {
    "s3": {"*": frozenset({"Contents", "CommonPrefixes"})},
    "dynamodb": {"*": frozenset({"LastEvaluatedKey"}), "GetItem": frozenset({"Item"})},
    "stepfunctions": {
        "DescribeExecution": frozenset(
            {
                "stopDate",
                "output",
                "outputDetails",
                "error",
                "cause",
                "traceHeader",
                "mapRunArn",
                "stateMachineVersionArn",
                "stateMachineAliasArn",
                "redriveDate",
                "redriveStatusReason",
            }
        )
    },
}


def top_level_required(client_id: str, operation: str, key: str) -> bool:
    """Whether ``key`` of ``operation``'s response (``operation`` is the API
    name, ``GetItem``) is always present."""
    if key in ANY_SERVICE:
        return False
    by_op = BY_SERVICE.get(client_id, {})
    return key not in by_op.get("*", frozenset()) and key not in by_op.get(operation, frozenset())
