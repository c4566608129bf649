"""Turning numbers into short text for people."""


def format_bytes(size: int) -> str:
    """Return *size* as "812 MB" or "7.4 GB" (decimal units, as file managers show them)."""
    for unit, scale in (("GB", 10**9), ("MB", 10**6), ("KB", 10**3)):
        if size >= scale:
            value = size / scale
            return f"{value:.1f} {unit}" if value < 100 else f"{value:.0f} {unit}"
    return f"{size} B"
