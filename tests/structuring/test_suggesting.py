import json

import pytest
from django.core.management import CommandError, call_command

from structuring.models import Annotation
from structuring.services import annotation_confirm
from structuring.suggesting import refresh_suggestions
from tests.factories import (
    AgreementFactory,
    AnnotationFactory,
    ArticleFactory,
    CompanyAliasFactory,
    CompanyFactory,
    PartyFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

BODY = "China Telecom extended its partnership with Orange SA into IoT in Asia."


@pytest.fixture
def registry():
    china_telecom = CompanyFactory(name="China Telecom", slug="china-telecom")
    orange = CompanyFactory(name="Orange", slug="orange", legal_name="Orange SA")
    CompanyAliasFactory(company=orange, name="Orange", case_sensitive=True)
    return china_telecom, orange


def pending(article):
    return article.annotations.filter(review_state=Annotation.ReviewState.SUGGESTED)


def test_suggestions_are_stored_as_suggested_annotations_with_their_reasons(registry):
    article = ArticleFactory(body=BODY)

    refresh_suggestions(article)

    stored = {(a.kind, a.exact, a.source) for a in pending(article)}
    assert ("company", "China Telecom", "gazetteer") in stored
    assert ("company", "Orange SA", "gazetteer") in stored
    assert ("agreement", "partnership", "rule") in stored
    deal = pending(article).get(kind="agreement")
    assert deal.proposal["agreement_kind"] == "partnership"
    assert deal.proposal["status"] == "extended"
    assert all(a.why for a in pending(article))


def test_running_again_keeps_the_same_suggestions(registry):
    article = ArticleFactory(body=BODY)
    refresh_suggestions(article)
    before = sorted(pending(article).values_list("pk", flat=True))

    outcome = refresh_suggestions(article)

    assert outcome["created"] == 0
    assert sorted(pending(article).values_list("pk", flat=True)) == before


def test_no_suggestion_over_a_span_an_editor_confirmed(registry):
    china_telecom, _ = registry
    article = ArticleFactory(body=BODY)
    confirmed = AnnotationFactory(article=article, words="China Telecom", company=china_telecom)

    refresh_suggestions(article)

    assert not pending(article).filter(start=confirmed.start, kind="company").exists()
    confirmed.refresh_from_db()
    assert confirmed.review_state == Annotation.ReviewState.CONFIRMED


def test_rejected_suggestion_never_comes_back(registry):
    article = ArticleFactory(body=BODY)
    refresh_suggestions(article)
    rejected = pending(article).get(exact="Orange SA")
    rejected.review_state = Annotation.ReviewState.REJECTED
    rejected.save()

    refresh_suggestions(article)
    article.body = "Shares rose. " + BODY
    article.save()

    assert not pending(article).filter(exact="Orange SA").exists()
    assert article.annotations.filter(review_state="rejected").count() == 1


def test_editing_the_body_refreshes_suggestions_without_touching_decisions(
    registry, django_capture_on_commit_callbacks
):
    china_telecom, _ = registry
    article = ArticleFactory(body=BODY)
    confirmed = AnnotationFactory(article=article, words="China Telecom", company=china_telecom)
    refresh_suggestions(article)

    article.body = BODY.replace("in Asia", "in Asia and Africa")
    with django_capture_on_commit_callbacks(execute=True):  # suggestions follow the commit
        article.save()

    assert pending(article).get(kind="agreement").proposal["regions"] == ["Asia", "Africa"]
    assert Annotation.objects.get(pk=confirmed.pk).review_state == "confirmed"


def test_suggestion_points_at_the_existing_agreement(registry):
    china_telecom, orange = registry
    agreement = AgreementFactory(kind="partnership", slug="ct-orange")
    PartyFactory(agreement=agreement, company=china_telecom)
    PartyFactory(agreement=agreement, company=orange)
    article = ArticleFactory(body=BODY)

    refresh_suggestions(article)

    assert pending(article).get(kind="agreement").agreement == agreement


def test_registry_change_is_seen_by_the_next_run(registry):
    article = ArticleFactory(body="Huawei and China Telecom met.")
    refresh_suggestions(article)
    assert not pending(article).filter(exact="Huawei").exists()

    CompanyFactory(name="Huawei", slug="huawei")
    refresh_suggestions(article)

    assert pending(article).get(exact="Huawei").company.slug == "huawei"


def test_suggest_text_json_prints_suggestions_and_writes_nothing(registry, tmp_path, capsys):
    path = tmp_path / "story.txt"
    path.write_text(BODY)

    call_command("suggest", "--text", str(path), "--json")

    items = json.loads(capsys.readouterr().out)
    assert Annotation.objects.count() == 0
    company = next(i for i in items if i["kind"] == "company")
    assert {"kind", "start", "end", "exact", "confidence", "why", "company"} <= company.keys()
    deal = next(i for i in items if i["kind"] == "agreement")
    assert deal["parties"] == [
        {"company": "china-telecom", "role": "partner"},
        {"company": "orange", "role": "partner"},
    ]
    assert deal["agreement"] is None or isinstance(deal["agreement"], str)
    assert {"agreement_kind", "status", "sectors", "regions"} <= deal.keys()


def test_suggest_stores_for_named_stories_and_dry_run_stores_nothing(registry, capsys):
    article = ArticleFactory(body=BODY, slug="the-story")

    call_command("suggest", "the-story", "--dry-run")
    assert Annotation.objects.count() == 0

    call_command("suggest", "the-story")
    assert pending(article).count() >= 3
    assert "the-story:" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ((), "Name stories by slug, or pass --all"),
        (("missing-story",), "No story with slug: missing-story"),
        (("--text", "/nonexistent/file.txt"), "/nonexistent/file.txt"),
    ],
)
def test_suggest_refuses_bad_arguments_clearly(args, message):
    with pytest.raises(CommandError, match=message):
        call_command("suggest", *args)


