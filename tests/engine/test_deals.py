"""One rule of the deal engine a test: proposals per deal, kind, parties, roles, status, terms."""

import pytest

from engine.clauses import find_cues
from engine.gazetteer import fold
from engine.lexicon import Lexicon, stems
from tests.engine.gold import deal, deals, roles


def terms(proposal, name: str) -> list[dict]:
    return [t for t in proposal.extra["terms"] if t["term"] == name]


def test_one_proposal_per_deal_with_every_mention_attached():
    text = (
        "Acme and Bolt formed a joint venture to build charging stations. The venture will be "
        "based in Lyon. Under the agreement, the tie-up will open 200 sites by 2027."
    )

    proposal = deal(text)

    assert [m["exact"] for m in proposal.extra["mentions"]] == [
        "joint venture",
        "venture",
        "agreement",
        "tie-up",
    ]
    assert (proposal.start, proposal.end) == (text.index("joint venture"), text.index(" to build"))
    for mention in proposal.extra["mentions"]:
        assert text[mention["start"] : mention["end"]] == mention["exact"]


def test_clearest_mention_is_a_kind_word_with_both_parties_named():
    text = "The pair set up the venture in 2001. Acme and Bolt will extend their joint venture."

    proposal = deal("Acme and Bolt met. " + text)

    assert proposal.exact == "joint venture"


@pytest.mark.parametrize(
    "sentence",
    [
        "Bolt agreed to buy Kestrel.",
        "Bolt will purchase Kestrel.",
        "Bolt snapped up Kestrel.",
        "Bolt could swallow Kestrel.",
        "Bolt wants to take over Kestrel.",
    ],
)
def test_purchase_words_give_an_acquisition_by_the_buyer(sentence):
    proposal = deal(sentence)

    assert proposal.agreement_kind == "acquisition"
    assert roles(proposal) == {"bolt": "acquirer", "kestrel": "target"}


def test_the_deal_word_takes_the_kind_of_its_clause():
    assert deal("Zeta struck a $550 million deal to buy Acme.").agreement_kind == "acquisition"
    assert deal("Zeta signed an agreement to supply batteries to Bolt.").agreement_kind == "supply"
    assert deal("Talk grew of a possible combination of Acme and Kestrel.").agreement_kind == (
        "merger"
    )


def test_a_minority_stake_is_an_investment_and_a_controlling_stake_an_acquisition():
    minority = deal("Norvik agreed to acquire an 18% stake in Acme.")
    controlling = deal("Kestrel bought a controlling stake in Zeta.")

    assert (minority.agreement_kind, roles(minority)) == (
        "investment",
        {"norvik": "investor", "acme": "investee"},
    )
    assert terms(minority, "stake")[0]["percent"] == 18.0
    assert controlling.agreement_kind == "acquisition"


def test_roles_come_from_the_clause():
    assert roles(deal("Regulators cleared the takeover of Acme by Bolt.")) == {
        "acme": "target",
        "bolt": "acquirer",
    }
    assert roles(deal("Acme's sale of its drone unit to Bolt closed.")) == {
        "acme": "seller",
        "bolt": "acquirer",
    }
    assert roles(deal("Kestrel licensed its patents to Acme.")) == {
        "kestrel": "licensor",
        "acme": "licensee",
    }
    assert roles(deal("Zeta will supply cells to Bolt under a supply deal.")) == {
        "zeta": "supplier",
        "bolt": "customer",
    }


def test_a_later_sentence_does_not_flip_roles_decided_earlier():
    proposal = deal(
        "Bolt agreed to buy Acme for $2 billion. Acquiring Acme will let Bolt grow abroad."
    )

    assert roles(proposal) == {"bolt": "acquirer", "acme": "target"}


def test_an_ordinary_expand_is_not_an_expanded_deal():
    proposal = deal(
        "Acme and Zeta signed a partnership on recycling. Zeta plans to expand its range."
    )
    widened = deal("Acme and Zeta agreed to expand their partnership into Asia.")

    assert proposal.status == "signed"
    assert widened.status == "expanded"


@pytest.mark.parametrize(
    ("sentence", "status"),
    [
        ("Zeta, which was acquired by Norvik last year, grew.", "completed"),
        (
            "Bolt is exploring a takeover of Kestrel, people familiar with the plans said.",
            "rumored",
        ),
        ("Bolt is in talks to buy Kestrel.", "planned"),
        ("Acme and Kestrel called off their merger.", "cancelled"),
        ("Regulators blocked Bolt's acquisition of Zeta.", "cancelled"),
        ("Norvik walked away from its offer to buy Acme.", "cancelled"),
        ("Acme and Kestrel ditched their merger plan.", "cancelled"),
        ("Acme and Bolt ended their partnership after ten years.", "terminated"),
        ("Bolt cannot sell shares until Acme closes its acquisition of Zeta.", "announced"),
        ("Acme and Bolt will merge in May 2026.", "announced"),
    ],
)
def test_status_cues(sentence, status):
    assert deal(sentence).status == status


