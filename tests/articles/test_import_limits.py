"""An import never crashes: every bad file is reported with its path, the others still import."""

import json

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from articles.management.commands.import_stories import MAX_FILE_BYTES
from articles.models import Article, Reporter
from articles.story_format import REPORTERS_MAX
from articles.text import BODY_MAX
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def ninjs(**fields) -> str:
    item = {
        "uri": "urn:newsroom:test:1",
        "headlines": [{"role": "main", "value": "A headline"}],
        "bodies": [{"contentType": "text/plain", "value": "Some text."}],
    }
    item.update(fields)
    return json.dumps(item)


BAD = {
    "impossible-date.json": (ninjs(firstCreated="2026-02-30T00:00:00Z"), "not a real date"),
    "hour-25.json": (ninjs(firstCreated="2026-02-01T25:00:00Z"), "firstCreated"),
    "no-zone.json": (ninjs(firstCreated="2026-02-01T10:00:00"), "time zone"),
    "nested.json": ('{"uri": ' + "[" * 100_000 + "]" * 100_000 + "}", "nested too deeply"),
    "surrogate.json": (
        ninjs(headlines=[{"role": "main", "value": "Half \ud800 a pair"}]).replace(
            "\\ud800", "\\ud800"
        ),
        "unpaired surrogate",
    ),
    "too-long.txt": ("A headline\n\n" + "word " * (BODY_MAX // 5 + 10), "at most"),
    "crowded-byline.txt": (
        "A headline\n\nSome text.\n\nContact reporter "
        + ", ".join(f"Name {i} (n{i}@example.com)" for i in range(REPORTERS_MAX + 5)),
        f"at most {REPORTERS_MAX} reporters",
    ),
}


def test_each_bad_file_is_reported_and_the_good_one_still_imports(tmp_path, capsys):
    for name, (text, _) in BAD.items():
        (tmp_path / name).write_text(text, encoding="utf-8", errors="surrogatepass")
    (tmp_path / "good.txt").write_text("A good story\n\nIt has text.\n", encoding="utf-8")

    with pytest.raises(CommandError):
        call_command("import_stories", str(tmp_path))

    errors = capsys.readouterr().err
    for name, (_, message) in BAD.items():
        line = next((line for line in errors.splitlines() if name in line), "")
        assert message in line, (name, errors)
    assert list(Article.objects.values_list("headline", flat=True)) == ["A good story"]
    assert Reporter.objects.count() == 0


def test_a_file_over_the_size_limit_is_refused_before_it_is_read(tmp_path, capsys):
    big = tmp_path / "huge.txt"
    big.write_bytes(b"A headline\n\n" + b"x" * (MAX_FILE_BYTES + 1))

    with pytest.raises(CommandError):
        call_command("import_stories", str(big))

    assert "may be at most" in capsys.readouterr().err
    assert not Article.objects.exists()


def test_a_nul_in_a_ninjs_headline_is_not_stored(tmp_path):
    path = tmp_path / "nul.json"
    path.write_text(ninjs(headlines=[{"role": "main", "value": "Before\u0000after"}]))

    call_command("import_stories", str(path))

    assert "\x00" not in Article.objects.get().headline


def test_the_admin_refuses_a_body_over_the_limit_with_the_limit_named(admin_client):
    article = ArticleFactory()
    response = admin_client.post(
        reverse("admin:articles_article_change", args=[article.pk]),
        {
            "headline": article.headline,
            "slug": article.slug,
            "body": "word " * (BODY_MAX // 5 + 10),
            "language": "en",
            "version_opened": article.version,
        },
    )

    assert response.status_code == 200
    assert f"at most {BODY_MAX:,} characters" in response.content.decode()
    article.refresh_from_db()
    assert len(article.body) < BODY_MAX