def test_matcher_is_kept_until_the_registry_changes(registry):
    from structuring.suggesting import load_registry

    _, first = load_registry()
    _, again = load_registry()
    assert again is first

    CompanyAliasFactory(company=registry[0], name="CT")
    _, rebuilt = load_registry()

    assert rebuilt is not first


def test_suggest_text_json_gives_one_agreement_item_per_deal_with_all_its_mentions(
    registry, tmp_path, capsys
):
    text = (
        "China Telecom extended its partnership with Orange SA into IoT. The tie-up will cover "
        "Africa, and the agreement runs for $20 million a year."
    )
    path = tmp_path / "story.txt"
    path.write_text(text)

    call_command("suggest", "--text", str(path), "--json")

    [deal] = [i for i in json.loads(capsys.readouterr().out) if i["kind"] == "agreement"]
    assert [m["exact"] for m in deal["mentions"]] == ["partnership", "tie-up", "agreement"]
    assert (deal["start"], deal["end"], deal["exact"]) == (
        text.index("partnership"),
        text.index("partnership") + len("partnership"),
        "partnership",
    )
    for mention in deal["mentions"]:
        assert text[mention["start"] : mention["end"]] == mention["exact"]
    assert {"term", "start", "end", "exact"} <= deal["terms"][0].keys()


def test_accepting_a_deal_links_every_mention_to_one_agreement_and_skips_tagged_words(registry):
    editor = UserFactory(is_superuser=True, is_staff=True)
    article = ArticleFactory(
        body="China Telecom extended its partnership with Orange SA. The tie-up covers Asia, "
        "and the agreement runs to 2030."
    )
    refresh_suggestions(article)
    deal = pending(article).get(kind="agreement")
    AnnotationFactory(
        article=article,
        words="agreement",
        kind="agreement",
        company=None,
        agreement=AgreementFactory(),
        review_state="rejected",
    )

    annotation_confirm(deal, by=editor)

    confirmed = article.annotations.filter(kind="agreement", review_state="confirmed")
    assert sorted(a.exact for a in confirmed) == ["partnership", "tie-up"]
    assert len({a.agreement_id for a in confirmed}) == 1
