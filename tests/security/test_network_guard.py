"""The guard hooked into a real process: what it refuses never reaches the network at all."""

from __future__ import annotations

import json
import subprocess
import sys

# Run in a child: audit hooks cannot be removed, and the test process must stay unguarded.
# No packet leaves: refused calls are stopped before the system call; the permitted one goes
# to 0.0.0.0, which Linux connects to this machine itself.
CHILD = """
import json, os, resource, socket, sys
opened = []
sys.addaudithook(lambda event, args: opened.append(1) if event == "socket.__new__" else None)
from desktop.core.privacy.protect import protect_process
guard = protect_process()
out = {}
def attempt(name, call):
    try:
        call()
        out[name] = "allowed"
    except Exception as error:
        out[name] = type(error).__name__
attempt("public", lambda: socket.create_connection(("203.0.113.5", 443), timeout=1))
attempt("lookup", lambda: socket.getaddrinfo("telemetry.example.com", 443))
udp = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
attempt("udp", lambda: udp.sendto(b"x", ("192.0.2.1", 53)))
server = socket.create_server(("127.0.0.1", 0))
port = server.getsockname()[1]
attempt("loopback", lambda: socket.create_connection(("127.0.0.1", port), timeout=5).close())
with guard.permit("download a model", ["0.0.0.0"]):
    attempt("permitted", lambda: socket.create_connection(("0.0.0.0", port), timeout=5).close())
attempt("after", lambda: socket.create_connection(("0.0.0.0", port), timeout=5).close())
guard.offline = True
before = len(opened)
try:
    with guard.permit("search the hub", ["huggingface.co"]):
        out["offline"] = "ran"
except Exception as error:
    out["offline"] = str(error)
out["sockets_opened_offline"] = len(opened) - before
out["attempts"] = [[a.host, a.action, a.allowed] for a in guard.attempts()]
out["core"] = list(resource.getrlimit(resource.RLIMIT_CORE))
out["telemetry"] = [
    os.environ.get(k)
    for k in ("HF_HUB_DISABLE_TELEMETRY", "HF_HUB_DISABLE_XET", "ORT_DISABLE_TELEMETRY")
]
print(json.dumps(out))
"""


def test_guard_refuses_and_records_and_allows_only_what_a_permit_names() -> None:
    result = subprocess.run(
        [sys.executable, "-c", CHILD], capture_output=True, text=True, timeout=60, check=False
    )
    assert result.returncode == 0, result.stderr
    out = json.loads(result.stdout)
    assert out["public"] == "NetworkRefusedError"
    assert out["lookup"] == "NetworkRefusedError"
    assert out["udp"] == "NetworkRefusedError"
    assert out["loopback"] == "allowed"
    assert out["permitted"] == "allowed"
    assert out["after"] == "NetworkRefusedError"
    assert out["offline"].startswith("Offline mode is on")
    assert out["sockets_opened_offline"] == 0
    assert out["attempts"] == [
        ["203.0.113.5", "", False],
        ["telemetry.example.com", "", False],
        ["192.0.2.1", "", False],
        ["0.0.0.0", "download a model", True],  # create_connection's lookup
        ["0.0.0.0", "download a model", True],  # and its connect
        ["0.0.0.0", "", False],  # the permit has closed: refused at the lookup
    ]
    assert out["core"] == [0, 0]  # no core dump could hold decrypted text
    assert out["telemetry"] == ["1", "1", "1"]
