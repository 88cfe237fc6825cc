"""The suggestion engine's behaviour, one rule a test, plus properties for any text."""

from hypothesis import given, settings
from hypothesis import strategies as st

from articles.story_format import parse_story_text
from engine import Registry, RegistryAgreement, RegistryCompany, RegistryPerson, suggest
from engine.gazetteer import Matcher
from engine.tokens import sentences
from tests.engine.gold import gold_registry

REGISTRY = gold_registry()
MATCHER = Matcher(REGISTRY.companies)


def run(text: str, registry: Registry = REGISTRY):
    return suggest(text, registry, MATCHER if registry is REGISTRY else None)


def companies(text: str) -> list[tuple[str, str]]:
    return [(s.exact, s.company) for s in run(text) if s.kind == "company"]


def test_whole_words_only():
    assert companies("ATT&Tx and Nokian tyres beat Huaweis") == []
    assert companies("Nokia-made gear") == [("Nokia", "nokia")]


def test_possessive_mention_stops_before_the_apostrophe():
    assert companies("China Telecom’s earnings and Huawei's phones") == [
        ("China Telecom", "china-telecom"),
        ("Huawei", "huawei"),
    ]


def test_longest_name_wins_over_a_shorter_name_inside_it():
    found = companies("Shanghai Symphony Telecommunications Co. Ltd. opened an office.")

    assert found == [("Shanghai Symphony Telecommunications Co. Ltd.", "shanghai-symphony")]


def test_common_word_name_needs_its_exact_case():
    assert companies("a bowl of orange slices; orange said nothing") == []
    assert companies("Analysts expect Orange to raise prices.") == [("Orange", "orange")]


def test_common_word_at_sentence_start_with_an_ordinary_noun_is_not_a_company():
    assert companies("Target prices for steel fell. Apple orchards flooded.") == []


def test_all_capitals_headline_matches_common_word_names():
    assert ("ORANGE", "orange") in companies("CHINA TELECOM EXTENDS PARTNERSHIP WITH ORANGE")


def test_unicode_names_and_symbols_have_exact_offsets():
    text = "Ünïcode first: Société Générale, then Nestlé and AT&T."

    for s in run(text):
        assert text[s.start : s.end] == s.exact
    assert [c for _, c in companies(text)] == ["societe-generale", "nestle", "att"]


def test_new_company_with_legal_suffix_is_proposed_with_a_short_alias():
    [new] = [
        s
        for s in run("Deal talks with Harbourline Shipping Co. Ltd. resumed.")
        if s.kind == "new_company"
    ]

    assert new.name == "Harbourline Shipping Co. Ltd."
    assert new.aliases == ["Harbourline Shipping"]
    assert "legal suffix" in new.why


def test_legal_suffix_after_a_known_short_name_links_to_that_company():
    registry = Registry(companies=(RegistryCompany("att", "AT&T"),))

    [mention] = suggest("Talks with AT&T Inc. ended.", registry)

    assert (mention.kind, mention.exact, mention.company) == ("company", "AT&T Inc.", "att")


def test_agreement_points_at_the_existing_deal_between_the_same_parties():
    [deal] = [
        s
        for s in run("China Telecom and AT&T will widen their joint venture.")
        if s.kind == "agreement"
    ]

    assert deal.agreement == "china-telecom-att-jv"
    assert "same kind and parties as china-telecom-att-jv" in deal.why


def test_passive_acquisition_gives_acquirer_and_target():
    [deal] = [s for s in run("DirecTV was bought by TPG last year.") if s.kind == "agreement"]

    assert {p["company"]: p["role"] for p in deal.parties} == {
        "tpg": "acquirer",
        "directv": "target",
    }


def test_company_named_without_a_deal_gives_no_agreement():
    assert not [
        s for s in run("Nokia and Ericsson reported weaker sales.") if s.kind == "agreement"
    ]


def test_quote_speaker_matches_a_known_person():
    [quote] = [
        s
        for s in run(
            "“Growth will come from abroad,” said Deng Xiaofeng, China Telecom’s managing director of global business."
        )
        if s.kind == "quote"
    ]

    assert (quote.person, quote.title, quote.organisation) == (
        "deng-xiaofeng",
        "managing director of global business",
        "china-telecom",
    )


def test_unknown_speaker_is_proposed_with_title_and_organisation():
    [person] = [
        s for s in run("“Prices fall,” said Jefferies analyst Ravi Menon.") if s.kind == "person"
    ]

    assert (person.person, person.name, person.title, person.organisation) == (
        None,
        "Ravi Menon",
        "analyst",
        "jefferies",
    )


def test_every_suggestion_explains_itself():
    for s in run("China Telecom extended its partnership with Orange SA into IoT in Asia."):
        assert s.why


