"""``POST /v1/chat/completions``: a reply written on the model's thread, sent whole or as
server-sent events, and stopped the moment its client goes away.

Nothing of it is kept: another app's conversation is not the user's history.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import secrets
import threading
import time
from collections import deque
from collections.abc import AsyncIterator, Sequence
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response, StreamingResponse
from starlette.types import Receive

from desktop.core.api.chat_request import ChatRequest, chat_request
from desktop.core.api.errors import ApiError
from desktop.core.api.json_body import read_json
from desktop.core.api.model_host import Job
from desktop.core.api.service import ANSWER, ApiService
from desktop.core.chat.records import Entry
from desktop.core.documents.prompt import grounded_messages
from desktop.core.documents.search import Hit
from desktop.core.errors import UserError
from desktop.core.inference.engine import Engine
from desktop.core.inference.errors import ChatTemplateError, ConversationTooLongError
from desktop.core.inference.types import Message, Reply
from desktop.core.library.installed import InstalledModel
from desktop.core.vault.sources import Source

Outcome = str | Reply | ApiError
"""What the model's thread sends: a piece of the reply, the whole reply, or why it failed."""

EVENT_INTERVAL_S = 0.02
"""The least time between two events of a stream: the pieces written meanwhile go in one. The
model shares the processor with the event loop, and an event a token cost it about a tenth of
its speed (tests/bench/bench_api.py); a reader sees no difference at 50 events a second."""


class ReplyPipe:
    """Carries one reply from the model's thread to the request's event loop.

    Attributes:
        cancel: set when the client goes away; the model stops before its next token.
    """

    def __init__(self, loop: asyncio.AbstractEventLoop, *, pieces: bool = True) -> None:
        """*pieces*: the reader takes the pieces as they come (a stream); without them, only
        the end is sent."""
        self.cancel = threading.Event()
        self._loop = loop
        self._pieces = pieces
        self._items: deque[Outcome] = deque()  # appended on one thread, taken on the other
        self._arrived = asyncio.Event()
        self._waiting = False  # the reader waits: the next item wakes its loop

    def put(self, item: Outcome) -> None:
        """Send *item* (from the model's thread). The loop is woken only when its reader
        waits: appended first, so a reader that has not begun to wait finds the item."""
        if isinstance(item, str) and not self._pieces:
            return
        self._items.append(item)
        if self._waiting:
            with contextlib.suppress(RuntimeError):  # the server has stopped: no one reads
                self._loop.call_soon_threadsafe(self._arrived.set)

    async def get(self) -> Outcome:
        while not self._items:
            self._arrived.clear()
            self._waiting = True
            if not self._items:
                await self._arrived.wait()
            self._waiting = False
        return self._items.popleft()

    async def text(self) -> Outcome:
        """The pieces sent since the last call, joined (waiting for one if none came), or
        the end: a stream sends fewer, larger events when its client reads slower than the
        model writes, and no piece waits for another."""
        first = await self.get()
        if not isinstance(first, str):
            return first
        pieces = [first]
        while self._items and isinstance(self._items[0], str):
            pieces.append(str(self._items.popleft()))
        return "".join(pieces)


def reply_job(
    service: ApiService,
    model: InstalledModel,
    messages: Sequence[Message],
    asked: ChatRequest,
    pipe: ReplyPipe,
) -> Job:
    """The work of one reply on the model's thread; it always ends by putting a ``Reply`` or
    an ``ApiError`` into *pipe*, and by freeing its place in the queue."""

    def job(engine: Engine) -> None:
        try:
            if pipe.cancel.is_set():  # its client left while it waited
                return
            _use(engine, model, service.host.loads_models)
            reply = engine.chat(messages, asked.sampling, pipe.put, pipe.cancel, stop=asked.stop)
            pipe.put(reply)
        except ApiError as error:
            pipe.put(error)
        except (ChatTemplateError, ConversationTooLongError) as error:
            pipe.put(ApiError(400, str(error)))
        except UserError as error:
            pipe.put(ApiError(500, str(error), "server_error"))
        except Exception:
            pipe.put(ApiError(500, "Something went wrong inside Sotto.", "server_error"))
            raise
        finally:
            service.queue.done()

    return job


def _use(engine: Engine, model: InstalledModel, loads: bool) -> None:
    """Make *model* the engine's: load it (``sotto serve``), or check that it is the one the
    window has loaded."""
    loaded = engine.model
    if loaded is not None and loaded.path == model.path:
        return
    if loads:
        engine.load(model.path)
        return
    if loaded is None:
        raise ApiError(
            400,
            f"Sotto's window has no model loaded: choose {model.name} there, then try again.",
        )
    raise ApiError(
        400,
        f"{model.name} is not the model loaded in Sotto's window ({loaded.name}). Choose it "
        f"there, or ask for {loaded.name}.",
    )


