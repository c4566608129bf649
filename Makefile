# `make run` sets up and opens Sotto; `make test` sets up and runs every check.
.PHONY: setup run test check lint bench package

setup:
	scripts/setup.sh

run: setup
	.venv/bin/sotto

lint:
	.venv/bin/ruff check desktop tests scripts packaging
	.venv/bin/ruff format --check desktop tests scripts packaging
	.venv/bin/mypy
	.venv/bin/lint-imports --no-cache

# The tests use a real OS keyring: a private D-Bus session with its own GNOME keyring.
test: setup lint
	scripts/with-test-keyring.sh .venv/bin/python -m pytest

# The quick check for daily work, about 30 s: lint, mypy and the unit tests (those of the
# vault need a keyring too). It does not set up: run `make setup` after changing dependencies.
check: lint
	scripts/with-test-keyring.sh .venv/bin/python -m pytest -q tests/unit

bench: setup
	.venv/bin/python tests/bench/bench_stream.py
	.venv/bin/python tests/bench/bench_chat.py
	.venv/bin/python tests/bench/bench_long_input.py
	.venv/bin/python tests/bench/bench_estimate.py
	.venv/bin/python tests/bench/bench_remote.py
	.venv/bin/python tests/bench/bench_documents.py
	.venv/bin/python tests/bench/bench_retrieval.py
	.venv/bin/python tests/bench/bench_embed.py
	.venv/bin/python tests/bench/bench_ocr.py
	.venv/bin/python tests/bench/bench_prefix.py
	.venv/bin/python tests/bench/bench_api.py
	.venv/bin/python tests/bench/bench_revise.py
	scripts/with-test-keyring.sh .venv/bin/python tests/bench/bench_vault.py
	scripts/with-test-keyring.sh .venv/bin/python tests/bench/bench_launch.py
	scripts/with-test-keyring.sh .venv/bin/python tests/bench/bench_docs_cli.py
	.venv/bin/python tests/bench/bench_feedback.py

# The package of this platform, under dist/ (packaging/README.md): on Linux a folder and its
# .tar.gz; on macOS Sotto.app and a .dmg; on Windows an installer, where Inno Setup is.
package: setup
	.venv/bin/python packaging/build.py
