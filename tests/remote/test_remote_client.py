"""Sotto as the client of a real OpenAI-compatible server: trust, keys, streams, Stop, a cut."""

from __future__ import annotations

import re
import threading

import pytest
import trustme
from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QApplication

from desktop.core.inference.types import Sampling
from desktop.core.language import CHINESE
from desktop.core.privacy.network import NetworkGuard
from desktop.core.remote.client import CHAT_ACTION, CHECK_ACTION, RemoteClient
from desktop.core.remote.errors import (
    CertificateNotTrustedError,
    RemoteOfflineError,
    ServerKeyRefusedError,
    ServerUnreachableError,
    StreamCutError,
    UnknownRemoteModelError,
)
from desktop.core.remote.server import Server
from desktop.text.messages import user_message
from desktop.text.translation import apply_language
from tests.model_server import KEY, MODEL, ModelServer, free_port
from tests.remote.conftest import WatchedGuard

QUESTION = [{"role": "user", "content": "Tell me a long story about a lighthouse."}]
GREEDY = Sampling(temperature=0.0, max_tokens=24)


def test_with_the_firms_certificate_authority_the_models_are_listed(firm: Server) -> None:
    assert RemoteClient(firm, KEY, NetworkGuard()).models() == [MODEL]


def test_a_certificate_from_another_authority_is_refused_with_a_sentence(firm: Server) -> None:
    stranger = Server("firm", firm.url, trustme.CA().cert_pem.bytes().decode("ascii"))

    with pytest.raises(CertificateNotTrustedError) as refused:
        RemoteClient(stranger, KEY, NetworkGuard()).models()

    sentence = user_message(refused.value)
    assert sentence.startswith("Sotto does not trust the certificate of firm, so nothing was sent")
    assert refused.value.details  # the TLS library's words, kept out of the sentence
    assert refused.value.details not in sentence


def test_without_the_firms_authority_the_systems_store_does_not_trust_it(firm: Server) -> None:
    with pytest.raises(CertificateNotTrustedError):
        RemoteClient(Server("firm", firm.url), KEY, NetworkGuard()).models()


def test_a_wrong_key_is_refused_with_a_sentence(firm: Server) -> None:
    client = RemoteClient(firm, "not-the-key", NetworkGuard())

    with pytest.raises(ServerKeyRefusedError) as refused:
        client.chat(MODEL, QUESTION, GREEDY, lambda _piece: None)

    assert user_message(refused.value) == (
        "firm refused the API key. Ask your administrator for the right key and add the "
        "server again with it."
    )


def test_a_reply_streams_piece_by_piece_within_a_permit_for_the_server_alone(
    firm: Server, tls_server: ModelServer
) -> None:
    guard = WatchedGuard()
    pieces: list[str] = []
    permits: list[list[tuple[str, tuple[str, ...], int | None]]] = []

    def on_text(piece: str) -> None:
        pieces.append(piece)
        permits.append(list(guard.open))

    reply = RemoteClient(firm, KEY, guard).chat(MODEL, QUESTION, GREEDY, on_text)

    assert len(pieces) > 3 and reply.text == "".join(pieces)
    assert reply.tokens == len(pieces) and not reply.cancelled and reply.cut_off is None
    assert 0 < reply.first_token_seconds < reply.seconds
    assert all(p == [(CHAT_ACTION, ("127.0.0.1",), tls_server.port)] for p in permits)
    assert guard.open == []


def test_listing_the_models_opens_a_permit_of_its_own(
    firm: Server, tls_server: ModelServer
) -> None:
    guard = WatchedGuard()

    RemoteClient(firm, KEY, guard).models()

    assert guard.opened == [(CHECK_ACTION, ("127.0.0.1",), tls_server.port)]
    assert guard.open == []


def test_stop_mid_stream_ends_the_reply_with_what_arrived(firm: Server) -> None:
    cancel = threading.Event()
    pieces: list[str] = []

    def on_text(piece: str) -> None:
        pieces.append(piece)
        if len(pieces) == 3:
            cancel.set()

    long = Sampling(temperature=0.0, max_tokens=400)
    reply = RemoteClient(firm, KEY, NetworkGuard()).chat(MODEL, QUESTION, long, on_text, cancel)

    assert reply.cancelled and reply.cut_off is None
    assert len(pieces) == 3 and reply.text == "".join(pieces)


