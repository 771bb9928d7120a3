"""Contract specs for the API edge: every library error maps to its status and the one JSON shape."""

from __future__ import annotations

import asyncio
import inspect

import httpx
import pytest
from fastapi import FastAPI

import kg.errors as errors_module
from api.errors import error_code, install_error_handlers
from kg.errors import KGError


def _get(app: FastAPI, path: str) -> httpx.Response:
    """One request to ``app`` in process (ASGI transport; unhandled errors become responses)."""

    async def run() -> httpx.Response:
        transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
            return await client.get(path)

    return asyncio.run(run())


ERRORS = sorted((cls for _, cls in inspect.getmembers(errors_module, inspect.isclass)
                 if issubclass(cls, KGError)), key=lambda c: c.__name__)


@pytest.mark.parametrize("cls", ERRORS, ids=lambda c: c.__name__)
def test_api_contract_every_kg_error_answers_its_status_in_the_one_shape(cls: type[KGError]) -> None:
    app = FastAPI()
    install_error_handlers(app)

    @app.get("/boom")
    def boom() -> None:
        raise cls("the message <b>as given</b>")

    response = _get(app, "/boom")
    assert response.status_code == cls.status
    assert response.json() == {"ok": False, "status": cls.status, "error": error_code(cls("x"), cls.status),
                               "message": "the message <b>as given</b>"}


@pytest.mark.parametrize(("cls", "code"), [(errors_module.NotFoundError, "not_found"),
                                           (errors_module.QueryTimeoutError, "query_timeout"),
                                           (errors_module.PayloadTooLargeError, "payload_too_large"),
                                           (KGError, "internal")])
def test_api_contract_error_codes_are_stable(cls: type[KGError], code: str) -> None:
    assert error_code(cls("x"), cls.status) == code


@pytest.mark.parametrize("path", ["/crash"])
def test_api_contract_an_unexpected_exception_is_a_500_in_the_same_shape(path: str) -> None:
    app = FastAPI()
    install_error_handlers(app)

    @app.get(path)
    def crash() -> None:
        raise ZeroDivisionError("secret internals")

    response = _get(app, path)
    assert response.status_code == 500
    body = response.json()
    assert body["ok"] is False and body["error"] == "internal" and "secret internals" not in body["message"]


@pytest.mark.parametrize("cls", [errors_module.QueryTimeoutError, errors_module.QueryResourceError])
def test_api_contract_a_stopped_query_tells_the_client_when_to_retry(cls: type[KGError]) -> None:
    """A query stopped at its deadline and one whose worker was killed at its memory limit are both
    503s with Retry-After (which one a runaway query meets depends on how fast it allocates)."""
    app = FastAPI()
    install_error_handlers(app)

    @app.get("/stopped")
    def stopped() -> None:
        raise cls("stopped")

    response = _get(app, "/stopped")
    assert response.status_code == 503 and int(response.headers["retry-after"]) >= 1