async def chat_completions(request: Request, service: ApiService) -> Response:
    """Answer a chat completion request (its guards passed)."""
    asked = chat_request(await read_json(request))
    model = service.chat_model(asked.model)
    loaded = service.host.loaded()
    context = loaded.n_ctx if loaded is not None and loaded.path == model.path else None
    hits = await _passages(service, asked, context)
    grounded = grounded_messages([Entry(message) for message in asked.messages], hits, context)
    sources = [_source(source) for source in grounded.given] if asked.collection else None
    service.queue.place()
    pipe = ReplyPipe(asyncio.get_running_loop(), pieces=asked.stream)
    job = reply_job(service, model, grounded.messages, asked, pipe)
    service.host.submit(job)
    service.record(request, ANSWER, model.name)
    extra = {} if sources is None else {"sotto_sources": sources}
    if asked.stream:
        return StreamingResponse(
            _events(request.receive, pipe, model.name, asked.include_usage, extra),
            media_type="text/event-stream",
            headers={"Cache-Control": "no-cache"},
        )
    watcher = asyncio.create_task(_watch(request.receive, pipe))
    try:
        outcome = await pipe.get()  # no pieces: the whole reply comes at the end
    finally:
        watcher.cancel()
        pipe.cancel.set()  # cut short (the server stopping): the reply stops too
    if isinstance(outcome, ApiError):
        return outcome.response()
    assert isinstance(outcome, Reply)  # the pipe drops the pieces of a whole reply
    choice = {
        "index": 0,
        "message": {"role": "assistant", "content": outcome.text},
        "finish_reason": _finish_reason(outcome),
        "logprobs": None,
    }
    return JSONResponse(
        {
            "id": _id(),
            "object": "chat.completion",
            "created": int(time.time()),
            "model": model.name,
            "choices": [choice],
            "usage": _usage(outcome),
            **extra,
        }
    )


async def _passages(service: ApiService, asked: ChatRequest, context: int | None) -> list[Hit]:
    """The passages of the collection the request names (none if it names none), chosen for
    a model of *context* tokens (None: not loaded yet, chosen as for a server's model)."""
    if not asked.collection:
        return []
    if service.documents is None:
        raise ApiError(400, "Sotto cannot read your documents here.")
    question = asked.messages[-1]["content"] if asked.messages[-1]["role"] == "user" else ""
    try:
        return await asyncio.to_thread(
            service.documents.passages, asked.collection, question, context
        )
    except UserError as error:  # no such collection, an index that cannot be read
        raise ApiError(400, str(error)) from error


def _source(source: Source) -> dict[str, Any]:
    return {"number": source.number, "file": source.file, "page": source.page, "text": source.text}


async def _watch(receive: Receive, pipe: ReplyPipe) -> None:
    """Stop the reply when its client disconnects (uvicorn tells at once)."""
    while (await receive())["type"] != "http.disconnect":
        pass
    pipe.cancel.set()


async def _events(
    receive: Receive, pipe: ReplyPipe, model: str, include_usage: bool, extra: dict[str, Any]
) -> AsyncIterator[bytes]:
    """The reply as OpenAI streams it: a first event with the role, one per piece, one with
    why it ended (and the documents' sources), the usage if asked, then ``[DONE]``."""
    watcher = asyncio.create_task(_watch(receive, pipe))
    chunk = {
        "id": _id(),
        "object": "chat.completion.chunk",
        "created": int(time.time()),
        "model": model,
    }

    def event(delta: dict[str, str], finish: str | None = None, **more: Any) -> bytes:
        choice = {"index": 0, "delta": delta, "finish_reason": finish, "logprobs": None}
        return _event(chunk | {"choices": [choice]} | more)

    try:
        yield event({"role": "assistant", "content": ""})
        while isinstance(outcome := await pipe.text(), str):
            yield event({"content": outcome})
            await asyncio.sleep(EVENT_INTERVAL_S)
        if isinstance(outcome, ApiError):
            yield _event({"error": {"message": outcome.message, "type": outcome.kind}})
        else:
            yield event({}, _finish_reason(outcome), **extra)
            if include_usage:
                yield _event(chunk | {"choices": [], "usage": _usage(outcome)})
        yield b"data: [DONE]\n\n"
    finally:
        pipe.cancel.set()  # a client that left stops the reply (one that ended: no matter)
        watcher.cancel()


def _event(data: dict[str, Any]) -> bytes:
    return b"data: " + json.dumps(data, ensure_ascii=False).encode("utf-8") + b"\n\n"


def _id() -> str:
    return f"chatcmpl-{secrets.token_hex(12)}"


def _finish_reason(reply: Reply) -> str:
    return "length" if reply.at_limit else "stop"


def _usage(reply: Reply) -> dict[str, int]:
    return {
        "prompt_tokens": reply.prompt_tokens,
        "completion_tokens": reply.tokens,
        "total_tokens": reply.prompt_tokens + reply.tokens,
    }
