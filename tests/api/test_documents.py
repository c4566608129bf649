"""The user's documents through the API: a collection named in a request, and embeddings."""

from __future__ import annotations

import json
import math
from collections.abc import Iterator
from pathlib import Path

import openai
import pytest

from desktop.core.api.service import ApiDocuments
from desktop.core.documents.embedder import EMBEDDER_NAME, EMBEDDER_PATH, Embedder
from desktop.core.documents.indexer import index_collection
from desktop.core.documents.library import DocumentLibrary, add_to_collection
from desktop.core.paths import AppPaths
from desktop.core.vault.store import ConversationStore
from tests.api.conftest import TOKEN, RunningApi, post, question

CLAUSE = "The tenant pays the rent of 950 euros on the first day of each month."


@pytest.fixture
def documents(
    api: RunningApi, tmp_path: Path, paths: AppPaths, store: ConversationStore
) -> Iterator[ApiDocuments]:
    """A collection "Lease" of one short file, read by the API while the test runs."""
    (tmp_path / "lease.txt").write_text(CLAUSE, encoding="utf-8")
    library = DocumentLibrary.of(paths, store.db)
    with Embedder(EMBEDDER_PATH) as embedder, library.open() as index:
        add_to_collection(index, "Lease", [tmp_path / "lease.txt"], embedder)
        assert len(index_collection(index, "Lease", embedder).indexed) == 1
    documents = ApiDocuments(library, EMBEDDER_PATH, 5)
    api.service.documents = documents
    yield documents
    api.service.documents = None
    documents.close()


def test_a_reply_from_a_collection_carries_its_sources(
    api: RunningApi, documents: ApiDocuments, tmp_path: Path
) -> None:
    asked = question(api, "How much is the rent?", sotto_collection="Lease")
    status, _, body = post(api, "/chat/completions", asked)
    assert status == 200, body
    reply = json.loads(body)
    [source] = reply["sotto_sources"]
    assert source["number"] == 1
    assert Path(source["file"]).name == "lease.txt" and CLAUSE in source["text"]
    status, _, body = post(api, "/chat/completions", question(api, sotto_collection="Nope"))
    assert status == 400 and "Nope" in body
    status, _, body = post(api, "/chat/completions", question(api))
    assert "sotto_sources" not in body  # none asked for, none given


def test_embeddings_are_the_documents_model_s(api: RunningApi, documents: ApiDocuments) -> None:
    client = openai.OpenAI(base_url=api.base, api_key=TOKEN, max_retries=0)
    texts = ["The rent is due monthly.", "Le loyer est payable chaque mois."]
    answer = client.embeddings.create(model="any", input=texts)  # base64, the client's default
    assert answer.model == EMBEDDER_NAME
    vectors = [item.embedding for item in answer.data]
    assert [len(vector) for vector in vectors] == [384, 384]
    assert all(math.isclose(sum(x * x for x in vector), 1.0, rel_tol=1e-4) for vector in vectors)
    direct = documents.embedder().embed(texts)
    assert all(
        math.isclose(a, b, abs_tol=1e-6)
        for row, vector in zip(direct, vectors, strict=True)
        for a, b in zip(row.tolist(), vector, strict=True)
    )
    floats = client.embeddings.create(model="any", input=texts[0], encoding_format="float")
    assert floats.data[0].embedding == pytest.approx(vectors[0], abs=1e-6)


def test_without_documents_a_collection_is_refused(api: RunningApi) -> None:
    status, _, body = post(api, "/chat/completions", question(api, sotto_collection="Lease"))
    assert status == 400 and "cannot read your documents" in body
    status, _, body = post(api, "/embeddings", {"model": "any", "input": "x"})
    assert status == 400
    status, _, body = post(api, "/embeddings", {"model": "any", "input": [1, 2]})
    assert status == 400 and "'input' must be text" in body
