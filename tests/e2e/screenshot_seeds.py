"""What the screenshots show: a lease and a licence to index, and a conversation about the
lease whose reply cites two of its clauses, [1] and [2], with its sources kept in the vault
as a reply answered from documents keeps them (``desktop.core.vault.sources``)."""

from __future__ import annotations

from pathlib import Path

from desktop.core.chat.settings import ChatSettings
from desktop.core.language import CHINESE, ENGLISH
from desktop.core.library.installed import STARTER_MODEL_PATH
from desktop.core.modelfile.model_info import model_name
from desktop.core.vault.sources import Source, SourceStore
from desktop.core.vault.store import ConversationStore

MULAN = Path(__file__).resolve().parents[1] / "bench" / "corpus" / "MulanPSL-2.0.txt"

LEASE_NAME = "Lease - 14 Canal Street.txt"

LEASE = """LEASE OF 14 CANAL STREET

1. Parties
1.1 The Landlord is Acme Property Ltd.
1.2 The Tenant is Beta Design LLP.

2. Rent
2.1 The rent is 2,400 euros a month, paid in advance on the first working day of each month.
2.2 Rent paid more than ten days late carries interest at 4% a year above the base rate.
2.3 The rent is reviewed every third year, upwards only.

3. Repairs
3.1 The Tenant keeps the inside of the premises in good repair.
3.2 The Landlord repairs the roof, the structure and the shared parts.

4. Ending the lease
4.1 Either party may end this lease on six months' written notice after the second year.
"""

CITED = (  # the clauses the reply cites, [1] and [2]
    "2.1 The rent is 2,400 euros a month, paid in advance on the first working day of each month.",
    "2.2 Rent paid more than ten days late carries interest at 4% a year above the base rate.",
)

REPLY = """The rent is **2,400 euros a month**, paid in advance on the first working day of \
each month [1].

If it is paid more than ten days late, it carries interest at **4% a year above the base \
rate** [2]. In practice:

1. Pay by the first working day of the month.
2. After ten days, interest runs from the due date.
3. The rent itself is reviewed every third year, upwards only.
"""

REPLY_ZH = """租金为**每月 2,400 欧元**，须在每月第一个工作日预先支付 [1]。

逾期超过十天的租金，按**高于基准利率每年 4%** 计息 [2]。实际上：

1. 在每月第一个工作日前付款。
2. 逾期十天后，利息自到期日起计算。
3. 租金每三年复核一次，只升不降。
"""

SEEDS = {  # per language: two earlier chats' titles, then a question and its cited reply
    ENGLISH: (
        ("Packing list for Lisbon", "Contract clause 7, second draft"),
        ("When is the rent due, and what if it is paid late?", REPLY),
    ),
    CHINESE: (
        ("里斯本行李清单", "合同第 7 条，第二稿"),
        ("租金什么时候付？逾期付款怎么办？", REPLY_ZH),
    ),
}


def matter(folder: Path) -> list[Path]:
    """Write the lease and the licence into *folder* (made if need be); their paths."""
    folder.mkdir(parents=True, exist_ok=True)
    lease = folder / LEASE_NAME
    lease.write_text(LEASE, encoding="utf-8")
    licence = folder / "MulanPSL-2.0.txt"
    licence.write_text(MULAN.read_text(encoding="utf-8"), encoding="utf-8")
    return [lease, licence]


def seed_chat(store: ConversationStore, settings: ChatSettings, language: str, lease: Path) -> int:
    """Two earlier chats, then the question about *lease* and its reply citing two clauses
    with their sources; the id of the conversation to show."""
    titles, (question, reply) = SEEDS[language]
    for title in titles:
        earlier = store.create_conversation()
        store.add_message(earlier.id, "user", title)
    conversation = store.create_conversation(
        system_prompt=settings.system_prompt, sampling=settings.to_dict()
    )
    store.update_settings(
        conversation.id, preset=settings.preset_id, model=model_name(STARTER_MODEL_PATH)
    )
    store.add_message(conversation.id, "user", question)
    answer = store.add_message(conversation.id, "assistant", reply)
    sources = []
    for number, clause in enumerate(CITED, start=1):
        start = LEASE.index(clause)
        sources.append(Source(number, str(lease), None, start, start + len(clause), clause))
    SourceStore(store.db).add(answer.id, sources)
    return conversation.id
