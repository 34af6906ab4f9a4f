"""schemathesis over the OpenAPI schema the server publishes: generated requests to every
operation never get a server error, and every response matches its documented schema."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

sys.path.insert(0, str(Path(__file__).parent))
from conftest import Served

pytestmark = pytest.mark.slow


def _operations(server: Served) -> list[Any]:
    loaded = schemathesis.openapi.from_url(server.url + "/openapi.json")
    return [result.ok() for result in loaded.get_all_operations()]


def test_generated_requests_get_no_server_error_and_match_the_schema(server: Served) -> None:
    # schemathesis's pytest plugin does not run under this pytest, so each operation's
    # strategy is driven with Hypothesis directly (the same cases and checks).
    operations = _operations(server)
    assert len(operations) >= 12
    checks = [
        not_a_server_error,
        response_schema_conformance,
        status_code_conformance,
        content_type_conformance,
    ]
    for operation in operations:
        # POST /analyze runs the whole pipeline per example: fewer of those.
        examples = 3 if operation.method.upper() == "POST" else 8

        @given(case=operation.as_strategy())
        @settings(max_examples=examples, deadline=None, suppress_health_check=list(HealthCheck))
        def check(case: Any) -> None:
            case.call_and_validate(checks=checks)

        check()
