import shutil

import pytest
from django.core.management import CommandError, call_command

from articles.models import Article, Byline, Ranking, RankingEntry, Reporter, WorkingCopy
from tests.factories import ArticleFactory, SectionFactory

pytestmark = pytest.mark.django_db


def snapshot() -> dict:
    """Everything an import may write, to compare a database before and after."""
    return {
        "articles": list(
            Article.objects.order_by("pk").values_list("pk", "slug", "headline", "body", "version")
        ),
        "history": Article.history.count(),
        "reporters": list(Reporter.objects.order_by("pk").values_list("pk", "name", "email")),
        "bylines": list(Byline.objects.order_by("pk").values_list("pk", "article", "reporter")),
        "rankings": list(Ranking.objects.order_by("pk").values_list("pk", "slug")),
        "entries": list(
            RankingEntry.objects.order_by("pk").values_list("pk", "position", "title", "article")
        ),
    }


def test_importing_the_seed_gives_headline_byline_body_and_two_lists(seed_path):
    call_command("import_stories", str(seed_path))

    article = Article.objects.get()
    assert article.headline == "China Telecom Dials Up Deeper Partnerships With AT&T, Orange"
    assert [(r.name, r.email) for r in article.byline] == [("Yang Ge", "geyang@caixin.com")]
    assert "Contact reporter" not in article.body
    assert "UnionPay" not in article.body
    assert article.status == Article.Status.DRAFT
    lists = list(article.rankings.order_by("position"))
    assert [r.entries.count() for r in lists] == [5, 5]
    assert lists[0].entries.get(position=1).title.startswith("Cover Story: Why Modi")


def test_importing_the_seed_twice_changes_nothing(seed_path, capsys):
    call_command("import_stories", str(seed_path))
    before = snapshot()

    call_command("import_stories", str(seed_path))

    assert snapshot() == before
    assert "1 unchanged" in capsys.readouterr().out


def test_changed_file_updates_the_same_story(tmp_path, seed_path):
    copy = tmp_path / "story.txt"
    shutil.copy(seed_path, copy)
    call_command("import_stories", str(copy))
    article = Article.objects.get()

    copy.write_text(seed_path.read_text().replace("smallest", "youngest"))
    call_command("import_stories", str(copy))

    article.refresh_from_db()
    assert Article.objects.count() == 1
    assert "youngest of the nation" in article.body
    assert article.version == 2


def test_a_changed_file_of_a_published_story_waits_for_an_editor(tmp_path, seed_path, capsys):
    SectionFactory(slug="business")
    copy = tmp_path / "story.txt"
    shutil.copy(seed_path, copy)
    call_command("import_stories", str(copy), "--section", "business", "--publish")
    article = Article.objects.get()

    copy.write_text(seed_path.read_text().replace("smallest", "youngest"))
    call_command("import_stories", str(copy))

    article.refresh_from_db()
    assert "youngest of the nation" not in article.body
    assert "youngest of the nation" in WorkingCopy.objects.get(article=article).body
    assert "1 waiting for an editor" in capsys.readouterr().out


def test_malformed_file_fails_with_its_name_and_line_and_writes_nothing(fixtures_dir, capsys):
    bad = fixtures_dir / "bad" / "bad-list.txt"

    with pytest.raises(CommandError):
        call_command("import_stories", str(bad))

    err = capsys.readouterr().err
    assert f"{bad}:5:" in err
    assert snapshot()["articles"] == []
    assert Reporter.objects.count() == 0


def test_good_files_import_while_bad_ones_fail_in_the_same_run(fixtures_dir, capsys):
    with pytest.raises(CommandError, match="11 file"):
        call_command("import_stories", str(fixtures_dir / "stories"), str(fixtures_dir / "bad"))

    out = capsys.readouterr().out
    assert "3 created" in out
    assert "11 failed" in out
    assert Article.objects.count() == 3


def test_missing_path_is_reported_as_a_failure(tmp_path, capsys):
    with pytest.raises(CommandError):
        call_command("import_stories", str(tmp_path / "nope.txt"))

    assert "no such file" in capsys.readouterr().err


