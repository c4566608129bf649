"""Long pastes go with the question whole, and come apart again for its bubble."""

from __future__ import annotations

from desktop.core.chat.pasted import fold_pasted, split_pasted, with_pasted, word_count

CONTRACT = "The Supplier shall deliver the Goods.\n\nClause 2: payment within 30 days.\n"


def test_the_pasted_text_follows_the_question_in_a_marked_block() -> None:
    message = with_pasted("What does clause 2 say?", [CONTRACT])
    assert message.startswith("What does clause 2 say?\n\n```pasted\n")
    assert CONTRACT in message  # the model reads it whole
    assert split_pasted(message) == ("What does clause 2 say?", [CONTRACT])
    assert fold_pasted(message) == ("What does clause 2 say?", 1)


def test_backticks_in_the_paste_cannot_close_its_block() -> None:
    code = "Run this:\n```\nmake\n```\nthen ```` four."
    message = with_pasted("", [code, "second"])
    assert message.startswith("`````pasted\n")  # longer than any run of backticks inside
    assert split_pasted(message) == ("", [code, "second"])


def test_a_message_without_pastes_is_shown_as_it_is() -> None:
    text = "Here is some code:\n```python\nprint(1)\n```"
    assert fold_pasted(text) == (text, 0)
    assert split_pasted("Just a question") == ("Just a question", [])


def test_words_are_counted_in_english_and_in_chinese() -> None:
    assert word_count("one two  three\nfour") == 4
    assert word_count("合同第二条") == 5
    assert word_count("") == 0
