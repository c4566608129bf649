"""One message in the chat view: its text, its Markdown rendered once, its stream."""

from __future__ import annotations

from collections.abc import Iterable

from desktop.core.chat.markdown import Prose, Rendered, Segment, StreamSplitter, render
from desktop.core.chat.pasted import split_pasted
from desktop.ui.chat.turn import Turn

REFERENCE_MARK = "]:"
"""What every link reference definition has (``[name]: address``): a reply with it is
rendered whole once written, as a run cannot use a reference defined in another."""


def joined_prose(segments: Iterable[Segment]) -> tuple[Segment, ...]:
    """*segments* with prose that follows prose made one, as ``Rendered`` has them."""
    joined: list[Segment] = []
    for segment in segments:
        last = joined[-1] if joined else None
        if isinstance(segment, Prose) and isinstance(last, Prose):
            joined[-1] = Prose(last.html + segment.html)
        else:
            joined.append(segment)
    return tuple(joined)


class MarkdownStream:
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

    def whole(self) -> Rendered:
        """The whole reply, rendered: the runs as they are, then the tail.

        Rendered run by run, a reply is what it is rendered whole (``StreamSplitter`` cuts
        it between complete blocks), so only the tail is new; except where a link may use a
        reference defined in another run: that reply is rendered whole again.
        """
        text = self.text
        if REFERENCE_MARK in text:
            return render(text)
        return Rendered(joined_prose([*self.segments, *render(self.tail).segments]))


class ShownMessage:
    """The view's record of one message, kept whether or not a widget shows it (the view
    knows which widget does, if one does: a record knows nothing of widgets).

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
        self.stream: MarkdownStream | None = None
        self.row = row
        self.height_known = False

    @property
    def is_user(self) -> bool:
        return self.role == "user"

    @property
    def text(self) -> str:
        """What was written, exactly (the Markdown source of a reply)."""
        return self.stream.text if self.stream is not None else self._text

    def start_stream(self) -> MarkdownStream:
        """Take the pieces of a reply as they arrive, after the text it has (a reply being
        continued has some)."""
        self.stream = MarkdownStream()
        if self._text:
            self.stream.feed(self._text)
        return self.stream

    def finish(self, footer: str) -> Rendered:
        """End the stream: the reply is rendered whole (``MarkdownStream.whole``)."""
        assert self.stream is not None
        self._text = self.stream.text
        self._rendered = self.stream.whole()
        self.stream = None
        self._line_lengths = None
        self.footer = footer
        return self._rendered

    def rendered(self) -> Rendered:
        """The reply as rich text, rendered on first use and kept."""
        if self._rendered is None:
            self._rendered = render(self._text)
        return self._rendered

    def line_lengths(self) -> list[int]:
        """The length of each line of the text, to guess its height before it is shown."""
        if self._line_lengths is None:
            text, pasted = split_pasted(self.text) if self.is_user else (self.text, [])
            # A long paste is shown folded, as one line.
            self._line_lengths = [len(line) for line in text.split("\n")] + [1] * len(pasted)
        return self._line_lengths
