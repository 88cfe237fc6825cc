"""Edits of a published story wait in a working copy until an editor publishes them."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from articles import services, working
from articles.models import Article, WorkingCopy
from tests.articles.test_admin import change_url, form_data, logged_in
from tests.factories import AnnotationFactory, ArticleFactory, SectionFactory
from tests.groups import user_in

pytestmark = pytest.mark.django_db


def workflow(client, article, action, **data):
    """Act on the changes as the changes page offers it: naming the revision it showed."""
    copy = WorkingCopy.objects.filter(article=article).first()
    data.setdefault("revision", copy.revision if copy else 0)
    return client.post(
        reverse("admin:articles_article_workflow", args=[article.pk, action]), data, follow=True
    )


def public(client, article):
    return client.get(article.get_absolute_url()).content.decode()


def test_an_editors_save_of_a_live_story_waits_and_readers_see_the_live_text(client):
    logged_in(client)
    article = ArticleFactory(live=True, signed=True, headline="What readers see")

    response = client.post(change_url(article), form_data(article, headline="Not yet"), follow=True)

    article.refresh_from_db()
    assert article.headline == "What readers see"
    assert WorkingCopy.objects.get(article=article).headline == "Not yet"
    page = response.content.decode()
    assert "readers see them once you publish them" in page
    assert "changed successfully" not in page
    assert 'value="Not yet"' in page  # the form shows the changes
    assert "What readers see" in public(client, article)
    assert "Not yet" not in public(client, article)
    api = services.Article.objects.live().get(pk=article.pk)
    assert api.headline == "What readers see"


def test_a_reporters_edit_of_a_live_story_waits_for_an_editor_who_publishes_it(client):
    reporter = logged_in(client, group="Reporter")
    article = ArticleFactory(live=True, signed=True, headline="Live headline")

    client.post(change_url(article), form_data(article, headline="The reporter's fix"))
    submitted = workflow(client, article, "submit_changes")
    refused = workflow(client, article, "publish_changes")

    copy = WorkingCopy.objects.get(article=article)
    assert (copy.created_by, copy.submitted_by) == (reporter, reporter)
    assert "The changes wait for an editor" in submitted.content.decode()
    assert "Only an editor may publish" in refused.content.decode()
    article.refresh_from_db()
    assert article.headline == "Live headline"

    editor = logged_in(client)
    workflow(client, article, "publish_changes")

    article.refresh_from_db()
    assert article.headline == "The reporter's fix"
    assert not WorkingCopy.objects.filter(article=article).exists()
    record = article.history.order_by("history_date").last()
    assert record.history_user == editor
    assert "published the working copy" in record.history_change_reason
    assert "The reporter&#x27;s fix" in public(client, article)


def test_save_and_publish_changes_puts_an_editors_edit_live_in_one_step(client):
    logged_in(client)
    article = ArticleFactory(live=True, signed=True, dek="")

    client.post(change_url(article), form_data(article, dek="A new standfirst", _publish_changes=1))

    article.refresh_from_db()
    assert article.dek == "A new standfirst"
    assert not WorkingCopy.objects.filter(article=article).exists()


def test_publishing_changes_goes_through_the_publish_checks_with_every_reason(client):
    logged_in(client)
    article = ArticleFactory(live=True, signed=True, headline="Filed")

    client.post(change_url(article), form_data(article, headline="Unfiled", section=""))
    response = workflow(client, article, "publish_changes")

    assert "section" in response.content.decode().lower()
    article.refresh_from_db()
    assert article.headline == "Filed" and article.section_id is not None
    assert WorkingCopy.objects.get(article=article).headline == "Unfiled"  # nothing lost


def test_restoring_a_revision_of_a_live_story_makes_a_working_copy_never_a_live_change(client):
    logged_in(client)
    article = ArticleFactory(live=True, signed=True, headline="First")
    services.article_update(
        article, by=user_in("Editor"), expected_version=article.version, changes={}
    )
    Article.objects.filter(pk=article.pk).update(headline="Second")  # as if published since
    first = article.history.order_by("history_date").first()

    client.post(reverse("admin:articles_article_restore", args=[article.pk, first.history_id]))

    article.refresh_from_db()
    assert article.headline == "Second"
    copy = WorkingCopy.objects.get(article=article)
    assert copy.headline == "First"
    assert copy.history.last().history_change_reason.startswith("restored the revision")


def test_a_reporter_may_restore_a_revision_of_a_live_story_only_as_changes_waiting(client):
    logged_in(client, group="Reporter")
    article = ArticleFactory(live=True, signed=True, headline="First")
    editor = user_in("Editor")
    services.article_update(article, by=editor, expected_version=1, changes={"headline": "Two"})
    working.working_copy_publish(article, by=editor)
    first = article.history.order_by("history_date").first()

    client.post(reverse("admin:articles_article_restore", args=[article.pk, first.history_id]))

    article.refresh_from_db()
    assert article.headline == "Two"
    assert WorkingCopy.objects.get(article=article).headline == "First"


def test_changes_page_shows_the_diff_and_what_publishing_would_do_to_the_structure(client):
    logged_in(client)
    article = ArticleFactory(live=True, signed=True, body="Orange signed with AT&T. More.")
    AnnotationFactory(article=article, words="Orange")
    client.post(change_url(article), form_data(article, body="Orang signed with AT&T. More."))

    page = client.get(reverse("admin:articles_article_changes", args=[article.pk]))

    text = page.content.decode()
    assert "<del>Orange</del>" in text and "<ins>Orang</ins>" in text
    assert "“Orange” would need review" in text
    assert "Publish changes" in text


def test_saving_what_is_already_live_leaves_nothing_waiting(client):
    logged_in(client)
    article = ArticleFactory(live=True, signed=True)

    response = client.post(change_url(article), form_data(article), follow=True)

    assert not WorkingCopy.objects.filter(article=article).exists()
    assert "the same as the published story" in response.content.decode()


def test_two_editors_changing_different_fields_of_the_changes_keep_both(client):
    logged_in(client)
    article = ArticleFactory(live=True, signed=True, headline="H", dek="D")
    opened = form_data(article)
    opened["copy_opened"] = 0
    client.post(change_url(article), {**opened, "headline": "Their headline"})
    copy = WorkingCopy.objects.get(article=article)

    client.post(change_url(article), {**opened, "dek": "My dek"})

    copy.refresh_from_db()
    assert (copy.headline, copy.dek) == ("Their headline", "My dek")
    article.refresh_from_db()
    assert (article.headline, article.dek) == ("H", "D")


def test_two_editors_changing_the_same_field_choose_which_to_keep(client):
    logged_in(client)
    article = ArticleFactory(live=True, signed=True, headline="H")
    opened = {**form_data(article), "copy_opened": 0}
    client.post(change_url(article), {**opened, "headline": "Theirs"})

    conflict = client.post(change_url(article), {**opened, "headline": "Mine"})
    chosen = client.post(
        change_url(article), {**opened, "headline": "Mine", "resolve_headline": "mine"}
    )

    assert "choose which version to keep" in conflict.content.decode()
    assert chosen.status_code == 302
    assert WorkingCopy.objects.get(article=article).headline == "Mine"


def test_only_an_editor_or_its_author_may_discard_the_changes():
    article = ArticleFactory(live=True, signed=True)
    author, other = user_in("Reporter"), user_in("Reporter")
    services.article_update(article, by=author, expected_version=1, changes={"dek": "New"})

    with pytest.raises(PermissionDenied):
        working.working_copy_discard(article, by=other)
    working.working_copy_discard(article, by=author)

    assert not WorkingCopy.objects.filter(article=article).exists()
    assert WorkingCopy.history.filter(history_change_reason="discarded").exists()


def test_a_reporter_cannot_change_the_byline_of_a_live_story(client):
    logged_in(client, group="Reporter")
    article = ArticleFactory(live=True, signed=True)
    byline = article.bylines.get()

    page = client.get(change_url(article)).content.decode()

    assert 'name="bylines-0-reporter"' not in page  # shown, not editable
    assert article.bylines.get() == byline


def test_changes_made_while_live_are_kept_when_the_story_is_withdrawn_and_saved(client):
    logged_in(client)
    article = ArticleFactory(live=True, signed=True, headline="Live")
    client.post(change_url(article), form_data(article, headline="Waiting"))
    services.article_withdraw(article, by=user_in("Editor"))
    article.refresh_from_db()

    form = client.get(change_url(article)).content.decode()
    client.post(change_url(article), form_data(article, headline="Waiting", copy_opened=1))

    assert 'value="Waiting"' in form
    article.refresh_from_db()
    assert article.headline == "Waiting"
    assert not WorkingCopy.objects.filter(article=article).exists()


def test_the_story_list_says_which_published_stories_have_changes_waiting(client):
    logged_in(client)
    article = ArticleFactory(live=True, signed=True)
    services.article_update(
        article, by=user_in("Editor"), expected_version=1, changes={"dek": "Later"}
    )

    page = client.get(reverse("admin:articles_article_changelist")).content.decode()

    assert "Published · changes waiting" in page


def test_publishing_names_the_revision_reviewed_so_a_later_save_is_not_published_unseen(client):
    article = ArticleFactory(live=True, signed=True, headline="Live")
    reporter, editor = user_in("Reporter"), user_in("Editor")
    services.article_update(article, by=reporter, expected_version=1, changes={"dek": "Seen"})
    reviewed = WorkingCopy.objects.get(article=article).revision
    services.article_update(
        article, by=reporter, expected_version=1, changes={"headline": "Unseen"}
    )
    client.force_login(editor)

    published = workflow(client, article, "publish_changes", revision=reviewed)
    discarded = workflow(client, article, "discard_changes", revision=reviewed, confirm=1)

    assert "since you looked at them" in published.content.decode()
    assert "since you looked at them" in discarded.content.decode()
    article.refresh_from_db()
    assert article.headline == "Live"
    assert WorkingCopy.objects.get(article=article).headline == "Unseen"


def test_save_and_publish_does_not_publish_someone_elses_changes_merged_in_unseen(client):
    logged_in(client)
    article = ArticleFactory(live=True, signed=True, body="Orange signed with AT&T.", dek="")
    opened = {**form_data(article), "copy_opened": 0}
    services.article_update(
        article, by=user_in("Reporter"), expected_version=1, changes={"body": "Unseen claim."}
    )

    response = client.post(
        change_url(article), {**opened, "dek": "My dek", "_publish_changes": 1}, follow=True
    )

    assert "Nothing was published" in response.content.decode()
    article.refresh_from_db()
    assert (article.body, article.dek) == ("Orange signed with AT&T.", "")
    copy = WorkingCopy.objects.get(article=article)
    assert (copy.body, copy.dek) == ("Unseen claim.", "My dek")


def test_the_change_form_acts_on_the_changes_only_by_saving_the_form_with_them(client):
    logged_in(client, group="Reporter")
    article = ArticleFactory(live=True, signed=True)
    services.article_update(
        article, by=user_in("Reporter"), expected_version=1, changes={"dek": "X"}
    )

    page = client.get(change_url(article)).content.decode()
    client.post(
        change_url(article),
        {**form_data(article, dek="Typed"), "copy_opened": 1, "_submit_changes": 1},
    )

    assert "submit_changes/" not in page and "publish_changes/" not in page
    assert 'name="_submit_changes"' in page
    copy = WorkingCopy.objects.get(article=article)
    assert copy.dek == "Typed" and copy.submitted_at is not None


def test_discarding_needs_a_tick_and_a_reporter_may_not_discard_others_work(client):
    article = ArticleFactory(live=True, signed=True)
    author, editor = user_in("Reporter"), user_in("Editor")
    services.article_update(article, by=author, expected_version=1, changes={"dek": "Mine"})
    services.article_update(article, by=editor, expected_version=1, changes={"headline": "Ed"})
    client.force_login(author)

    unticked = workflow(client, article, "discard_changes")
    refused = workflow(client, article, "discard_changes", confirm=1)

    assert "Tick" in unticked.content.decode()
    assert "someone else worked on them too" in refused.content.decode()
    assert WorkingCopy.objects.get(article=article).headline == "Ed"


def test_restoring_a_revision_never_overwrites_changes_already_waiting(client):
    logged_in(client, group="Reporter")
    article = ArticleFactory(live=True, signed=True, headline="Live")
    services.article_update(
        article, by=user_in("Editor"), expected_version=1, changes={"body": "An editor's text."}
    )
    current = article.history.order_by("history_date").last()

    response = client.post(
        reverse("admin:articles_article_restore", args=[article.pk, current.history_id]),
        follow=True,
    )

    assert "Changes are already waiting" in response.content.decode()
    assert WorkingCopy.objects.get(article=article).body == "An editor's text."


def test_restoring_a_revision_whose_section_or_address_is_gone_is_refused_not_a_500(client):
    logged_in(client)
    old_section, new_section = SectionFactory(), SectionFactory()
    article = ArticleFactory(section=old_section, slug="first-address")
    first = article.history.order_by("history_date").first()
    article.section, article.slug = new_section, "second-address"
    article.save()
    old_section.delete()
    ArticleFactory(slug="first-address")

    response = client.post(
        reverse("admin:articles_article_restore", args=[article.pk, first.history_id]),
        follow=True,
    )

    text = response.content.decode()
    assert response.status_code == 200
    assert "section no longer exists" in text and "already has the address" in text


@pytest.mark.parametrize("suffix", ["changes/", "revisions/", "revisions/3/restore/"])
def test_story_screens_answer_404_for_an_id_that_is_not_one(client, suffix):
    logged_in(client)

    assert client.get(f"/admin/articles/article/abc/{suffix}").status_code == 404
    assert client.post("/admin/articles/article/abc/workflow/publish/").status_code == 404


def test_a_story_may_not_take_another_storys_old_address(client):
    logged_in(client)
    renamed = ArticleFactory(slug="old-address")
    renamed.slug = "new-address"
    renamed.save()
    article = ArticleFactory(live=True, signed=True)

    response = client.post(change_url(article), form_data(article, slug="old-address"))

    assert "old address of another story" in response.content.decode()
    assert not WorkingCopy.objects.filter(article=article).exists()


def test_a_correction_is_not_held_back_by_what_the_live_story_is_already_in_doubt_about(client):
    logged_in(client)
    article = ArticleFactory(live=True, signed=True, body="Orange signed with AT&T. More.")
    AnnotationFactory(article=article, words="Orange", anchor_state="orphaned")
    client.post(change_url(article), form_data(article, dek="A correction"))

    workflow(client, article, "publish_changes")

    article.refresh_from_db()
    assert article.dek == "A correction"


def test_the_diff_of_a_long_story_follows_the_size_of_the_change():
    from articles.revisions import diff_html

    paragraphs = [f"Paragraph {n} says the company sold unit {n} to a buyer." for n in range(4000)]
    old = "\n\n".join(paragraphs)
    new = old.replace("unit 2000 ", "unit two thousand ")

    html = diff_html(old, new)

    assert html.count("<del>") == 1 and "<ins>two thousand</ins>" in html


def test_a_conflict_over_the_section_names_both_sections(client):
    logged_in(client)
    first, theirs, mine = (SectionFactory(name=n) for n in ("First", "Theirs", "Mine"))
    article = ArticleFactory(live=True, signed=True, section=first)
    opened = {**form_data(article), "copy_opened": 0}
    client.post(change_url(article), {**opened, "section": theirs.pk})

    page = client.post(change_url(article), {**opened, "section": mine.pk}).content.decode()

    assert "choose which version to keep" in page
    assert "<pre>Mine</pre>" in page and "<pre>Theirs</pre>" in page
