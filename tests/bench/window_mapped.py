"""When a window appears on an X screen, seen from outside the program that shows it.

A client of the X server (libxcb, through ctypes: nothing to install) asks to be told of every
window mapped on the root window, and waits on the connection's file descriptor for the next
one. Menus and tooltips (override-redirect windows) are not counted: only a top-level window
a window manager would place.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import select
import time

_XCB_CW_EVENT_MASK = 2048
_XCB_EVENT_MASK_SUBSTRUCTURE_NOTIFY = 1 << 19
_XCB_MAP_NOTIFY = 19


class _ScreenIterator(ctypes.Structure):
    _fields_ = [("data", ctypes.c_void_p), ("rem", ctypes.c_int), ("index", ctypes.c_int)]


class _Cookie(ctypes.Structure):
    _fields_ = [("sequence", ctypes.c_uint)]


class _MapNotify(ctypes.Structure):
    _fields_ = [
        ("response_type", ctypes.c_uint8),
        ("pad0", ctypes.c_uint8),
        ("sequence", ctypes.c_uint16),
        ("event", ctypes.c_uint32),
        ("window", ctypes.c_uint32),
        ("override_redirect", ctypes.c_uint8),
    ]


def _library(name: str) -> ctypes.CDLL:
    found = ctypes.util.find_library(name)
    if found is None:
        raise RuntimeError(f"lib{name} is missing: the launch benchmark needs it to watch X")
    return ctypes.CDLL(found)


class MapWatch:
    """A connection to the X display *display* that sees top-level windows mapped on it."""

    def __init__(self, display: str) -> None:
        self._xcb = xcb = _library("xcb")
        self._libc = _library("c")
        xcb.xcb_connect.restype = ctypes.c_void_p
        xcb.xcb_connect.argtypes = [ctypes.c_char_p, ctypes.POINTER(ctypes.c_int)]
        xcb.xcb_get_setup.restype = ctypes.c_void_p
        xcb.xcb_get_setup.argtypes = [ctypes.c_void_p]
        xcb.xcb_setup_roots_iterator.restype = _ScreenIterator
        xcb.xcb_setup_roots_iterator.argtypes = [ctypes.c_void_p]
        xcb.xcb_change_window_attributes.restype = _Cookie
        xcb.xcb_change_window_attributes.argtypes = [
            ctypes.c_void_p,
            ctypes.c_uint32,
            ctypes.c_uint32,
            ctypes.POINTER(ctypes.c_uint32),
        ]
        for name in ("xcb_flush", "xcb_get_file_descriptor", "xcb_connection_has_error"):
            getattr(xcb, name).argtypes = [ctypes.c_void_p]
        xcb.xcb_poll_for_event.restype = ctypes.c_void_p
        xcb.xcb_poll_for_event.argtypes = [ctypes.c_void_p]
        xcb.xcb_disconnect.argtypes = [ctypes.c_void_p]
        self._libc.free.argtypes = [ctypes.c_void_p]

        self._connection = xcb.xcb_connect(display.encode(), None)
        if not self._connection or xcb.xcb_connection_has_error(self._connection):
            raise RuntimeError(f"cannot connect to the X display {display}")
        root = ctypes.c_uint32.from_address(
            xcb.xcb_setup_roots_iterator(xcb.xcb_get_setup(self._connection)).data
        ).value
        mask = (ctypes.c_uint32 * 1)(_XCB_EVENT_MASK_SUBSTRUCTURE_NOTIFY)
        xcb.xcb_change_window_attributes(self._connection, root, _XCB_CW_EVENT_MASK, mask)
        xcb.xcb_flush(self._connection)
        self._fd = xcb.xcb_get_file_descriptor(self._connection)

    def next_mapped(self, timeout: float) -> float | None:
        """The ``time.perf_counter()`` at which the next top-level window was seen mapped,
        or None if none was within *timeout* seconds."""
        deadline = time.perf_counter() + timeout
        while True:
            while event := self._xcb.xcb_poll_for_event(self._connection):
                seen = time.perf_counter()
                notify = _MapNotify.from_address(event)
                mapped = (notify.response_type & 0x7F) == _XCB_MAP_NOTIFY
                top_level = mapped and not notify.override_redirect
                self._libc.free(event)
                if top_level:
                    return seen
            left = deadline - time.perf_counter()
            if left <= 0:
                return None
            select.select([self._fd], [], [], left)

    def drain(self) -> None:
        """Forget the windows mapped so far (those of a launch already measured)."""
        while event := self._xcb.xcb_poll_for_event(self._connection):
            self._libc.free(event)

    def close(self) -> None:
        self._xcb.xcb_disconnect(self._connection)
