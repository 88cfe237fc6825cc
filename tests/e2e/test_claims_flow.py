"""An editor sets deal terms from selected words in a real browser, and settles a contradiction
with a live story side by side."""

from datetime import timedelta

import pytest
from django.utils import timezone

from deals.models import Claim
from tests.e2e.test_structuring_flow import log_in
from tests.factories import (
    AgreementFactory,
    AnnotationFactory,
    ArticleFactory,
    CompanyFactory,
    PartyFactory,
)
from tests.groups import user_in

pytestmark = pytest.mark.django_db(transaction=True)

DRAFT = (
    "Orange bought into the joint venture of China Telecom and AT&T for $1.2bn. It was terminated."
)


def select_words(page, words: str) -> None:
    """Select ``words`` in the story's body as a reader's mouse would, then let the screen see it."""
    found = page.evaluate(
        """(words) => {
            const walker = document.createTreeWalker(document.getElementById('structure-body'), NodeFilter.SHOW_TEXT);
            while (walker.nextNode()) {
                const at = walker.currentNode.textContent.indexOf(words);
                if (at >= 0) {
                    const range = document.createRange();
                    range.setStart(walker.currentNode, at);
                    range.setEnd(walker.currentNode, at + words.length);
                    const chosen = window.getSelection();
                    chosen.removeAllRanges();
                    chosen.addRange(range);
                    document.getElementById('structure-body').dispatchEvent(new MouseEvent('mouseup', {bubbles: true}));
                    return true;
                }
            }
            return false;
        }""",
        words,
    )
    assert found, f"{words} is not in the body"
    page.wait_for_selector("#structure-toolbar:not([hidden])")


@pytest.fixture
def draft():
    telecom, att = CompanyFactory(name="China Telecom"), CompanyFactory(name="AT&T")
    deal = AgreementFactory(title="China Telecom and AT&T joint venture", status="extended")
    PartyFactory(agreement=deal, company=telecom)
    PartyFactory(agreement=deal, company=att)
    live = ArticleFactory(
        live=True,
        headline="The venture is extended",
        body="China Telecom and AT&T extended their joint venture.",
        publish_at=timezone.now() - timedelta(days=1),
    )
    AnnotationFactory(
        article=live, words="joint venture", kind="agreement", company=None, agreement=deal
    )
    story = ArticleFactory(body=DRAFT, status="draft")
    AnnotationFactory(
        article=story, words="joint venture", kind="agreement", company=None, agreement=deal
    )
    return story


def test_editor_sets_a_value_and_a_status_from_the_words_and_settles_the_contradiction(
    page, live_server, draft
):
    editor = user_in("Editor", username="terms-editor")
    log_in(page, live_server, editor.username)
    page.goto(f"{live_server.url}/admin/articles/article/{draft.pk}/structure/")
    page.wait_for_selector("#structure-body p")

    select_words(page, "$1.2bn")
    page.click("#structure-toolbar button[data-tag=term]")
    # The amount and currency are read from the words; the editor confirms.
    assert page.input_value("#tag-panel input[name=amount]") == "1200000000"
    assert page.input_value("#tag-panel input[name=currency]") == "USD"
    page.click("#tag-panel button.set-term")
    page.wait_for_selector("#structure-flash:text('now claims the value')")

    select_words(page, "terminated")
    page.keyboard.press("t")
    page.select_option("#tag-panel select[name=term]", "status")
    page.select_option("#tag-panel select[name=status]", "terminated")
    page.click("#tag-panel button.set-term")
    page.wait_for_selector("table.contradictions")
    assert "The venture is extended" in page.inner_text("table.contradictions")
    assert "Terminated" in page.inner_text("table.contradictions")

    page.click("table.contradictions button.supersede")
    page.wait_for_selector("#structure-flash:text('Marked as superseding')")
    assert page.locator("table.contradictions").count() == 0

    value = Claim.objects.current().get(article=draft, term="value")
    assert (value.amount, value.currency) == (1_200_000_000, "USD")
    assert [e.exact for e in value.evidence.all()] == ["$1.2bn"]
    status = Claim.objects.current().get(article=draft, term="status")
    assert (status.status, status.resolution) == ("terminated", "supersedes")
    assert "“$1.2bn”" in page.inner_text(".claims")