def test_stop_while_waiting_for_the_first_token_closes_the_stream_at_once(firm: Server) -> None:
    # The server writes one reply at a time: while a long one streams, the next waits.
    streaming = threading.Event()
    busy = threading.Thread(
        target=RemoteClient(firm, KEY, NetworkGuard()).chat,
        args=(
            MODEL,
            QUESTION,
            Sampling(temperature=0.0, max_tokens=400),
            lambda _p: streaming.set(),
        ),
    )
    busy.start()
    assert streaming.wait(60)
    cancel = threading.Event()
    stop = threading.Timer(0.3, cancel.set)  # the user's Stop, while the reply waits
    stop.start()
    try:
        reply = RemoteClient(firm, KEY, NetworkGuard()).chat(
            MODEL, QUESTION, GREEDY, lambda _p: None, cancel
        )
        waiting_still = busy.is_alive()
    finally:
        busy.join()

    assert reply.cancelled and reply.text == "" and reply.cut_off is None
    assert waiting_still  # it did not wait for the long reply before it to end


def test_a_server_killed_mid_stream_leaves_the_reply_it_sent_marked_cut_off(
    doomed_server: ModelServer,
) -> None:
    # Plain http is fine for a server on this computer.
    server = Server("lab", doomed_server.url)
    pieces: list[str] = []

    def on_text(piece: str) -> None:
        pieces.append(piece)
        if len(pieces) == 3:
            doomed_server.kill()

    long = Sampling(temperature=0.0, max_tokens=400)
    reply = RemoteClient(server, KEY, NetworkGuard()).chat(MODEL, QUESTION, long, on_text)

    assert isinstance(reply.cut_off, StreamCutError)
    assert reply.text == "".join(pieces) and len(pieces) >= 3 and not reply.cancelled
    assert "What arrived is kept" in user_message(reply.cut_off)

    with pytest.raises(ServerUnreachableError) as down:  # and then it is down
        RemoteClient(server, KEY, NetworkGuard()).models()
    assert user_message(down.value).startswith("Sotto could not reach lab,")


def test_nothing_listening_is_a_sentence() -> None:
    server = Server("lab", f"http://127.0.0.1:{free_port()}")

    with pytest.raises(ServerUnreachableError) as refused:
        RemoteClient(server, KEY, NetworkGuard()).models()
    assert "Errno" in refused.value.details  # "[Errno 111] Connection refused", for support
    assert "Errno" not in user_message(refused.value)


def test_a_refused_connection_is_told_in_chinese_without_a_word_of_english(
    qapp: QApplication,
) -> None:
    server = Server("lab", f"http://127.0.0.1:{free_port()}")
    with pytest.raises(ServerUnreachableError) as refused:
        RemoteClient(server, KEY, NetworkGuard()).models()
    font, locale = qapp.font(), QLocale()
    translators = apply_language(qapp, CHINESE)
    try:
        sentence = user_message(refused.value)
    finally:
        for translator in translators:
            qapp.removeTranslator(translator)
        QLocale.setDefault(locale)
        qapp.setFont(font)
    names = re.compile(r"Sotto|lab")  # names stay names in every language
    assert re.search(r"[A-Za-z]{3,}", names.sub("", sentence)) is None, sentence


def test_no_model_service_at_the_address_is_a_sentence(firm: Server) -> None:
    wrong = Server("firm", firm.url + "/elsewhere", firm.ca_certificate)

    with pytest.raises(UnknownRemoteModelError) as unknown:
        RemoteClient(wrong, KEY, NetworkGuard()).chat(MODEL, QUESTION, GREEDY, print)

    assert "firm has no model called smollm2" in user_message(unknown.value)


def test_offline_mode_refuses_with_a_sentence_before_any_connection(firm: Server) -> None:
    guard = NetworkGuard()
    guard.offline = True

    for call in (
        lambda client: client.models(),
        lambda client: client.chat(MODEL, QUESTION, GREEDY, print),
    ):
        with pytest.raises(RemoteOfflineError) as refused:
            call(RemoteClient(firm, KEY, guard))
        assert "Offline mode is on, so nothing was sent to firm" in user_message(refused.value)
