"""A request's JSON body, read up to the size limit."""

from __future__ import annotations

import json

from starlette.requests import Request

from desktop.core.api.errors import ApiError
from desktop.core.api.guards import MAX_BODY_BYTES, too_large


async def read_json(request: Request) -> object:
    """The parsed body of *request*.

    Raises:
        ApiError: (413) it is over ``MAX_BODY_BYTES`` (a body sent in chunks, whose length
            was not said); (400) it is not JSON.
    """
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > MAX_BODY_BYTES:
            raise ApiError(413, too_large())
    try:
        return json.loads(body)
    except (ValueError, UnicodeDecodeError) as error:
        raise ApiError(400, f"The request's body is not valid JSON: {error}.") from error
