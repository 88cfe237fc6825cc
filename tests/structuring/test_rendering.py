"""The annotated body is exact and safe for any text and any marks."""

from html.parser import HTMLParser

from hypothesis import given, settings
from hypothesis import strategies as st

from structuring.rendering import Mark, render_body


class Reader(HTMLParser):
    """Collects the text and checks every element closes in the order it opened."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.text, self.stack, self.tags, self.broken = [], [], [], False

    def handle_starttag(self, tag, attrs):
        self.stack.append(tag)
        self.tags.append((tag, dict(attrs)))

    def handle_endtag(self, tag):
        if not self.stack or self.stack.pop() != tag:
            self.broken = True

    def handle_data(self, data):
        self.text.append(data)


def read(html: str) -> Reader:
    reader = Reader()
    reader.feed(html)
    reader.close()
    return reader


def test_nested_marks_nest():
    body = "China Telecom extended its joint venture with AT&T."
    html = render_body(body, [Mark(0, 50, "mark", "deal"), Mark(0, 13, "a", "c", "/companies/ct/")])

    assert html.startswith(
        '<p><mark class="deal"><a class="c" href="/companies/ct/">China Telecom</a>'
    )


def test_crossing_marks_are_split_not_broken():
    html = render_body("abcdefghij", [Mark(0, 6, "span", "x"), Mark(4, 10, "span", "y")])

    reader = read(html)
    assert not reader.broken and not reader.stack
    assert "".join(reader.text) == "abcdefghij"


def test_markup_in_the_text_stays_text():
    html = render_body('<script>alert("x")</script> & <b>', [Mark(0, 8, "a", "c", "/companies/x/")])

    assert "<script>" not in html and "<b>" not in html
    assert "&lt;script&gt;" in html


body_text = st.lists(
    st.text(
        alphabet=st.characters(blacklist_categories=["Cs", "Cc"]) | st.sampled_from("<>&\"'"),
        max_size=40,
    ),
    max_size=4,
).map("\n\n".join)


@st.composite
def body_and_marks(draw):
    body = draw(body_text)
    marks = []
    for _ in range(draw(st.integers(0, 8))):
        if len(body) < 1:
            break
        start = draw(st.integers(0, len(body) - 1))
        end = draw(st.integers(start + 1, len(body)))
        tag = draw(st.sampled_from(["a", "span", "mark"]))
        title = draw(st.text(max_size=20))
        marks.append(Mark(start, end, tag, "m", "/companies/x/" if tag == "a" else "", title))
    return body, marks


@settings(max_examples=300, deadline=None)
@given(body_and_marks())
def test_any_body_parses_with_its_exact_text_and_no_markup_from_content(data):
    body, marks = data

    reader = read(render_body(body, marks))

    assert not reader.broken and not reader.stack
    assert "".join(reader.text) == body.replace("\n\n", "")
    assert {tag for tag, _ in reader.tags} <= {"p", "a", "span", "mark"}
    for _tag, attributes in reader.tags:
        assert set(attributes) <= {"class", "href", "title"}
        if "href" in attributes:
            assert attributes["href"].startswith("/")
