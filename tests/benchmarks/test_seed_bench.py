"""seed_bench: a synthetic newsroom whose every row is as valid as an editor's."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db.models import Count

from articles.models import Article, PageView, Ranking
from articles.search import matching
from deals.models import Agreement, Party
from registry.models import Company
from structuring.models import Annotation
from tests.api.conftest import Api, issue_key

pytestmark = pytest.mark.django_db


def seed(*args: str) -> str:
    out = StringIO()
    call_command("seed_bench", *args, stdout=out, stderr=StringIO())
    return out.getvalue()


def test_seed_bench_builds_live_stories_of_600_to_1200_words_with_about_30_mentions():
    message = seed("--stories", "40", "--companies", "60")

    stories = list(Article.objects.live().filter(slug__startswith="seed-"))
    assert len(stories) == 40
    assert "Seeded 40 stories, 60 companies" in message
    for story in stories:
        assert 600 <= len(story.body.split()) <= 1200, story.slug
        assert story.byline
    per_story = Annotation.objects.values("article_id").annotate(n=Count("id"))
    counts = [row["n"] for row in per_story]
    assert len(counts) == 40
    assert 25 <= sum(counts) / len(counts) <= 40


def test_every_seeded_annotation_is_confirmed_anchored_and_quotes_its_words():
    seed("--stories", "15", "--companies", "30")

    bodies = dict(Article.objects.values_list("id", "body"))
    annotations = list(Annotation.objects.all())
    assert annotations
    for a in annotations:
        body = bodies[a.article_id]
        assert body[a.start : a.end] == a.exact
        assert body[: a.start].endswith(a.prefix) and body[a.end :].startswith(a.suffix)
        assert (a.review_state, a.anchor_state) == ("confirmed", "anchored")
        assert (a.company_id is None) != (a.agreement_id is None)
        assert not a.text_errors(body)
    assert Annotation.objects.public().count() == len(annotations)


def test_seeded_deals_have_two_to_four_parties_named_in_the_stories_that_report_them():
    seed("--stories", "20", "--companies", "30")

    parties = Party.objects.values("agreement_id").annotate(n=Count("id"))
    assert all(2 <= row["n"] <= 4 for row in parties)
    reported = Annotation.objects.filter(kind="agreement").select_related("agreement")
    assert reported.exists()
    for mention in reported:
        named = set(
            Annotation.objects.filter(article_id=mention.article_id, kind="company").values_list(
                "company_id", flat=True
            )
        )
        assert len(named & set(mention.agreement.parties.values_list("company_id", flat=True))) >= 2


def test_the_seeded_newsroom_is_searchable_ranked_viewed_and_served_by_the_api():
    seed("--stories", "20", "--companies", "30")

    assert matching("shareholders").exists()
    assert Ranking.objects.filter(slug__startswith="seed-").count() == 2
    assert PageView.objects.exists()
    assert Company.objects.filter(aliases__isnull=False).distinct().count() == 30
    api = Api(issue_key()[1])
    story = api.json("articles/", {"page_size": 1})["results"][0]
    assert len(story["mentions"]) >= 20 and story["agreements"]
    assert api.json(f"agreements/{Agreement.objects.first().slug}/")["parties"]


def test_a_second_run_adds_a_second_newsroom_beside_the_first():
    seed("--stories", "5", "--companies", "10")
    first = set(Article.objects.values_list("slug", flat=True))

    seed("--stories", "7", "--companies", "10")

    assert Article.objects.live().count() == 12
    assert first < set(Article.objects.values_list("slug", flat=True))
    assert Company.objects.count() == 20


@pytest.mark.parametrize("args", [["--stories", "0"], ["--companies", "-3"], ["--companies", "3"]])
def test_bad_counts_are_refused_with_a_clear_error(args):
    with pytest.raises(CommandError):
        seed(*args)
    assert not Article.objects.exists()
