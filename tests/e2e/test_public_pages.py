"""Readers' pages in a real browser: the seed-like story at desktop and phone widths."""

from itertools import pairwise

import pytest
from django.core.management import call_command

from articles.models import Article
from tests.e2e.conftest import OUTPUT
from tests.groups import ensure_groups

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def demo_story():
    ensure_groups()
    call_command("load_demo")
    return Article.objects.get(slug__startswith="china-telecom-widens")


@pytest.mark.parametrize(("name", "width"), [("desktop", 1280), ("phone", 360)])
def test_story_reads_well_at_desktop_and_phone_widths(
    browser, live_server, demo_story, name, width
):
    context = browser.new_context(
        viewport={"width": width, "height": 800}, java_script_enabled=False
    )
    page = context.new_page()

    page.goto(f"{live_server.url}{demo_story.get_absolute_url()}")

    OUTPUT.mkdir(exist_ok=True)
    page.screenshot(path=str(OUTPUT / f"story-{name}.png"), full_page=True)
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    assert scroll_width <= width, f"{scroll_width}px wide at {width}px: horizontal scrolling"
    for landmark in ("header", "nav", "main", "footer", "article", "aside"):
        assert page.locator(landmark).count() >= 1, landmark
    levels = [
        int(tag[1])
        for tag in page.eval_on_selector_all("h1, h2, h3", "els => els.map(e => e.tagName)")
    ]
    assert levels[0] == 1 and levels.count(1) == 1
    assert all(b - a <= 1 for a, b in pairwise(levels)), levels
    # Every company mention is marked; each company is linked once, at its first mention.
    assert page.locator(".story-body .mention-company").count() >= 10
    hrefs = page.eval_on_selector_all(
        ".story-body a.mention-company", "els => els.map(e => e.getAttribute('href'))"
    )
    assert len(hrefs) >= 3 and len(hrefs) == len(set(hrefs))
    assert page.locator(".story-body span.mention-again").count() >= 1
    assert page.locator("text=Deals in this story").count() == 1
    context.close()
