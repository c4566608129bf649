"""The engine: one llama.cpp model, loaded, asked and stopped.

An ``Engine`` is not thread-safe: llama.cpp's model may be used from one thread at a time.
In the window that thread is the inference worker's; on the command line it is the main one.
Only ``threading.Event.set`` on a reply's cancel flag may come from elsewhere.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from desktop.core.inference.errors import ChatTemplateError, ConversationTooLongError
from desktop.core.inference.selfcheck import SelfCheck
from desktop.core.inference.types import LoadedModel, LoadSettings, Message, Reply, Sampling
from desktop.core.modelfile.errors import ModelCorruptError
from desktop.core.modelfile.gguf import GGUFHeader
from desktop.core.modelfile.model_check import check_model_file
from desktop.core.modelfile.model_info import model_size

# Used only for a model whose file carries no chat template of its own.
_CHATML = (
    "{% for message in messages %}<|im_start|>{{ message['role'] }}\n"
    "{{ message['content'] }}<|im_end|>\n{% endfor %}"
    "{% if add_generation_prompt %}<|im_start|>assistant\n{% endif %}"
)


RECENT_CONVERSATIONS = 2
"""How many conversations' worth of what the model read is kept in memory."""
_SWITCH_TOKENS = 32
"""A prompt that leaves more than this many of the tokens the model holds behind moves to
another conversation (a follow-up leaves none, or the few of a reply's end)."""

_SMALLEST_CTX = 512
"""The context a model must fit with, at least, before its settings are chosen."""


