"""An editor structures the seed story in a real browser and publishes it in a few actions."""

import pytest
from django.core.management import call_command

from articles.models import Article
from deals.models import Agreement
from structuring.models import Annotation
from tests.e2e.conftest import OUTPUT
from tests.factories import CompanyAliasFactory, CompanyFactory, PersonFactory, SectionFactory
from tests.groups import user_in

pytestmark = pytest.mark.django_db(transaction=True)

BUDGET = 15


class Actions:
    """Clicks and key presses made on the editor's behalf, counted."""

    def __init__(self, page):
        self.page, self.count = page, 0

    def click(self, locator):
        locator.click()
        self.count += 1

    def press(self, key):
        self.page.keyboard.press(key)
        self.count += 1

    def double_click_word(self, word):
        box = self.page.evaluate(
            """(word) => {
                const walker = document.createTreeWalker(document.getElementById('structure-body'), NodeFilter.SHOW_TEXT);
                while (walker.nextNode()) {
                    const at = walker.currentNode.textContent.indexOf(word);
                    if (at >= 0) {
                        walker.currentNode.parentElement.scrollIntoView({block: "center"});
                        const range = document.createRange();
                        range.setStart(walker.currentNode, at);
                        range.setEnd(walker.currentNode, at + word.length);
                        const r = range.getBoundingClientRect();
                        return {x: r.x + r.width / 2, y: r.y + r.height / 2};
                    }
                }
                return null;
            }""",
            word,
        )
        assert box, f"{word} is not on the screen"
        self.page.mouse.dblclick(box["x"], box["y"])
        self.count += 1


@pytest.fixture
def seed_story(seed_path):
    CompanyFactory(name="China Telecom", slug="china-telecom")
    att = CompanyFactory(name="AT&T", slug="att")
    CompanyAliasFactory(company=att, name="AT&T Inc.")
    orange = CompanyFactory(name="Orange", slug="orange", legal_name="Orange SA")
    CompanyAliasFactory(company=orange, name="Orange", case_sensitive=True)
    PersonFactory(
        name="Deng Xiaofeng", slug="deng-xiaofeng", title="managing director of global business"
    )
    SectionFactory(slug="business", name="Business")
    call_command("import_stories", str(seed_path), "--section", "business")
    article = Article.objects.get()
    call_command("suggest", article.slug)
    return article


@pytest.fixture
def editor():
    return user_in("Editor", username="desk-editor")


def log_in(page, live_server, username):
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", "a-long-test-password")
    page.click("input[type=submit]")
    page.wait_for_url(f"{live_server.url}/admin/")


def test_editor_structures_and_publishes_the_seed_story(page, live_server, seed_story, editor):
    log_in(page, live_server, editor.username)
    page.goto(f"{live_server.url}/admin/articles/article/{seed_story.pk}/structure/")
    page.wait_for_selector("#structure-body p")
    assert Annotation.objects.filter(article=seed_story, review_state="suggested").count() > 10
    OUTPUT.mkdir(exist_ok=True)
    page.screenshot(path=str(OUTPUT / "structuring-view.png"), full_page=True)
    act = Actions(page)

    act.press("Shift+A")  # accept every suggestion
    page.wait_for_selector("#suggestion-count:text('(0)')")

    act.double_click_word("Jefferies")  # a company the registry lacks
    page.wait_for_selector("#structure-toolbar:not([hidden])")
    act.click(page.locator("#structure-toolbar button[data-tag=company]"))
    act.click(page.locator("button.create-company"))
    page.wait_for_selector("#structure-flash:text('Tagged')")

    partnership = page.locator("form.agreement-editor").filter(
        has=page.locator("h3", has_text="China Telecom and Orange")
    )
    act.click(partnership.locator("button.add-event"))  # the timeline event citing this story
    page.wait_for_selector("#structure-flash:text('Saved')")

    act.click(page.locator("#publish-button"))
    page.wait_for_selector("#structure-problems li.ready")

    print(f"\nclicks and key presses from opening the story to publishing: {act.count}")
    assert act.count <= BUDGET
    seed_story.refresh_from_db()
    assert seed_story.status == "published"
    deal = Agreement.objects.get(kind="partnership")
    assert {p.company.slug for p in deal.parties.all()} == {"china-telecom", "orange"}
    assert deal.events.filter(article=seed_story, kind="extended").exists()

    page.goto(f"{live_server.url}{seed_story.get_absolute_url()}")
    links = page.locator(".story-body a.mention-company")
    assert links.count() >= 10
    assert page.locator(".story-body a[href='/companies/jefferies/']").inner_text() == "Jefferies"
    assert page.locator(".story-body a[href='/companies/orange/']").count() >= 2
    page.screenshot(path=str(OUTPUT / "published-story.png"), full_page=True)