def test_a_status_cue_in_a_later_mention_counts():
    proposal = deal("Acme agreed to merge with Kestrel in May. The deal was scrapped on Friday.")

    assert proposal.status == "cancelled"
    assert len(proposal.extra["mentions"]) == 2


def test_rivals_competitors_and_lists_are_not_parties():
    assert set(roles(deal("Acme agreed to buy Zeta to compete with its rival Bolt."))) == {
        "acme",
        "zeta",
    }
    alliance = deal("Kestrel formed an alliance with Norvik, a competitor for Acme, Bolt and Zeta.")
    assert set(roles(alliance)) == {"kestrel", "norvik"}
    assert deals("Deal watch: Acme, Bolt, Kestrel and Zeta\n\nInvestors waited.") == []


def test_advisers_are_terms_not_parties():
    proposal = deal("Goldman Sachs advised Acme on its $900 million purchase of Zeta.")

    assert set(roles(proposal)) == {"acme", "zeta"}
    assert terms(proposal, "adviser")[0]["company"] == "goldman-sachs"


@pytest.mark.parametrize(
    "text",
    [
        "Zeta and Norvik met on Monday. They will set up a joint venture controlled by both companies.",
        "Zeta executives met Norvik in Basel. The two later set up a joint venture.",
        "Norvik has financed Zeta for years. Norvik set up a joint venture with its partner.",
    ],
)
def test_referring_back_finds_the_two_parties(text):
    proposal = deal(text)

    assert set(roles(proposal)) == {"zeta", "norvik"}
    assert "referred back" in proposal.why


def test_a_headline_without_a_full_stop_does_not_fuse_with_the_lead():
    proposal = deal("Acme agrees to buy Bolt\nAcme Robotics said it would pay cash for it.")

    assert roles(proposal) == {"acme": "acquirer", "bolt": "target"}


def test_deal_words_inside_quotes_are_speech_not_deals():
    assert deals("“We never discussed a merger,” Acme's chief said of Kestrel.") == []


def test_value_and_currency_with_the_evidence_span():
    text = "Bolt will pay €2.5bn for a 60% stake in Kestrel, subject to approval from the European Commission."

    proposal = deal(text)

    [value] = terms(proposal, "value")
    assert (value["amount"], value["currency"], value["exact"]) == (2.5e9, "EUR", "€2.5bn")
    assert text[value["start"] : value["end"]] == "€2.5bn"
    assert proposal.agreement_kind == "acquisition"  # 60% carries control
    [approval] = terms(proposal, "approval")
    assert (approval["regulator"], approval["state"]) == ("European Commission", "required")


def test_a_company_figure_is_not_the_deal_value():
    proposal = deal("Acme, with sales of $3 billion, agreed to buy Zeta.")

    assert terms(proposal, "value") == []


def test_expected_completion_date():
    proposal = deal(
        "Acme agreed to buy Zeta in a deal expected to close in the first quarter of 2026."
    )

    [date] = [t for t in terms(proposal, "date") if t["role"] == "expected_completion"]
    assert date["exact"] == "the first quarter of 2026"


def test_plural_deal_words_speak_of_several_deals():
    assert deals("Acme and Bolt have signed several partnerships with rivals.") == []


def test_cue_words_are_found_only_at_word_starts():
    text = "Mergers and the remerger of Acme; a dealer and a deal."

    found = [text[c.start : c.end] for c in find_cues(text, fold(text))]

    assert found == ["deal"]


def test_lexicon_stems_are_the_literal_starts_of_each_pattern():
    assert stems(r"t(?:ake|ook) over|buyouts?") == {"take", "took", "buyout"}
    assert stems(r"(?:controlling |minority )?stakes?") == {"controlling ", "minority ", "stake"}
    with pytest.raises(ValueError):
        stems(r"\d+ years")


def test_lexicon_finds_the_longest_pattern_at_a_place():
    lexicon = Lexicon([("short", r"call"), ("long", r"called off")])
    text = "They called off the call."

    assert lexicon.find(text, fold(text)) == [("long", 5, 15), ("short", 20, 24)]
