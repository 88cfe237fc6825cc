"""The story admin: workflow buttons, stale saves refused, revisions and restore."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from articles.models import Article
from articles.revisions import diff_html
from tests.factories import AnnotationFactory, ArticleFactory, UserFactory

pytestmark = pytest.mark.django_db


def logged_in(client, group="Editor"):
    user = UserFactory()
    user.groups.add(Group.objects.get(name=group))
    client.force_login(user)
    return user


def change_url(article):
    return reverse("admin:articles_article_change", args=[article.pk])


def form_data(article, **overrides):
    data = {
        "headline": article.headline,
        "slug": article.slug,
        "dek": article.dek,
        "section": article.section_id or "",
        "dateline": article.dateline,
        "language": article.language,
        "body": article.body,
        "source_uri": article.source_uri,
        "version_opened": article.version,
        "bylines-TOTAL_FORMS": 0,
        "bylines-INITIAL_FORMS": 0,
        "bylines-MIN_NUM_FORMS": 0,
        "bylines-MAX_NUM_FORMS": 1000,
    }
    data.update(overrides)
    return data


def test_editor_saves_a_story(client):
    logged_in(client)
    article = ArticleFactory(signed=True)

    response = client.post(change_url(article), form_data(article, dek="A new dek"))

    assert response.status_code == 302
    article.refresh_from_db()
    assert article.dek == "A new dek"


def test_a_stale_save_keeps_both_editors_changes_to_different_fields(client):
    logged_in(client)
    article = ArticleFactory(signed=True)
    opened = form_data(article, dek="Mine")
    article.headline = "Someone else's headline"
    article.save()

    response = client.post(change_url(article), opened, follow=True)

    assert "their changes to headline were kept" in response.content.decode()
    article.refresh_from_db()
    assert (article.headline, article.dek) == ("Someone else's headline", "Mine")


def test_a_stale_save_shows_both_values_of_a_field_both_changed_and_lets_the_editor_choose(
    client,
):
    logged_in(client)
    article = ArticleFactory(signed=True, dek="Original")
    opened = form_data(article, dek="Mine", dateline="BEIJING")
    article.dek = "Theirs"
    article.save()

    refused = client.post(change_url(article), opened)

    page = refused.content.decode()
    assert refused.status_code == 200
    assert "Someone saved this story since you opened it" in page
    assert 'name="resolve_dek"' in page and "Theirs" in page and "Mine" in page
    article.refresh_from_db()
    assert article.dek == "Theirs"

    chosen = client.post(change_url(article), {**opened, "resolve_dek": "theirs"})

    assert chosen.status_code == 302
    article.refresh_from_db()
    assert (article.dek, article.dateline) == ("Theirs", "BEIJING")


def test_a_form_without_its_opened_version_is_refused(client):
    logged_in(client)
    article = ArticleFactory(signed=True)

    response = client.post(change_url(article), form_data(article, dek="X", version_opened=""))

    assert response.status_code == 200
    assert "does not say which version" in response.content.decode()
    article.refresh_from_db()
    assert article.dek == ""


def test_publish_button_refuses_with_every_reason(client):
    logged_in(client)
    article = ArticleFactory(signed=True)
    AnnotationFactory(article=article, review_state="suggested")

    response = client.post(
        reverse("admin:articles_article_workflow", args=[article.pk, "publish"]), follow=True
    )

    assert "not reviewed yet" in response.content.decode()
    article.refresh_from_db()
    assert article.status == "draft"


def test_reporter_sees_no_publish_button_and_cannot_force_it(client):
    logged_in(client, "Reporter")
    article = ArticleFactory(signed=True)

    page = client.get(change_url(article)).content.decode()
    assert "Submit for review" in page
    assert "Publish now" not in page
    client.post(reverse("admin:articles_article_workflow", args=[article.pk, "publish"]))

    article.refresh_from_db()
    assert article.status == "draft"


def test_scheduling_from_the_admin_sets_an_embargo(client):
    logged_in(client)
    article = ArticleFactory(signed=True)

    client.post(
        reverse("admin:articles_article_workflow", args=[article.pk, "publish"]),
        {"publish_at": "2099-01-01T09:00"},
    )

    article.refresh_from_db()
    assert article.status == "published"
    assert article.publish_at.year == 2099
    assert not Article.objects.live().filter(pk=article.pk).exists()


def test_bad_schedule_time_is_a_clear_error(client):
    logged_in(client)
    article = ArticleFactory(signed=True)

    response = client.post(
        reverse("admin:articles_article_workflow", args=[article.pk, "publish"]),
        {"publish_at": "next tuesday"},
        follow=True,
    )

    assert "is not a date and time" in response.content.decode()


def test_revisions_show_the_body_diff_and_annotation_moves(client):
    logged_in(client)
    article = ArticleFactory(body="Orange signed with AT&T.")
    AnnotationFactory(article=article, words="AT&T")
    article.body = "Yesterday Orange signed with AT&T."
    article.save()

    page = client.get(
        reverse("admin:articles_article_revisions", args=[article.pk])
    ).content.decode()

    assert "<ins>Yesterday </ins>" in page
    assert "moved to" in page


def test_restoring_a_revision_brings_back_its_body_and_reanchors(client):
    logged_in(client)
    article = ArticleFactory(body="Orange signed with AT&T.")
    annotation = AnnotationFactory(article=article, words="AT&T")
    first = article.history.order_by("history_date").first()
    article.body = "Yesterday Orange signed with AT&T."
    article.save()

    client.post(reverse("admin:articles_article_restore", args=[article.pk, first.history_id]))

    article.refresh_from_db()
    annotation.refresh_from_db()
    assert article.body == "Orange signed with AT&T."
    assert article.body[annotation.start : annotation.end] == "AT&T"


def test_diff_escapes_markup_from_the_text():
    html = diff_html("a <b>", "a <i>")

    assert "<b>" not in html and "<i>" not in html
    assert "&lt;i&gt;" in html


@pytest.mark.django_db(transaction=True)
def test_two_editors_saving_the_form_at_once_one_is_refused():
    import threading

    from django.db import connection
    from django.test import Client

    from tests.groups import user_in

    article = ArticleFactory(signed=True)
    editors = [user_in("Editor"), user_in("Editor")]
    barrier = threading.Barrier(2)
    statuses = []

    def save(user, dek):
        client = Client()
        client.force_login(user)
        try:
            barrier.wait(timeout=10)
            response = client.post(change_url(article), form_data(article, dek=dek))
            saved = response.status_code == 302 and response["Location"].endswith("/article/")
            refused = (
                response.status_code == 200 and b"since you opened it" in response.content
            ) or (response.status_code == 302 and response["Location"] == change_url(article))
            statuses.append("saved" if saved else "refused" if refused else response.status_code)
        finally:
            connection.close()

    threads = [
        threading.Thread(target=save, args=(u, d)) for u, d in zip(editors, "AB", strict=True)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    article.refresh_from_db()
    assert sorted(statuses) == ["refused", "saved"]
    assert article.version == 2
    assert article.dek in {"A", "B"}


def test_an_edit_that_puts_a_live_story_in_doubt_says_so_with_a_link_to_structure(client):
    logged_in(client)
    article = ArticleFactory(live=True, signed=True, body="Orange signed with AT&T. Then more.")
    AnnotationFactory(article=article, words="Orange")

    response = client.post(
        change_url(article),
        form_data(article, body="Orang signed with AT&T. Then more.", _publish_changes="1"),
        follow=True,
    )

    page = response.content.decode()
    assert "This published story is in doubt" in page
    assert "needs review" in page
    assert reverse("admin:articles_article_structure", args=[article.pk]) in page
    assert "Published, but in doubt" in client.get(change_url(article)).content.decode()


def test_a_clean_edit_of_a_live_story_raises_no_doubt(client):
    logged_in(client)
    article = ArticleFactory(live=True, signed=True, body="Orange signed with AT&T. Then more.")
    AnnotationFactory(article=article, words="Orange")

    response = client.post(
        change_url(article),
        form_data(article, body="Orange signed with AT&T. Then much more."),
        follow=True,
    )

    assert "in doubt" not in response.content.decode()


def test_a_reporter_may_not_restore_a_revision_of_a_published_story(client):
    logged_in(client, group="Reporter")
    article = ArticleFactory(live=True, signed=True, headline="First")
    article.headline = "Second"
    article.save()
    first = article.history.order_by("history_date").first()

    client.post(reverse("admin:articles_article_restore", args=[article.pk, first.history_id]))

    article.refresh_from_db()
    assert article.headline == "Second"


def test_a_reporter_still_edits_drafts(client):
    logged_in(client, group="Reporter")
    article = ArticleFactory(signed=True)

    response = client.post(change_url(article), form_data(article, dek="A reporter's dek"))

    assert response.status_code == 302
    article.refresh_from_db()
    assert article.dek == "A reporter's dek"
