"""Rules learnt from the dev split of the real-news set, each stated on sentences of our own."""

import pytest

from engine import suggest
from engine.tokens import sentences
from tests.engine.gold import MATCHER, REGISTRY, deal, deals, roles


def companies(text: str) -> list[tuple[str, str]]:
    return [(s.exact, s.company) for s in suggest(text, REGISTRY, MATCHER) if s.kind == "company"]


def test_each_case_sensitive_spelling_of_a_name_is_matched():
    text = "CRATE rose after Crate won a contract."

    assert companies(text) == [("CRATE", "crate"), ("Crate", "crate")]


def test_a_registry_name_written_in_lower_case_matches_as_written():
    assert companies("Figures from nordwire show a rise.") == [("nordwire", "nordwire")]


def test_lines_wrapped_at_a_fixed_width_are_one_sentence():
    text = "Acme said it\nhas agreed to buy Bolt\nfor cash.\nShares rose."

    assert [text[a:b] for a, b in sentences(text)] == [
        "Acme said it\nhas agreed to buy Bolt\nfor cash.",
        "Shares rose.",
    ]


def test_a_headline_without_a_full_stop_stays_apart_from_the_lead():
    text = "Acme shares jump\nBolt agreed to buy Zeta on Monday."

    assert len(sentences(text)) == 2


@pytest.mark.parametrize(
    "text",
    [
        "LONDON, March 3 (Daily Ledger) - Acme agreed to buy Bolt.",
        "(Daily Ledger) – Acme agreed to buy Bolt.",
    ],
)
def test_the_agency_in_a_dateline_is_no_party(text):
    assert set(roles(deal(text))) == {"acme", "bolt"}


@pytest.mark.parametrize(
    "text",
    [
        "Acme is in talks to buy Bolt, reports the Daily Ledger.",
        "Acme is in talks to buy Bolt, according to the Daily Ledger.",
        "Acme is in talks to buy Bolt, the Daily Ledger reported on Monday.",
        "A person close to Acme told the Daily Ledger it is in talks to buy Bolt.",
    ],
)
def test_the_press_cited_as_a_source_is_no_party(text):
    assert set(roles(deal(text))) == {"acme", "bolt"}


def test_a_memorandum_of_understanding_is_a_partnership():
    proposal = deal("Nokia and Ericsson signed an MoU on research into 6G.")

    assert (proposal.agreement_kind, proposal.status) == ("partnership", "signed")


def test_a_framework_for_a_venture_is_the_venture():
    text = "Acme and Bolt signed a partnership agreement to form a joint venture in Spain."

    assert deal(text).agreement_kind == "joint_venture"


def test_an_offtake_or_supply_agreement_makes_the_company_signed_with_the_supplier():
    offtake = deal("Acme agreed an offtake deal with Kestrel for nickel from its mine.")
    renewal = deal("Zeta extended its gas supply contract with Norvik until 2030.")

    assert (offtake.agreement_kind, roles(offtake)) == (
        "supply",
        {"acme": "customer", "kestrel": "supplier"},
    )
    assert roles(renewal) == {"zeta": "customer", "norvik": "supplier"}


def test_buying_a_quantity_of_goods_is_supply():
    proposal = deal("Zeta will buy 500,000 tonnes of copper a year from Kestrel.")

    assert proposal.agreement_kind == "supply"
    assert roles(proposal) == {"zeta": "customer", "kestrel": "supplier"}


def test_a_licence_taken_makes_its_taker_the_licensee():
    proposal = deal("Bolt signed a licensing deal with Acme to get a licence to its chip designs.")

    assert roles(proposal) == {"bolt": "licensee", "acme": "licensor"}


def test_investment_naming_a_trade_is_no_deal():
    assert deals("Investment firm Norvik rated Acme above Bolt.") == []


def test_a_stake_in_the_venture_is_the_venture():
    text = "Acme and Bolt set up a joint venture. The two will each own a 50% stake in the new venture."

    assert [d.agreement_kind for d in deals(text)] == ["joint_venture"]


def test_a_stake_bought_in_an_acquisition_is_that_acquisition():
    text = "Zeta will acquire a 60% stake in Kestrel. Kestrel's founders will sell their stake to Zeta."

    assert [d.agreement_kind for d in deals(text)] == ["acquisition"]


def test_the_company_a_stake_is_held_in_is_the_investee_even_after_the_seller():
    text = "Zeta will buy a 15% stake from Bolt, for $40 million, in its unit Kestrel."

    assert roles(deal(text)) == {"zeta": "investor", "bolt": "seller", "kestrel": "investee"}


def test_a_bidder_is_the_buyer_whoever_receives_the_proposal():
    proposal = deal("Kestrel has received a takeover offer from buyout group Norvik.")

    assert roles(proposal) == {"kestrel": "target", "norvik": "acquirer"}


@pytest.mark.parametrize(
    "text",
    [
        "Acme is canceling its planned merger with Bolt.",
        "Acme has dropped its merger talks with Bolt.",
        "Acme and Bolt said talks on a merger ceased in May.",
        "A merger of Acme and Bolt would have created a giant.",
        "Acme decided not to proceed with a merger with Bolt.",
    ],
)
def test_cancellation_cues(text):
    assert deal(text).status == "cancelled"


