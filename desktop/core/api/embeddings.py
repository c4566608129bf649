"""``POST /v1/embeddings``: vectors from the documents' embedding model, as OpenAI sends them."""

from __future__ import annotations

import asyncio
import base64
from collections.abc import Mapping

from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from desktop.core.api.errors import ApiError
from desktop.core.api.json_body import read_json
from desktop.core.api.service import EMBED, ApiService
from desktop.core.errors import UserError

MAX_INPUTS = 2048
"""As OpenAI's: at most this many texts in one request."""


async def embeddings(request: Request, service: ApiService) -> Response:
    """Embed the texts of the request (its guards passed).

    ``model`` may be any name: there is one embedding model, the one that indexes the
    user's documents, and the reply names it. The ``openai`` client asks for base64 by
    default; both it and lists of floats are given.
    """
    body = await read_json(request)
    if not isinstance(body, Mapping):
        raise ApiError(400, "The request's body must be a JSON object.")
    given = body.get("input")
    texts = [given] if isinstance(given, str) else given
    if not isinstance(texts, list) or not texts or len(texts) > MAX_INPUTS:
        raise ApiError(400, f"'input' must be a text or a list of 1 to {MAX_INPUTS} texts.")
    if not all(isinstance(text, str) for text in texts):
        raise ApiError(400, "'input' must be text: Sotto does not embed token numbers.")
    encoding = body.get("encoding_format") or "float"
    if encoding not in ("float", "base64"):
        raise ApiError(400, "'encoding_format' must be float or base64.")
    if service.documents is None:
        raise ApiError(400, "Sotto cannot read its embedding model here.")
    try:
        name, vectors = await asyncio.to_thread(service.documents.embed, texts)
    except UserError as error:  # the model chosen is missing or damaged
        raise ApiError(500, str(error), "server_error") from error
    service.record(request, EMBED, name)
    data = [
        {
            "object": "embedding",
            "index": index,
            "embedding": (
                base64.b64encode(row.astype("<f4").tobytes()).decode("ascii")
                if encoding == "base64"
                else row.tolist()
            ),
        }
        for index, row in enumerate(vectors)
    ]
    # The model's tokenizer is not part of its public interface here: no count is told.
    usage = {"prompt_tokens": 0, "total_tokens": 0}
    return JSONResponse({"object": "list", "data": data, "model": name, "usage": usage})
