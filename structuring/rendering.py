"""Draw a body with its annotations as HTML: text escaped, markup well nested, nothing lost.

Pure: text and marks in, HTML out. Marks that nest become nested elements; marks that cross are
closed and reopened at the crossing, so the HTML is always well formed and the text content of
the output equals the body.
"""

from dataclasses import dataclass
from html import escape
from itertools import pairwise


@dataclass(frozen=True)
class Mark:
    start: int
    end: int
    tag: str  # "a", "span" or "mark"
    css: str
    href: str = ""  # only ever a path we built ourselves
    title: str = ""
    anchor: str = ""  # an id readers can link to; set on the first piece only


def _open(mark: Mark, with_id: bool) -> str:
    attributes = f' class="{escape(mark.css)}"'
    if mark.anchor and with_id:
        attributes += f' id="{escape(mark.anchor)}"'
    if mark.href:
        attributes += f' href="{escape(mark.href)}"'
    if mark.title:
        attributes += f' title="{escape(mark.title)}"'
    return f"<{mark.tag}{attributes}>"


def _paragraph(body: str, start: int, end: int, marks: list[Mark]) -> str:
    inside = [m for m in marks if m.start < end and m.end > start and m.end > m.start]
    points = sorted(
        {start, end, *(max(m.start, start) for m in inside), *(min(m.end, end) for m in inside)}
    )
    out: list[str] = ["<p>"]
    stack: list[Mark] = []
    opened: set[int] = set()
    for left, right in pairwise(points):
        active = sorted(
            (m for m in inside if m.start <= left and m.end >= right),
            key=lambda m: (m.start, -m.end, m.tag != "a"),
        )
        # Links cannot nest in links: keep the outermost only.
        seen_link = False
        kept = []
        for mark in active:
            if mark.tag == "a":
                if seen_link:
                    continue
                seen_link = True
            kept.append(mark)
        common = 0
        while common < min(len(stack), len(kept)) and stack[common] is kept[common]:
            common += 1
        for mark in reversed(stack[common:]):
            out.append(f"</{mark.tag}>")
        for mark in kept[common:]:
            out.append(_open(mark, id(mark) not in opened))
            opened.add(id(mark))
        stack = kept
        out.append(escape(body[left:right]))
    for mark in reversed(stack):
        out.append(f"</{mark.tag}>")
    out.append("</p>")
    return "".join(out)


def render_body(body: str, marks: list[Mark]) -> str:
    """The body's paragraphs as HTML with every mark drawn around its words."""
    html, offset = [], 0
    for text in body.split("\n\n"):
        html.append(_paragraph(body, offset, offset + len(text), marks))
        offset += len(text) + 2
    return "".join(html)
