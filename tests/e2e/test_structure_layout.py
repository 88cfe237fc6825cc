"""The Structure screen holds still under the editor's selection while messages come and go."""

import pytest

from tests.e2e.conftest import OUTPUT
from tests.e2e.test_structuring_flow import editor, log_in, seed_story  # noqa: F401 - fixtures

pytestmark = pytest.mark.django_db(transaction=True)

# Where the words are on the screen: the bounding box of the body's characters at their offsets.
BOX_OF_WORDS = """([start, end]) => {
    const spans = [...document.querySelectorAll('#structure-body span[data-start]')];
    const place = (offset) => {
        for (const span of spans) {
            const from = Number(span.dataset.start), node = span.firstChild;
            if (node && offset >= from && offset <= from + node.length) return [node, offset - from];
        }
        return null;
    };
    const range = document.createRange();
    range.setStart(...place(start));
    range.setEnd(...place(end));
    const r = range.getBoundingClientRect();
    return {x: r.x, y: r.y, width: r.width, height: r.height};
}"""


@pytest.mark.parametrize("width", [1280, 390])
def test_messages_and_the_tag_toolbar_never_move_the_selected_text(
    browser,
    live_server,
    seed_story,  # noqa: F811 - the fixture imported above
    editor,  # noqa: F811
    width,
):
    page = browser.new_page(viewport={"width": width, "height": 900})
    log_in(page, live_server, editor.username)
    page.goto(f"{live_server.url}/admin/articles/article/{seed_story.pk}/structure/")
    page.wait_for_selector("#structure-body p")
    words = "founded"  # one word: the drag stays on one line at every width
    start = seed_story.body.index(words)
    span = [start, start + len(words)]
    page.evaluate(
        "([start]) => [...document.querySelectorAll('#structure-body span[data-start]')]"
        ".filter((s) => Number(s.dataset.start) <= start).pop().scrollIntoView({block: 'center'})",
        span,
    )
    before = page.evaluate(BOX_OF_WORDS, span)

    # The editor drags over the words, as with a mouse: the tag toolbar appears.
    y = before["y"] + before["height"] / 2
    page.mouse.move(before["x"] + 1, y)
    page.mouse.down()
    page.mouse.move(before["x"] + before["width"] / 2, y, steps=4)
    page.mouse.move(before["x"] + before["width"] - 1, y, steps=4)
    page.mouse.up()
    page.wait_for_selector("#structure-toolbar:not([hidden])")
    assert page.evaluate(BOX_OF_WORDS, span) == before

    # A message arrives while the words are selected: a suggestion rejected by its key, and
    # the answer redraws the screen.
    page.keyboard.press("r")
    flash = page.locator("#structure-flash")
    flash.filter(has_text="Rejected").wait_for()
    assert flash.get_attribute("role") == "status"
    after = page.evaluate(BOX_OF_WORDS, span)
    OUTPUT.mkdir(exist_ok=True)
    page.screenshot(path=str(OUTPUT / f"structure-message-{width}.png"))
    assert after == before, f"the selected words moved from {before} to {after}"
    # The selection survives the redraw, and the toolbar still offers to tag it.
    assert words in page.evaluate("() => window.getSelection().toString()")
    assert page.locator("#structure-toolbar").is_visible()
    page.close()
