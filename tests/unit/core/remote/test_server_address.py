"""Server addresses: what is accepted, how it is kept, and when plain http must be confirmed."""

from __future__ import annotations

import pytest

from desktop.core.remote.errors import PlainHttpError, ServerAddressError, ServerNameError
from desktop.core.remote.server import (
    RemoteModel,
    Server,
    needs_plain_http_confirmation,
    parse_address,
    split_model_name,
)
from desktop.text.messages import user_message


@pytest.mark.parametrize(
    ("written", "url", "host", "port", "tls"),
    [
        ("https://llm.example:8000", "https://llm.example:8000", "llm.example", 8000, True),
        ("HTTPS://LLM.Example/v1/", "https://llm.example", "llm.example", 443, True),
        (" https://gpu.example/llm/v1 ", "https://gpu.example/llm", "gpu.example", 443, True),
        ("http://127.0.0.1:8080", "http://127.0.0.1:8080", "127.0.0.1", 8080, False),
        ("http://[::1]:8080/", "http://[::1]:8080", "::1", 8080, False),
    ],
)  # fmt: skip
def test_an_address_is_kept_without_its_api_path(
    written: str, url: str, host: str, port: int, tls: bool
) -> None:
    address = parse_address(written)

    assert (address.url, address.host, address.port, address.tls) == (url, host, port, tls)
    assert address.api == url + "/v1"


@pytest.mark.parametrize(
    "written",
    [
        "llm.firm.example:8000",
        "ftp://llm.firm.example",
        "https://",
        "https://user:secret@llm.firm.example",
        "https://llm.firm.example/?key=1",
        "https://llm.firm.example:99999",
    ],
)
def test_what_is_not_a_server_address_is_refused_with_a_sentence(written: str) -> None:
    with pytest.raises(ServerAddressError) as refused:
        parse_address(written)

    assert "is not a server address Sotto can use" in user_message(refused.value)


def test_plain_http_needs_a_confirmation_unless_the_server_is_on_this_computer() -> None:
    assert needs_plain_http_confirmation("http://llm.firm.example:8000")
    assert needs_plain_http_confirmation("http://10.1.2.3")
    assert not needs_plain_http_confirmation("http://127.0.0.1:8000")
    assert not needs_plain_http_confirmation("http://localhost:8000")
    assert not needs_plain_http_confirmation("https://llm.firm.example")

    with pytest.raises(PlainHttpError) as refused:
        Server("firm", "http://llm.firm.example:8000").check()
    assert "plain http, which anyone on the network between can read" in user_message(refused.value)
    Server("firm", "http://llm.firm.example:8000", plain_http=True).check()  # confirmed
    Server("lab", "http://127.0.0.1:8000").check()


@pytest.mark.parametrize("name", ["", " firm", "firm/eu"])
def test_a_server_name_must_be_plain(name: str) -> None:
    with pytest.raises(ServerNameError):
        Server(name, "https://llm.firm.example").check()


def test_a_remote_model_is_named_server_slash_model() -> None:
    model = RemoteModel("firm", "meta-llama/Llama-3.3-70B-Instruct", "llm.firm.example")

    assert model.name == "firm/meta-llama/Llama-3.3-70B-Instruct"
    assert split_model_name(model.name) == ("firm", "meta-llama/Llama-3.3-70B-Instruct")
    assert split_model_name("starter") is None
    assert split_model_name("/models/x.gguf") is None
