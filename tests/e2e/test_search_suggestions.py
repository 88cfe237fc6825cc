"""The company field of the search form suggests companies as the reader types."""

import pytest

from tests.groups import ensure_groups
from tests.site.validators import demo_pages

pytestmark = pytest.mark.django_db(transaction=True)


def test_typing_part_of_a_company_name_offers_the_company(browser, live_server):
    ensure_groups()
    demo_pages()
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(f"{live_server.url}/search/?q=IoT")

    page.locator("#f-company").press_sequentially("China Te", delay=30)
    page.wait_for_selector("#company-names option[value='China Telecom']", state="attached")
    page.locator("#f-company").fill("China Telecom")
    page.locator("form.card button[type=submit]").click()

    assert "China Telecom Widens" in page.locator("main").inner_text()
    context.close()
