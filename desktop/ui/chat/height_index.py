"""Where each message of a long conversation starts, kept current as heights change."""

from __future__ import annotations

from collections.abc import Iterable


class HeightIndex:
    """The heights of a list of rows, with their running totals (a Fenwick tree).

    Changing a height, appending a row, the offset of a row and the row at an offset all take
    O(log n), so a conversation of any length lays out only the messages on screen.
    """

    def __init__(self, heights: Iterable[int] = ()) -> None:
        self._heights: list[int] = []
        self._tree: list[int] = [0]
        self.reset(heights)

    def __len__(self) -> int:
        return len(self._heights)

    def reset(self, heights: Iterable[int]) -> None:
        """Replace every row at once, in O(n)."""
        self._heights = list(heights)
        tree = [0, *self._heights]
        for node in range(1, len(tree)):
            parent = node + (node & -node)
            if parent < len(tree):
                tree[parent] += tree[node]
        self._tree = tree

    def append(self, height: int) -> None:
        node = len(self._tree)
        # The new node sums the rows (node - lowbit, node]: this one and the nodes below it.
        below = node - (node & -node)
        self._tree.append(height + self.offset(node - 1) - self.offset(below))
        self._heights.append(height)

    def height(self, row: int) -> int:
        return self._heights[row]

    def set(self, row: int, height: int) -> None:
        delta = height - self._heights[row]
        if not delta:
            return
        self._heights[row] = height
        node = row + 1
        while node < len(self._tree):
            self._tree[node] += delta
            node += node & -node

    def offset(self, row: int) -> int:
        """The sum of the heights of the rows before *row*."""
        total = 0
        node = row
        while node > 0:
            total += self._tree[node]
            node -= node & -node
        return total

    def total(self) -> int:
        return self.offset(len(self._heights))

    def row_at(self, y: int) -> int:
        """The row that covers offset *y* (0 above the first, the last row below the end)."""
        if not self._heights:
            return 0
        row = 0
        step = 1 << (len(self._tree) - 1).bit_length()
        while step:
            node = row + step
            if node < len(self._tree) and self._tree[node] <= y:
                row = node
                y -= self._tree[node]
            step >>= 1
        return min(row, len(self._heights) - 1)
