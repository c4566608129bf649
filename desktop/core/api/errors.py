"""The API's refusals, as OpenAI's clients expect them: a status and a JSON sentence.

Their sentences are English, like the command line's: they are read by the developer of the
calling app, in its logs, not by the user in Sotto's window.
"""

from __future__ import annotations

from starlette.responses import JSONResponse


class ApiError(Exception):
    """A request refused, with the HTTP *status* and a sentence saying why and what to do.

    Attributes:
        kind: OpenAI's error type ("invalid_request_error", "authentication_error", …).
        headers: sent with the refusal (``WWW-Authenticate``, ``Retry-After``).
        code: OpenAI's error code, where it has one ("model_not_found").
    """

    def __init__(
        self,
        status: int,
        message: str,
        kind: str = "invalid_request_error",
        headers: dict[str, str] | None = None,
        code: str | None = None,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.kind = kind
        self.headers = headers or {}
        self.code = code

    def response(self) -> JSONResponse:
        body = {
            "error": {"message": self.message, "type": self.kind, "param": None, "code": self.code}
        }
        return JSONResponse(body, status_code=self.status, headers=self.headers)
