"""The deal page quotes each story's evidence as whole sentences."""

import pytest

from deals.views import sentence_around

BODY = (
    "Shanghai Symphony Telecommunications Co., Ltd., the joint venture China Telecom set up "
    "with AT&T Inc. in 2001, will add IoT services. The pair said so on Monday.\n\n"
    "Orange, meanwhile, widened its own deal."
)


@pytest.mark.parametrize("words", ["joint venture", "AT&T Inc.", "IoT services"])
def test_evidence_is_the_whole_sentence_even_across_company_abbreviations(words):
    start = BODY.index(words)

    sentence = sentence_around(BODY, start, start + len(words))

    assert sentence == BODY[: BODY.index(" The pair")]


def test_evidence_stops_at_the_paragraph():
    start = BODY.index("Orange")

    assert sentence_around(BODY, start, start + 6) == "Orange, meanwhile, widened its own deal."


def test_a_span_across_two_sentences_quotes_both():
    start, end = BODY.index("IoT services"), BODY.index("said so")

    assert sentence_around(BODY, start, end) == BODY[: BODY.index("\n\n")]