class Engine:
    """Owns the one ``llama_cpp.Llama`` of the process.

    Attributes:
        self_check: run before the first load on a machine; None skips it (the child
            process that runs it).
        recommend: chooses the settings for a model when ``load`` is given none, from its
            header and file size (the hardware's defaults); None uses ``LoadSettings()``.
    """

    def __init__(
        self,
        self_check: SelfCheck | None,
        recommend: Callable[[GGUFHeader, int], LoadSettings] | None = None,
    ) -> None:
        self.self_check = self_check
        self.recommend = recommend
        self._llama: Any = None
        self._formatter: Any = None
        self._recent: OrderedDict[tuple[int, ...], Any] = OrderedDict()
        self._loaded: LoadedModel | None = None

    @property
    def model(self) -> LoadedModel | None:
        """The model loaded now, if any."""
        return self._loaded

    def load(self, path: Path, settings: LoadSettings | None = None, n_ctx: int = 0) -> LoadedModel:
        """Load the model at *path*, replacing the one loaded before.

        The file is checked first, so a bad file leaves the current model loaded. *n_ctx*,
        when not 0, asks for that context length instead of the one *settings* (or the
        hardware's defaults) give; it is capped at what the model was trained for.

        Raises:
            ModelLoadError: the file cannot be loaded (each subclass says why).
            UnsupportedBuildError: llama.cpp cannot run on this processor.
            ChatTemplateError: the model's chat template is broken (no model is loaded then).
        """
        if settings is None and self.recommend is None:
            settings = LoadSettings()
        header = check_model_file(path, settings.n_ctx if settings else _SMALLEST_CTX)
        if settings is None:
            assert self.recommend is not None
            settings = self.recommend(header, model_size(path))
        if n_ctx:
            settings = replace(settings, n_ctx=n_ctx)
        trained = header.arch_value("context_length")
        n_ctx = min(settings.n_ctx, trained) if trained > 0 else settings.n_ctx
        if self.self_check is not None:
            self.self_check.ensure(path)
        import jinja2
        from llama_cpp import Llama, llama_chat_format

        self.unload()
        try:
            llama = Llama(
                model_path=str(path),
                n_ctx=n_ctx,
                n_threads=settings.n_threads,
                n_gpu_layers=settings.n_gpu_layers,
                n_batch=settings.n_batch,
                verbose=False,
            )
        except jinja2.TemplateError as error:  # llama_cpp compiles the template as it loads
            raise ChatTemplateError(path.name, str(error)) from error
        except (ValueError, RuntimeError) as error:
            raise ModelCorruptError(path.name, "llama.cpp could not load it") from error
        eos = llama.token_eos()
        template = header.metadata.get("tokenizer.chat_template") or _CHATML
        self._formatter = llama_chat_format.Jinja2ChatFormatter(
            template=template,
            eos_token=self._token_text(llama, eos),
            bos_token=self._token_text(llama, llama.token_bos()),
            stop_token_ids=[eos],
        )
        self._llama = llama
        self._loaded = LoadedModel(path, header, n_ctx, settings)
        return self._loaded

    def unload(self) -> None:
        """Free the model, if one is loaded."""
        if self._llama is not None:
            self._llama.close()
        self._llama = self._formatter = self._loaded = None
        self._recent.clear()

    def chat(
        self,
        messages: Sequence[Message],
        sampling: Sampling,
        on_text: Callable[[str], None],
        cancel: threading.Event | None = None,
    ) -> Reply:
        """Generate the assistant's next turn after *messages*, using the model's chat template.

        *on_text* receives the reply piece by piece as it is generated (about a token each).
        Setting *cancel* stops generation before the next token. When the conversation and
        room for the reply do not fit in the context, its oldest turns are left out (never
        the system prompt, never the last message); ``Reply.left_out`` says how many.

        The model keeps what it read: a follow-up that starts with the same conversation
        reads only what is new, and the in-memory cache set up at load brings that back for
        a recent conversation after another one was used.

        Raises:
            ChatTemplateError: the model's chat template failed on these messages.
            ConversationTooLongError: even the last message alone does not fit.
        """
        from llama_cpp import StoppingCriteriaList

        if self._llama is None or self._loaded is None:
            raise RuntimeError("chat() called with no model loaded")
        cancel = cancel or threading.Event()
        started = time.perf_counter()
        reserve = min(sampling.max_tokens, self._loaded.n_ctx // 4)
        prompt, tokens, left_out = self._fit(list(messages), self._loaded.n_ctx - reserve)
        self._bring_back(tokens)
        generated = 0

        def stop_requested(_tokens: Any, _logits: Any) -> bool:
            nonlocal generated
            generated += 1
            return cancel.is_set()

        criteria = StoppingCriteriaList([stop_requested, *(prompt.stopping_criteria or [])])
        pieces: list[str] = []
        first_token_at = 0.0
        for chunk in self._llama.create_completion(
            tokens,
            stream=True,
            stop=prompt.stop,
            stopping_criteria=criteria,
            max_tokens=sampling.max_tokens,
            temperature=sampling.temperature,
            top_p=sampling.top_p,
            top_k=sampling.top_k,
            min_p=sampling.min_p,
            repeat_penalty=sampling.repeat_penalty,
            seed=sampling.seed,
        ):
            piece = chunk["choices"][0]["text"]
            if piece:
                if not pieces:
                    first_token_at = time.perf_counter() - started
                pieces.append(piece)
                on_text(piece)
        return Reply(
            text="".join(pieces),
            tokens=generated,
            seconds=time.perf_counter() - started,
            first_token_seconds=first_token_at,
            cancelled=cancel.is_set(),
            prompt_tokens=len(tokens),
            left_out=left_out,
        )

    def _bring_back(self, tokens: list[int]) -> None:
        """Before the model reads *tokens*: if they leave the conversation it holds, keep
        what it read of that one, and bring back a kept one that shares more of *tokens*.

        llama.cpp then reads only what follows the shared part. What is kept stays in
        memory only (it is derived from the conversations' text) and goes with the model.
        """
        from llama_cpp import Llama

        held = self._llama._input_ids.tolist()  # the tokens in its memory now
        shared = Llama.longest_token_prefix(held, tokens)
        best, best_shared = None, shared
        for key in self._recent:
            common = Llama.longest_token_prefix(key, tokens)
            if common > best_shared:
                best, best_shared = key, common
        if len(held) - shared > _SWITCH_TOKENS:
            self._recent[tuple(held)] = _saved_state(self._llama)
            while len(self._recent) > RECENT_CONVERSATIONS:
                self._recent.popitem(last=False)
        if best is not None and best in self._recent:
            self._llama.load_state(self._recent[best])
            self._recent.move_to_end(best)

    def count_tokens(self, messages: Sequence[Message]) -> int:
        """Tokens the model reads for *messages* (through its chat template)."""
        return len(self._prompt(list(messages))[1])

    def _fit(self, messages: list[Message], budget: int) -> tuple[Any, list[int], int]:
        """The prompt for *messages* with as few of the oldest turns left out as makes it
        at most *budget* tokens; returns it, its tokens and how many messages were left out.

        What the model sees always starts with the system prompt (if any) and then a user
        message, as chat templates expect.
        """
        assert self._loaded is not None
        system = messages[:1] if messages and messages[0]["role"] == "system" else []
        rest = messages[len(system) :]
        whole = self._prompt(system + rest)
        best: tuple[int, tuple[Any, list[int]]] | None = None
        if len(whole[1]) <= budget or len(rest) <= 1:
            best = (0, whole)
        else:
            # Where a kept part may start: at a user message after the first message.
            starts = [i for i in range(1, len(rest)) if rest[i]["role"] == "user"]
            low, high = 0, len(starts) - 1
            while low <= high:  # the earliest start that fits: the fewest turns left out
                middle = (low + high) // 2
                candidate = self._prompt(system + rest[starts[middle] :])
                if len(candidate[1]) <= budget:
                    best, high = (starts[middle], candidate), middle - 1
                else:
                    low = middle + 1
        if best is None:  # only the last message, with whatever room is left for the reply
            best = (len(rest) - 1, self._prompt(system + rest[-1:]))
        left_out, (prompt, tokens) = best
        if len(tokens) >= self._loaded.n_ctx:
            raise ConversationTooLongError(len(tokens), self._loaded.n_ctx)
        return prompt, tokens, left_out

    def _prompt(self, messages: list[Message]) -> tuple[Any, list[int]]:
        """*messages* through the chat template, and its tokens."""
        import jinja2

        assert self._loaded is not None
        try:
            prompt = self._formatter(messages=messages)
        except (jinja2.TemplateError, ValueError) as error:  # ValueError: raise_exception()
            raise ChatTemplateError(self._loaded.name, str(error)) from error
        tokens = self._llama.tokenize(
            prompt.prompt.encode("utf-8"), add_bos=not prompt.added_special, special=True
        )
        return prompt, tokens

    @staticmethod
    def _token_text(llama: Any, token: int) -> str:
        if token < 0:
            return ""
        return str(llama.detokenize([token], special=True).decode("utf-8", errors="replace"))


def _saved_state(llama: Any) -> Any:
    """``llama.save_state()`` without a copy of its logits.

    They are a row of n_vocab floats per token held (59 MB for 300 tokens of the starter
    model), and copying them took most of a switch's time. A loaded state is always read
    again from its last token (llama-cpp-python's ``_requires_eval``), so saved logits are
    never used: the state keeps one row, which ``load_state`` spreads over the rows it fills.
    """
    scores = llama.scores
    llama.scores = scores[:1]  # save_state copies llama.scores[:n_tokens]
    try:
        return llama.save_state()
    finally:
        llama.scores = scores
