"""Every benchmark still runs: each one at ``--tiny`` sizes, in a process of its own.

A benchmark is run by hand, seldom; without this, one broken by a change to the code it
measures would be found broken the day someone needs its figures. The figures of a tiny run
mean nothing; that they are printed, as numbers, is what is checked.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
N = r"\d+(?:\.\d+)?"
"""A figure as the benchmarks print it: not "nan", not "inf", not missing."""

FIGURES = {
    "bench_embed.py": [
        rf"{N} passages of {N} tokens, {N} turns",
        rf"shipped: {N} passages/s, {N} ms of processor a passage",
        rf"gguf: {N} passages/s, {N} ms of processor a passage",
        rf"shipped / gguf: {N} times the passages a second, {N} times less processor",
    ],
    "bench_stream.py": [
        rf"turn 0: {N} tokens .* ratio {N}",
        rf"median ratio {N}, overall {N}",
        rf"gauge shown/hidden tokens per second: {N}",
        rf"longest GUI event-loop pause while streaming: {N} ms",
    ],
    "bench_render.py": [
        rf"with the event loop: per piece near piece 100 {N} µs, near piece 200 {N} µs; "
        rf"late/early ratio {N}",
        rf"append_reply alone: .* late/early ratio {N}",
        rf"200 messages:\n  added and shown in {N} ms",
        rf"20 wheel notches up: median {N} ms",
        rf"adding 100 messages at a time: .* late/early ratio {N}",
    ],
    "bench_long_input.py": [
        rf"round 1, {N} tokens: plain {N} s  app {N} s \({N} progress reports\)  ratio {N}",
        rf"{N} input tokens: first token app/plain median {N} \(spread {N}-{N}; goal",
        rf"round 1, Stop while reading {N} tokens: reply ended {N} ms after it, a chunk took "
        rf"{N} ms, ratio {N}",
        rf"Stop while reading: reply ended after stop/chunk median {N} \(spread {N}-{N}; goal",
    ],
    "bench_feedback.py": [
        rf"round 1, model loaded: Send → feedback {N} ms \(goal 200\), Stop → feedback {N} ms",
        rf"round 1, first start, model loading: Send → feedback {N} ms",
        rf"Send → feedback, model loading again: median {N} ms .* goal under 200 ms",
        rf"Stop → feedback, model loaded: median {N} ms .* goal under 100 ms",
    ],
    "bench_estimate.py": [
        rf"probe: {N} s; {N} µs a token, {N} µs a layer, {N} GB/s",
        rf"SmolLM2-135M-Instruct.Q4_1.gguf: {N} MB, {N} layers  writing estimate {N} "
        rf"measured {N} tok/s \(error [+-]?{N} %\)",
        rf"writing estimate error: mean {N} %, worst [+-]?{N} %",
        rf"reading estimate error: mean {N} %, worst [+-]?{N} %",
    ],
    "bench_prefix.py": [
        rf"conversation: {N} tokens",
        rf"reuse / scratch: {N}   switch / scratch: {N}",
        rf"follow-up about documents \({N} tokens\): first token {N} ms as now, {N} ms as "
        rf"before \(first question plain\); now/before: {N}",
    ],
    "bench_chat.py": [
        rf"longest GUI event-loop pause while streaming: {N} ms",
        rf"with the event loop: .* late/early ratio {N}",
        rf"200 messages:\n  added and shown in {N} ms",
        rf"adding 100 messages at a time: .* late/early ratio {N}",
        rf"reuse / scratch: {N}   switch / scratch: {N}",
    ],
    "bench_remote.py": [
        rf"turn 0: sotto first token {N} ms, {N} tokens/s; plain first token {N} ms",
        rf"median first token: sotto {N} ms, plain {N} ms, ratio sotto/plain {N}",
        rf"median first token, both on a new connection per reply: plain {N} ms, ratio .* {N}",
        rf"median tokens/s: sotto {N}, plain {N}, ratio sotto/plain {N}",
        rf"2 clients at once: {N} tokens/s together .* slowest first token {N} ms",
    ],
    "bench_api.py": [
        rf"turn 0: ask {N} tokens/s, first token {N} ms; api {N} tokens/s, first token {N} ms",
        rf"median tokens/s: ask {N}, api {N}, ratio api/ask {N}",
        rf"median first-token overhead of the api: -?{N} ms",
        rf"client gone mid-stream: model free after {N} ms",
    ],
    "bench_documents.py": [
        rf"extraction: {N} pages \([\d,]+ characters a page\) in {N} s: {N} pages/s",
        rf"embedding: {N} passages in {N} s: {N} passages/s",
        rf"1,000 pages indexed in {N} s \({N} min; (measured|extrapolated from {N} pages)\)",
        rf"longest GUI event-loop pause while indexing: {N} ms, p99 {N} ms",
        rf"idle: longest {N} ms, p99 {N} ms; indexing/idle longest ratio {N}",
        rf"[\d,]+ passages \(stored in {N} s: [\d,]+ passages/s; [\d,]+ bytes a passage on disk\)",
        r"vectors ready in [\d,]+ ms \(read whole\); RSS growth -?[\d,]+ bytes a passage",
        r"vectors ready in [\d,]+ ms after an update added a document of [\d,]+ passages",
        rf"hybrid search at [\d,]+: median {N} ms, p95 {N} ms",
        rf"fts search at [\d,]+: median {N} ms, p95 {N} ms",
        rf"vectors search at [\d,]+: median {N} ms, p95 {N} ms",
        rf"hybrid median latency [\d,]+/[\d,]+ passages ratio {N}",
    ],
    "bench_ocr.py": [
        rf"models loaded in {N} s",
        rf"scanned PDF: {N} pages in {N} s: {N} pages/s \({N} s a page\)",
        rf"words read right: {N}/{N} = {N} %",
    ],
    "bench_retrieval.py": [
        rf"indexed {N} files, {N} passages, in {N} s; {N} questions",
        rf"passages longer than the model reads \({N} tokens\): {N} of {N}, {N} % of all",
        rf"fts recall@5: {N}/{N} = {N} \(English ",
        rf"vectors recall@5: {N}/{N} = {N} \(English ",
        rf"hybrid recall@5: {N}/{N} = {N} \(English ",
        r"hybrid is (no worse than either alone|worse than the best single mode)",
        rf"ratio {N}: {N}/{N} = {N}",
    ],
    "bench_revise.py": [
        rf"{N} paragraphs: diff and write {N} ms \(median of {N}; goal under 1000 ms\); "
        rf"python-docx open and save {N} ms; ratio {N}",
        rf"starter model: {N} s a page of 500 words \({N} paragraphs, {N} words in {N} s\)",
    ],
    # In the test keyring (make test), as the vault's key is kept there.
    "bench_docs_cli.py": [
        r"collection: [\d,]+ passages",
        rf"sotto --version: median {N} ms of {N}",
        rf"docs search --mode fts: median {N} ms of {N}",
        rf"docs search \(hybrid\): median {N} ms of {N}",
        rf"hybrid search command: {N} ms \(goal about {N} ms: (met|MISSED)\); "
        rf"beyond the start -?{N} ms, of which the search by meaning \(model and vectors\) "
        rf"-?{N} ms",
    ],
    # On a private Xvfb screen, in the test keyring (make test).
    "bench_launch.py": [
        rf"history: {N} messages \({N} MiB\) filled in {N} s",
        rf"this tree: cold start to window shown: median {N} ms of 1",
        rf"this tree: warm start to window shown: median {N} ms of 1",
    ],
    # The suite runs in the test keyring (make test), so the vault's key is in a keyring.
    "bench_vault.py": [
        r"key custody: the OS keyring",
        rf"filled in {N} s",
        rf"open the vault: median {N} ms of 5 .* in a new process {N} ms",
        rf"pages checked beside the open: median {N} ms; .* ratio {N}; "
        rf"until the check has passed {N} ms",
        rf"list 20 conversations {N} ms",
        rf"open the 400-message conversation \(last 200 \+ count\): median {N} ms",
        rf"search \(100 varied queries, .*\): median {N} ms",
    ],
}


@pytest.mark.parametrize("script", sorted(FIGURES))
def test_a_benchmark_runs_at_tiny_sizes_and_prints_its_figures(script: str) -> None:
    result = subprocess.run(
        [sys.executable, str(REPO / "tests" / "bench" / script), "--tiny"],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )

    assert result.returncode == 0, result.stdout + result.stderr
    for pattern in FIGURES[script]:
        match = re.search(pattern, result.stdout)
        assert match is not None, f"{pattern!r} is not in the output:\n{result.stdout}"
