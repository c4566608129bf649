"""The API's routes, behind its guards (``guards.py``): a Starlette application.

``GET /v1/models``, ``POST /v1/chat/completions`` and ``POST /v1/embeddings``, nothing else:
no route creates, downloads or deletes a model, or reads or writes the history.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from desktop.core.api.completions import chat_completions
from desktop.core.api.embeddings import embeddings
from desktop.core.api.errors import ApiError
from desktop.core.api.guards import Guards
from desktop.core.api.service import LIST, ApiService

Handler = Callable[[Request, ApiService], Awaitable[Response]]


def api_app(service: ApiService, port: int) -> Guards:
    """The application for *service*, answering on *port* (which its Host check names)."""

    def route(handler: Handler) -> Callable[[Request], Awaitable[Response]]:
        async def endpoint(request: Request) -> Response:
            try:
                return await handler(request, service)
            except ApiError as error:
                return error.response()

        return endpoint

    async def refused(request: Request, error: Exception) -> Response:
        status = error.status_code if isinstance(error, HTTPException) else 500
        message = "Sotto's API has no such route." if status == 404 else "Not allowed here."
        if status == 405:
            message = f"{request.url.path} does not take {request.method}."
        return ApiError(status, message).response()

    app = Starlette(
        routes=[
            Route("/v1/models", route(_models), methods=["GET"]),
            Route("/v1/chat/completions", route(chat_completions), methods=["POST"]),
            Route("/v1/embeddings", route(embeddings), methods=["POST"]),
        ],
        exception_handlers={HTTPException: refused},
    )
    return Guards(app, port, service.token, service.origins)


async def _models(request: Request, service: ApiService) -> Response:
    models = service.chat_models()
    service.record(request, LIST, "")
    data = [
        {
            "id": model.name,
            "object": "model",
            "created": 0,
            "owned_by": "sotto",
            "display_name": model.name,  # as the window lists it
        }
        for model in models
    ]
    return JSONResponse({"object": "list", "data": data})