@pytest.mark.parametrize(
    "text, status",
    [
        ("Acme has taken a minority stake in Bolt.", "completed"),
        ("Acme took a 5% stake in Bolt last year.", "completed"),
        ("Zeta's 2012 takeover of Kestrel doubled its sales.", "completed"),
        ("Acme will sign a supply deal with Bolt in June.", "planned"),
        ("Acme and Bolt are about to form a joint venture.", "planned"),
        ("Acme weighs whether to buy Bolt.", "planned"),
        ("Acme and Bolt will discuss the planned merger of their units.", "planned"),
    ],
)
def test_completion_and_plan_cues(text, status):
    assert deal(text).status == status


def test_an_awaited_completion_is_no_completion():
    text = "Acme agreed to buy Bolt and expects the purchase to complete in May."

    assert deal(text).status == "announced"


def test_a_ventures_own_plans_are_not_the_deals_status():
    text = (
        "Acme has formed a joint venture with Bolt. From 2027, the joint venture plans to build "
        "10,000 cars a year."
    )

    assert deal(text).status == "announced"


def test_a_short_quotation_is_the_writers_words():
    proposal = deal("Acme and Bolt are in talks on a “strategic partnership”.")

    assert proposal.agreement_kind == "partnership"


def test_a_rival_bought_is_a_party_and_a_rival_competed_with_is_not():
    bought = deal("Zeta is buying its rival Kestrel to compete with Norvik.")

    assert roles(bought) == {"zeta": "acquirer", "kestrel": "target"}


def test_two_clauses_each_with_a_deal_give_two_deals():
    text = "Acme bought Bolt in 2019, eclipsing Zeta's purchase of Kestrel."

    assert {frozenset(roles(d)) for d in deals(text)} == {
        frozenset({"acme", "bolt"}),
        frozenset({"zeta", "kestrel"}),
    }


def test_a_deal_word_inside_a_company_name_is_no_deal_word():
    assert deals("Venture Norte and Acme both reported higher sales.") == []


def test_a_parent_named_in_apposition_is_no_party():
    text = "Bolt, a unit of Zeta, will buy 2 million barrels of oil from Kestrel."

    assert set(roles(deal(text))) == {"bolt", "kestrel"}


def test_a_company_joined_in_a_deal_is_no_party_to_it():
    assert set(roles(deal("Zeta joined Acme in investing in Kestrel."))) == {"zeta", "kestrel"}


def test_a_bank_hired_for_a_deal_advises_it_throughout_the_story():
    text = (
        "Acme hired Lazard to find a buyer for a unit. The sale being explored by Lazard might "
        "lead to a sale of Acme's plant in Lyon. Acme also agreed to buy Bolt."
    )

    assert [set(roles(d)) for d in deals(text)] == [{"acme", "bolt"}]


def test_a_firms_lawyer_acting_for_a_client_makes_the_firm_an_adviser():
    proposal = deal("Lazard Paris partner Ann Lee represented Bolt on its purchase of Zeta.")

    assert set(roles(proposal)) == {"bolt", "zeta"}


def test_the_two_companies_are_the_pair_of_the_deal_being_told():
    text = (
        "Acme and Bolt extended their alliance. Zeta shares fell. "
        "The two companies will widen their alliance to customers of Bolt."
    )

    assert [set(roles(d)) for d in deals(text)] == [{"acme", "bolt"}]


def test_the_parties_refer_back_to_the_deal():
    text = "Acme is to acquire Bolt. The parties also signed a shareholders' agreement."

    proposal = deal(text)
    assert (proposal.agreement_kind, proposal.status) == ("acquisition", "signed")


def test_a_stake_sold_to_a_buyer_makes_the_buyer_the_investor():
    proposal = deal("Acme sold its 20% stake in Zeta to Bolt for $90 million.")

    assert proposal.agreement_kind == "investment"
    assert roles(proposal) == {"acme": "seller", "zeta": "investee", "bolt": "investor"}


@pytest.mark.parametrize(
    "text",
    [
        "Acme will buy renewable power from Kestrel's wind farms for 15 years.",
        "Acme signed a power purchase agreement with Kestrel for its wind farms.",
    ],
)
def test_buying_power_is_supply_from_the_generator(text):
    proposal = deal(text)

    assert proposal.agreement_kind == "supply"
    assert roles(proposal) == {"acme": "customer", "kestrel": "supplier"}


def test_a_bid_for_a_company_is_a_planned_acquisition():
    proposal = deal("Zeta launched a $4 billion bid for Norvik on Monday.")

    assert (proposal.agreement_kind, proposal.status) == ("acquisition", "planned")
    assert roles(proposal) == {"zeta": "acquirer", "norvik": "target"}


@pytest.mark.parametrize(
    "text",
    [
        "Acme is in advanced talks to buy Bolt.",
        "Acme is nearing a deal to buy Bolt.",
    ],
)
def test_talks_and_a_near_deal_are_planned(text):
    assert deal(text).status == "planned"