def test_seed_story_gives_the_two_deals_and_two_speakers(seed_path):
    body = parse_story_text(seed_path.read_bytes()).body
    registry = Registry(
        companies=(
            RegistryCompany("china-telecom", "China Telecom"),
            RegistryCompany("att", "AT&T", (("AT&T Inc.", False),)),
            RegistryCompany("orange", "Orange", (("Orange", True), ("Orange SA", False))),
            RegistryCompany("jefferies", "Jefferies"),
        ),
        agreements=(
            RegistryAgreement("ct-att", "joint_venture", frozenset({"china-telecom", "att"})),
        ),
        people=(RegistryPerson("deng-xiaofeng", "Deng Xiaofeng"),),
    )

    found = suggest(body, registry)

    deals = [s for s in found if s.kind == "agreement"]
    assert [d.agreement_kind for d in deals] == ["joint_venture", "partnership"]
    jv, partnership = deals
    assert {p["company"] for p in jv.parties} == {"china-telecom", "att"}
    assert jv.status == "extended"
    assert jv.agreement == "ct-att"
    assert jv.resulting_company == "Shanghai Symphony Telecommunications Co. Ltd."
    assert set(jv.sectors) == {"IoT", "Cloud", "Big data"}
    assert jv.date == "20 years ago"
    assert {p["company"] for p in partnership.parties} == {"china-telecom", "orange"}
    assert partnership.status == "extended"
    assert partnership.sectors == ["IoT"]
    assert set(partnership.regions) == {"Asia", "Europe", "Africa"}
    speakers = [s.name for s in found if s.kind == "quote"]
    assert speakers == ["Deng Xiaofeng", "Deng Xiaofeng", "Edison Lee", "Edison Lee"]
    people = [(s.name, s.person) for s in found if s.kind == "person"]
    assert people == [("Deng Xiaofeng", "deng-xiaofeng"), ("Edison Lee", None)]
    assert [m["exact"] for m in jv.extra["mentions"]] == ["joint venture", "venture", "agreement"]
    assert [m["exact"] for m in partnership.extra["mentions"]] == ["deal", "partnership"]
    assert partnership.exact == "partnership"  # the clearest mention names both parties
    assert {p["role"] for p in jv.parties + partnership.parties} == {"partner"}


def test_sentences_split_after_a_legal_suffix_that_ends_one():
    text = "It works with AT&T Inc. The pair met. Shanghai Co. Ltd. grew."

    assert [text[a:b] for a, b in sentences(text)] == [
        "It works with AT&T Inc.",
        "The pair met.",
        "Shanghai Co. Ltd. grew.",
    ]


names = st.sampled_from([c.name for c in REGISTRY.companies] + ["AT&T Inc.", "Orange SA"])
deal_words = st.sampled_from(
    [" agreed to buy ", " and the joint venture ", " for $5bn. The deal ", " 18% stake in "]
)
filler = st.text(alphabet=st.characters(blacklist_categories=["Cs"]), max_size=30)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(filler, names | deal_words), max_size=6), filler)
def test_offsets_are_exact_for_any_text(parts, tail):
    text = "".join(a + b for a, b in parts) + tail

    for s in run(text):
        assert 0 <= s.start < s.end <= len(text)
        assert text[s.start : s.end] == s.exact
        assert s.why
        for span in s.extra.get("mentions", []) + s.extra.get("terms", []):
            assert text[span["start"] : span["end"]] == span["exact"]


@settings(max_examples=200, deadline=None)
@given(st.lists(names, min_size=1, max_size=5))
def test_names_between_spaces_are_all_found(chosen):
    text = "Today " + " and ".join(chosen) + " spoke."

    found = {s.start for s in run(text) if s.kind == "company"}

    starts, position = [], 0
    for name in chosen:
        starts.append(text.index(name, position))
        position = starts[-1] + len(name)
    assert set(starts) <= found


def test_acronym_names_are_not_ordinary_words_whatever_follows():
    registry = Registry(companies=(RegistryCompany("rasog", "Rasog Group", (("RASOG", True),)),))

    [mention] = suggest("Traders said RASOG markets its bonds abroad.", registry)

    assert (mention.exact, mention.company) == ("RASOG", "rasog")


def test_a_legal_suffix_form_kept_out_of_the_automaton_is_still_found_as_itself():
    registry = Registry(
        companies=(
            RegistryCompany("kestrel", "Kestrel Pharma", (("Kestrel Pharma Holdings", False),)),
            RegistryCompany("acme", "Acme", (("ACME", True), ("Acme Inc.", False))),
        )
    )
    matcher = Matcher(registry.companies)
    text = "Kestrel Pharma Holdings and Acme Inc. agreed; Kestrel Pharma holdings rose; Acme Inc"

    found = [(m.start, m.end, m.name.slug, m.name.source) for m in matcher.find(text)]

    assert [text[a:b] for a, b, _, _ in found] == [
        "Kestrel Pharma Holdings",
        "Acme Inc.",
        "Kestrel Pharma holdings",
        "Acme",
    ]
    assert [source for *_, source in found] == ["alias", "alias", "alias", "name"]
    assert ("kestrel pharma holdings", matcher.suffixed[0]) in set(matcher.spellings())