def test_unknown_section_is_refused_before_anything_is_written(seed_path):
    with pytest.raises(CommandError, match="Unknown section 'nope'"):
        call_command("import_stories", str(seed_path), "--section", "nope")

    assert Article.objects.count() == 0


def test_publish_and_section_options_apply(seed_path):
    section = SectionFactory(slug="business")

    call_command("import_stories", str(seed_path), "--publish", "--section", "business")

    article = Article.objects.get()
    assert article.section == section
    assert Article.objects.live().get() == article


def test_reporter_is_matched_by_email_not_duplicated(seed_path):
    existing = Reporter.objects.create(name="Ge Yang", slug="ge-yang", email="GeYang@Caixin.com")

    call_command("import_stories", str(seed_path))

    assert Reporter.objects.get() == existing
    assert Article.objects.get().byline == [existing]


def test_list_entries_link_to_stories_in_the_database(seed_path):
    linked = ArticleFactory(headline="XPeng Partners With Magna to Build EVs in Europe", live=True)

    call_command("import_stories", str(seed_path))

    entry = RankingEntry.objects.get(title=linked.headline)
    assert entry.article == linked
    assert RankingEntry.objects.filter(article__isnull=True).count() == 9


def test_story_imported_later_is_linked_from_earlier_lists(seed_path, tmp_path):
    call_command("import_stories", str(seed_path))
    later = tmp_path / "later.txt"
    later.write_text(
        "Intel Names New China Chief Amid Business Transition and Market Shifts\n\nText.\n"
    )

    call_command("import_stories", str(later))

    entry = RankingEntry.objects.get(title__startswith="Intel Names")
    assert (
        entry.article.slug
        == "intel-names-new-china-chief-amid-business-transition-and-market-shifts"
    )


def test_ninjs_import_is_idempotent_by_uri(fixtures_dir):
    path = fixtures_dir / "stories" / "minimal.json"
    call_command("import_stories", str(path))
    before = snapshot()

    call_command("import_stories", str(path))

    assert snapshot() == before
    article = Article.objects.get()
    assert article.slug == "minimal-ninjs-story"
    assert article.source_uri == "urn:newsroom:test:minimal-1"
    assert [r.name for r in article.byline] == ["Ana Ruiz", "Tom Baker"]


def test_the_seeds_advertiser_list_is_imported_as_sponsored_content_with_its_sponsor(seed_path):
    SectionFactory(slug="business", name="Business")
    call_command("import_stories", str(seed_path), "--section", "business")

    editorial, sponsored = Article.objects.get().rankings.order_by("position")
    assert (editorial.kind, editorial.title) == ("editorial", "More from Business")
    assert (sponsored.kind, sponsored.title) == ("partner", "From our partners: UnionPay")
    assert set(sponsored.entries.values_list("sponsor", flat=True)) == {"UnionPay"}
    assert not sponsored.entries.exclude(article=None).exists()


def test_a_list_of_stories_about_one_country_stays_editorial():
    from articles.story_format import ParsedEntry, sponsor_of

    titles = [
        "China Cuts Rates Again",
        "China Steel Output Falls",
        "Why China Buys Less Oil",
        "China Opens Bond Market",
        "Tesla Sales Slow",
    ]

    assert sponsor_of([ParsedEntry(i, t) for i, t in enumerate(titles, 1)]) == ""


def test_an_editorial_entry_shows_once_its_story_is_imported_and_live(
    seed_path, client, tmp_path, django_capture_on_commit_callbacks
):
    SectionFactory(slug="business", name="Business")
    call_command("import_stories", str(seed_path), "--section", "business", "--publish")
    story = Article.objects.get()
    page = client.get(story.get_absolute_url()).content.decode()
    assert "XPeng Partners With Magna to Build EVs in Europe" not in page

    later = tmp_path / "xpeng.txt"
    later.write_text("XPeng Partners With Magna to Build EVs in Europe\n\nOur own words here.\n")
    with django_capture_on_commit_callbacks(execute=True):
        call_command("import_stories", str(later), "--section", "business", "--publish")

    page = client.get(story.get_absolute_url()).content.decode()
    assert "XPeng Partners With Magna to Build EVs in Europe" in page
