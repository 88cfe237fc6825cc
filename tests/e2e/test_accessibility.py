"""Every page type through axe-core in Debian's Chromium, at desktop and phone widths.

The screenshots each run takes are kept in ``test-output/`` for people to look at.
"""

import pytest
from django.contrib.auth import get_user_model

from tests.e2e.conftest import OUTPUT
from tests.groups import ensure_groups
from tests.site.validators import axe_check, demo_pages, editor_pages

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.mark.parametrize("width", [1280, 390])
def test_every_page_type_has_no_axe_violations(browser, live_server, client, width):
    ensure_groups()
    pages = demo_pages()
    client.force_login(get_user_model().objects.get(username="editor"))
    # axe-core is injected as a script of its own, which the site's CSP rightly refuses.
    context = browser.new_context(viewport={"width": width, "height": 900}, bypass_csp=True)
    context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
    page = context.new_page()
    OUTPUT.mkdir(exist_ok=True)
    problems, too_wide = [], []
    for name, address in {**pages, **editor_pages()}.items():
        response = page.goto(f"{live_server.url}{address}", wait_until="networkidle")
        assert response.status == 200, name
        page.screenshot(path=str(OUTPUT / f"{name}-{width}.png"), full_page=True)
        problems += [f"{name}: {problem}" for problem in axe_check(page)]
        if not name.startswith("admin"):
            scroll_width = page.evaluate("document.documentElement.scrollWidth")
            if scroll_width > width:
                too_wide.append(f"{name}: {scroll_width}px")
    context.close()

    assert problems == [], "\n".join(problems)
    assert too_wide == [], f"horizontal scrolling at {width}px: {too_wide}"
