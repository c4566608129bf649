"""The network guard's decisions and record (an uninstalled guard: nothing is hooked here)."""

from __future__ import annotations

import pytest

from desktop.core.privacy.network import (
    NetworkGuard,
    NetworkRefusedError,
    OfflineModeError,
    is_local,
)


@pytest.mark.parametrize(
    ("host", "local"),
    [
        ("localhost", True),
        ("127.0.0.1", True),
        ("127.8.9.10", True),
        ("::1", True),
        ("[::1]", True),
        ("huggingface.co", False),
        ("203.0.113.5", False),
        ("10.0.0.1", False),
        ("::ffff:203.0.113.5", False),
    ],
)
def test_only_loopback_is_local(host: str, local: bool) -> None:
    assert is_local(host) is local


def test_local_passes_unrecorded_and_the_rest_is_refused_and_recorded() -> None:
    guard = NetworkGuard()
    guard.check("127.0.0.1")
    with pytest.raises(NetworkRefusedError, match=r"203\.0\.113\.5"):
        guard.check("203.0.113.5")
    with pytest.raises(NetworkRefusedError):
        guard.check("telemetry.example.com")
    assert [(a.host, a.action, a.allowed) for a in guard.attempts()] == [
        ("203.0.113.5", "", False),
        ("telemetry.example.com", "", False),
    ]


# DNS cannot be used here: the permit's lookup is given its answers (documentation addresses).
ANSWERS = {"hub.example": ["198.51.100.20", "2001:DB8::20"], "203.0.113.7": ["203.0.113.7"]}


def test_a_permit_opens_its_hosts_and_their_addresses_only_while_it_lasts() -> None:
    guard = NetworkGuard(resolve=lambda host: ANSWERS.get(host, []))
    heard = []
    guard.add_listener(heard.append)
    with guard.permit("download SmolLM2", ["203.0.113.7", "HUB.example"]):
        guard.check("203.0.113.7")
        guard.check("hub.example")
        guard.check("198.51.100.20")
        guard.check("2001:db8::20")
        with pytest.raises(NetworkRefusedError):
            guard.check("elsewhere.example")
        with pytest.raises(NetworkRefusedError):
            guard.check("198.51.100.99")
    with pytest.raises(NetworkRefusedError):
        guard.check("203.0.113.7")
    assert [(a.host, a.action, a.allowed) for a in guard.attempts()] == [
        ("203.0.113.7", "download SmolLM2", True),
        ("hub.example", "download SmolLM2", True),
        ("198.51.100.20", "download SmolLM2", True),
        ("2001:db8::20", "download SmolLM2", True),
        ("elsewhere.example", "download SmolLM2", False),
        ("198.51.100.99", "download SmolLM2", False),
        ("203.0.113.7", "", False),
    ]
    attempts = guard.attempts()
    # Listeners hear each attempt, and the end of the action (with its last attempt), so
    # that a log can say how it ended.
    assert heard == [*attempts[:6], attempts[3], attempts[6]]
    assert attempts[0].outcome is not None and attempts[0].outcome.ended
    assert attempts[0].outcome.failure is None and attempts[6].outcome is None


def test_offline_mode_refuses_even_a_permit_without_opening_anything() -> None:
    guard = NetworkGuard()
    guard.offline = True
    with (
        pytest.raises(OfflineModeError, match="Offline mode is on"),
        guard.permit("search the hub", ["hub.example"]),
    ):
        pytest.fail("the action ran in offline mode")
    assert guard.attempts() == []


def test_overlapping_permits_each_close_on_their_own() -> None:
    guard = NetworkGuard(resolve=lambda host: [])
    with guard.permit("download a model", ["cdn.example"]):
        with guard.permit("search the hub", ["hub.example"]):
            guard.check("hub.example")
            guard.check("cdn.example")
        guard.check("cdn.example")  # the search ended; the download's permit is still open
        with pytest.raises(NetworkRefusedError):
            guard.check("hub.example")
    assert [(a.host, a.action, a.allowed) for a in guard.attempts()] == [
        ("hub.example", "search the hub", True),
        ("cdn.example", "download a model", True),
        ("cdn.example", "download a model", True),
        ("hub.example", "download a model", False),
    ]


def test_an_address_is_allowed_once_a_permitted_name_resolves_to_it() -> None:
    rotation = [["198.51.100.1"], ["198.51.100.2"]]
    lookups = []

    def resolve(host: str) -> list[str]:
        lookups.append(host)
        return rotation[min(len(lookups), len(rotation)) - 1]

    guard = NetworkGuard(resolve=resolve)
    with guard.permit("download a model", ["cdn.example", "unused.example"]):
        assert lookups == []  # nothing is resolved before the program asks
        with pytest.raises(NetworkRefusedError):
            guard.check("198.51.100.1")  # no permitted name was looked up yet
        guard.check("cdn.example")
        guard.check("198.51.100.1")
        guard.check("198.51.100.2")  # the content network answered a later lookup anew
        with pytest.raises(NetworkRefusedError):
            guard.check("192.0.2.9")
    assert set(lookups) == {"cdn.example"}
    assert [a.allowed for a in guard.attempts()] == [False, True, True, True, False]


def test_a_permit_for_one_port_opens_that_port_of_its_host_and_no_other() -> None:
    guard = NetworkGuard(resolve=lambda host: ["203.0.113.9"] if host == "llm.example" else [])
    with guard.permit("Chat with a model on your server", ["llm.example"], 8000):
        guard.check("llm.example")  # a name lookup reaches no port
        guard.check("203.0.113.9", 8000)
        with pytest.raises(NetworkRefusedError):
            guard.check("203.0.113.9", 22)
    with pytest.raises(NetworkRefusedError):
        guard.check("203.0.113.9", 8000)

    assert [(a.host, a.allowed) for a in guard.attempts()] == [
        ("llm.example", True),
        ("203.0.113.9", True),
        ("203.0.113.9", False),
        ("203.0.113.9", False),
    ]
