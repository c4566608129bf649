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
from typing import Any, cast

from desktop.core.inference.errors import ChatTemplateError, ConversationTooLongError
from desktop.core.inference.llama_log import silence_llama_cpp
from desktop.core.inference.reading import PromptReader
from desktop.core.inference.selfcheck import SelfCheck
from desktop.core.inference.speed_probe import SpeedProbe
from desktop.core.inference.types import (
    LoadedModel,
    LoadSettings,
    Message,
    Reading,
    Reply,
    Sampling,
    default_threads,
)
from desktop.core.inference.writing import StopTexts, stop_texts, write
from desktop.core.modelfile.errors import ModelCorruptError
from desktop.core.modelfile.gguf import GGUFHeader
from desktop.core.modelfile.model_check import check_model_file
from desktop.core.modelfile.model_info import model_size
from desktop.core.modelfile.speed import MachineSpeed

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


def prompt_budget(n_ctx: int, sampling: Sampling) -> int:
    """Tokens of a *n_ctx*-token context the conversation may take: the rest is kept for
    the reply (its token limit, at most a quarter of the context). A longer conversation
    has its oldest turns left out."""
    return n_ctx - min(sampling.max_tokens, n_ctx // 4)


class Engine:
    """Owns the one ``llama_cpp.Llama`` of the process.

    Attributes:
        self_check: run before the first load on a machine; None skips it (the child
            process that runs it).
        recommend: chooses the settings for a model when ``load`` is given none, from its
            header and file size (the hardware's defaults); None uses ``LoadSettings()``.
        speed_probe: measures how fast the machine runs models, for the estimates of the
            model library; None: they are not known.
    """

    def __init__(
        self,
        self_check: SelfCheck | None,
        recommend: Callable[[GGUFHeader, int], LoadSettings] | None = None,
        speed_probe: SpeedProbe | None = None,
    ) -> None:
        self.self_check = self_check
        self.recommend = recommend
        self.speed_probe = speed_probe
        self._llama: Any = None
        self._formatter: Any = None
        self._recent: OrderedDict[tuple[int, ...], Any] = OrderedDict()
        self._loaded: LoadedModel | None = None
        self._reader = PromptReader()

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

        silence_llama_cpp()

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
        self._reader.forget()

    def chat(
        self,
        messages: Sequence[Message],
        sampling: Sampling,
        on_text: Callable[[str], None],
        cancel: threading.Event | None = None,
        on_reading: Callable[[Reading], None] | None = None,
        stop: Sequence[str] = (),
    ) -> Reply:
        """Generate the assistant's next turn after *messages*, using the model's chat template.

        *on_text* receives the reply piece by piece as it is generated (about a token each).
        When the last of *messages* is the assistant's, that reply is continued: the model
        writes on from its text, and *on_text* receives only what it adds.

        A long conversation is read a chunk at a time: *on_reading* hears how far the model
        has read, and setting *cancel* stops it within about half a second while it reads,
        before the next token while it writes. When the conversation and room for the reply
        do not fit in the context, its oldest turns are left out (never the system prompt,
        never the last question); ``Reply.left_out`` says how many. The reply also ends
        before any of the texts *stop* (the local API's callers ask for them).

        The model keeps what it read: a follow-up that starts with the same conversation
        reads only what is new, and the in-memory cache set up at load brings that back for
        a recent conversation after another one was used.

        Raises:
            ChatTemplateError: the model's chat template failed on these messages.
            ConversationTooLongError: even the last question alone does not fit.
        """
        from llama_cpp import StoppingCriteriaList

        if self._llama is None or self._loaded is None:
            raise RuntimeError("chat() called with no model loaded")
        cancel = cancel or threading.Event()
        started = time.perf_counter()
        budget = prompt_budget(self._loaded.n_ctx, sampling)
        prompt, tokens, left_out = self._fit(list(messages), budget)
        self._bring_back(tokens)
        read = self._reader.read(self._llama, tokens, cancel, on_reading)
        written = None
        if not cancel.is_set():
            written = write(
                self._llama,
                tokens,
                sampling,
                StopTexts([*stop_texts(prompt.stop), *stop]),
                StoppingCriteriaList(prompt.stopping_criteria or []),
                on_text,
                cancel,
            )
        finished = time.perf_counter()
        first_token_at = written.first_token_at if written and written.tokens else finished
        return Reply(
            text=written.text if written else "",
            tokens=written.tokens if written else 0,
            seconds=finished - started,
            first_token_seconds=first_token_at - started,
            cancelled=cancel.is_set(),
            prompt_tokens=len(tokens),
            left_out=left_out,
            at_limit=written.at_limit if written else False,
            read_tokens=read,
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
            # The oldest kept one (never the one to bring back) makes room, and lends its
            # memory: touching fresh memory is most of what keeping a conversation costs.
            others = [key for key in self._recent if key != best]
            spare = None
            if len(self._recent) >= RECENT_CONVERSATIONS and others:
                spare = self._recent.pop(others[0]).llama_state
            self._recent[tuple(held)] = _saved_state(self._llama, spare)
        if best is not None:
            self._llama.load_state(self._recent[best])
            self._recent.move_to_end(best)

    def machine_speed(self, stop: threading.Event | None = None) -> MachineSpeed | None:
        """How fast this machine runs models: remembered, or measured now with the starter
        model (a few seconds, on this thread: never beside a reply; setting *stop* ends it
        early, for a question). None without a probe.

        Raises:
            MeasurementStoppedError: *stop* was set before the measurement was done.
            UnsupportedBuildError: llama.cpp cannot run on this processor.
            ModelLoadError: the starter model cannot be read.
        """
        if self.speed_probe is None:
            return None
        threads = self._loaded.settings.n_threads if self._loaded else default_threads()
        return self.speed_probe.machine_speed(threads, stop)

    def count_tokens(self, messages: Sequence[Message]) -> int:
        """Tokens the model reads for *messages* (through its chat template)."""
        return len(self._prompt(list(messages))[1])

    def _fit(self, messages: list[Message], budget: int) -> tuple[Any, list[int], int]:
        """The prompt for *messages* with as few of the oldest turns left out as makes it
        at most *budget* tokens; returns it, its tokens and how many messages were left out.

        What the model sees always starts with the system prompt (if any) and then a user
        message, as chat templates expect; it always ends with the last question (and the
        reply being continued after it, if any).
        """
        assert self._loaded is not None
        system = messages[:1] if messages and messages[0]["role"] == "system" else []
        rest = messages[len(system) :]
        questions = [i for i in range(len(rest)) if rest[i]["role"] == "user"]
        last = questions[-1] if questions else len(rest) - 1
        whole = self._prompt(system + rest)
        best: tuple[int, tuple[Any, list[int]]] | None = None
        if len(whole[1]) <= budget or last <= 0:
            best = (0, whole)
        else:
            # Where a kept part may start: at a user message after the first message.
            starts = [i for i in questions if i > 0]
            low, high = 0, len(starts) - 1
            while low <= high:  # the earliest start that fits: the fewest turns left out
                middle = (low + high) // 2
                candidate = self._prompt(system + rest[starts[middle] :])
                if len(candidate[1]) <= budget:
                    best, high = (starts[middle], candidate), middle - 1
                else:
                    low = middle + 1
        if best is None:  # only the last question, with whatever room is left for the reply
            best = (last, self._prompt(system + rest[last:]))
        left_out, (prompt, tokens) = best
        if len(tokens) >= self._loaded.n_ctx:
            raise ConversationTooLongError(len(tokens), self._loaded.n_ctx)
        return prompt, tokens, left_out

    def _prompt(self, messages: list[Message]) -> tuple[Any, list[int]]:
        """*messages* through the chat template, and its tokens.

        A last message from the assistant is a reply to continue: its text follows the
        template's start of the assistant's turn, left open, as when the model wrote it.
        """
        import jinja2

        assert self._loaded is not None
        opened = ""
        if messages and messages[-1]["role"] == "assistant":
            messages, opened = messages[:-1], messages[-1]["content"]
        try:
            prompt = self._formatter(messages=messages)
        except (jinja2.TemplateError, ValueError) as error:  # ValueError: raise_exception()
            raise ChatTemplateError(self._loaded.name, str(error)) from error
        tokens = self._llama.tokenize(
            (prompt.prompt + opened).encode("utf-8"),
            add_bos=not prompt.added_special,
            special=True,
        )
        return prompt, tokens

    @staticmethod
    def _token_text(llama: Any, token: int) -> str:
        if token < 0:
            return ""
        return str(llama.detokenize([token], special=True).decode("utf-8", errors="replace"))


def _saved_state(llama: Any, spare: object = None) -> Any:
    """What ``llama.save_state()`` saves, copied once, and without its logits.

    llama-cpp-python's own copies the state three times over, into memory it clears first
    (about 110 ms for 3,300 tokens of the starter model, on every switch of conversation).
    Here llama.cpp writes it once, into fresh anonymous memory: not numpy's, which asks for
    huge pages, whose compaction made the first touch of 80 MB take 170 ms instead of 30
    (or into *spare*, a state's memory no longer needed, when it is large enough).
    The logits are a row of n_vocab floats per token held: a loaded state is always read
    again from its last token (llama-cpp-python's ``_requires_eval``), so saved logits are
    never used, and the state keeps one row, which ``load_state`` spreads over the rows it
    fills.
    """
    import ctypes
    import mmap

    import llama_cpp
    from llama_cpp.llama import LlamaState

    size = llama_cpp.llama_state_get_size(llama.ctx)
    roomy = isinstance(spare, mmap.mmap) and len(spare) >= size
    memory = spare if roomy and isinstance(spare, mmap.mmap) else mmap.mmap(-1, max(1, size))
    target = (ctypes.c_uint8 * size).from_buffer(memory)
    written = llama_cpp.llama_state_get_data(llama.ctx, target, size)
    del target  # the memory is only read from now on, by load_state
    return LlamaState(
        input_ids=llama.input_ids.copy(),
        scores=llama.scores[:1].copy(),
        n_tokens=llama.n_tokens,
        # Typed as bytes, read as any buffer: load_state copies it with from_buffer_copy.
        llama_state=cast(bytes, memory),
        llama_state_size=written,
        seed=llama._seed,
    )
