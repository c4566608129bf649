"""One message in the chat view: its text, its Markdown rendered once, its stream."""

from __future__ import annotations

from typing import TYPE_CHECKING

from desktop.core.chat.markdown import Rendered, Segment, StreamSplitter, render
from desktop.ui.chat.turn import Turn

if TYPE_CHECKING:
    from desktop.ui.chat.message_widget import MessageWidget


class ReplyStream:
    """A reply while it arrives: the runs of complete blocks rendered so far, and the rest.

    Each run is rendered once, when the splitter completes it, so a piece costs the same
    however long the reply already is.

    Attributes:
        segments: the segments of the runs so far, in order (a run's prose may follow the
            last run's: a view shows them as one).
    """

    def __init__(self) -> None:
        self._splitter = StreamSplitter()
        self._pieces: list[str] = []
        self.segments: list[Segment] = []

    @property
    def text(self) -> str:
        return "".join(self._pieces)

    @property
    def tail(self) -> str:
        """The text after the last run (it costs its length: ask once per run)."""
        return self._splitter.tail

    def feed(self, piece: str) -> Rendered | None:
        """Take the next *piece*; the run it completes, rendered, or None."""
        self._pieces.append(piece)
        run = self._splitter.feed(piece)
        if run is None:
            return None
        rendered = render(run)
        self.segments += rendered.segments
        return rendered


class ShownMessage:
    """The view's record of one message, kept whether or not a widget shows it.

    Attributes:
        role: "user" or "assistant".
        heading: the model's name above a reply.
        message_id: its key in the history; None in an incognito chat.
        footer: the line below a reply; empty for none.
        sources: the passages a reply cites, listed under it.
        branch: its place among its siblings (from 0) and their number; None if it has none.
        memory_start: the model no longer sees the messages above this one.
        last_reply: it is the conversation's last reply (the one that can be regenerated).
        continuable: it is a last reply that ended before its model finished it.
        stream: the reply as it arrives; None once it is complete.
        row: its place in the view, from the top.
        height_known: its height at the view's width was measured, not guessed.
        widget: the widget showing it while it is on screen or being written, else None.
    """

    def __init__(self, turn: Turn, row: int) -> None:
        self.role = turn.role
        self.heading = turn.heading
        self.message_id = turn.message_id
        self.footer = turn.footer
        self.sources = turn.sources
        self._text = turn.text
        self._rendered: Rendered | None = None
        self._line_lengths: list[int] | None = None
        self.branch: tuple[int, int] | None = None
        self.memory_start = False
        self.last_reply = False
        self.continuable = False
        self.stream: ReplyStream | None = None
        self.row = row
        self.height_known = False
        self.widget: MessageWidget | None = None

    @property
    def is_user(self) -> bool:
        return self.role == "user"

    @property
    def text(self) -> str:
        """What was written, exactly (the Markdown source of a reply)."""
        return self.stream.text if self.stream is not None else self._text

    def start_stream(self) -> ReplyStream:
        """Take the pieces of a reply as they arrive, after the text it has (a reply being
        continued has some)."""
        self.stream = ReplyStream()
        if self._text:
            self.stream.feed(self._text)
        return self.stream

    def finish(self, footer: str) -> Rendered:
        """End the stream: the whole reply is rendered once more, so that blocks that span
        runs (a list, a link to a reference) come out right."""
        assert self.stream is not None
        self._text = self.stream.text
        self.stream = None
        self._line_lengths = None
        self.footer = footer
        self._rendered = render(self._text)
        return self._rendered

    def rendered(self) -> Rendered:
        """The reply as rich text, rendered on first use and kept."""
        if self._rendered is None:
            self._rendered = render(self._text)
        return self._rendered

    def line_lengths(self) -> list[int]:
        """The length of each line of the text, to guess its height before it is shown."""
        if self._line_lengths is None:
            self._line_lengths = [len(line) for line in self.text.split("\n")]
        return self._line_lengths
