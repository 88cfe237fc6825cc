"""A story's revisions: word-level body diffs, and what other apps say changed (``REVISION_NOTES``)."""

import difflib
import re

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from . import hooks

_WORDS = re.compile(r"\s+|[^\s]+")


def revision_notes(article, since, until) -> list[str]:
    return hooks.collect(hooks.REVISION_NOTES, article, since, until)


_PARAGRAPHS = re.compile(r"[^\n]*\n*")  # a paragraph with the line breaks after it
# Word diffs cost the square of their length: past this many words a changed passage is shown
# as removed and added whole, so a 200,000-character story still compares in a blink.
WORD_DIFF_LIMIT = 4000


def diff_html(old: str, new: str) -> SafeString:
    """The new text with removed words in <del> and added words in <ins>, all text escaped.

    Paragraphs are matched first and words only inside changed paragraphs, so the time follows
    the size of the change, not of the story.
    """
    a, b = _PARAGRAPHS.findall(old), _PARAGRAPHS.findall(new)
    parts = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        removed, added = "".join(a[i1:i2]), "".join(b[j1:j2])
        if tag == "equal":
            parts.append(escape(removed))
        else:
            parts.append(_word_diff(removed, added))
    return mark_safe("".join(parts))


def _word_diff(old: str, new: str) -> str:
    a, b = _WORDS.findall(old), _WORDS.findall(new)
    if len(a) + len(b) > WORD_DIFF_LIMIT:
        return _marked(old, new)
    parts = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            parts.append(escape("".join(a[i1:i2])))
        else:
            parts.append(_marked("".join(a[i1:i2]), "".join(b[j1:j2])))
    return "".join(parts)


def _marked(removed: str, added: str) -> str:
    return (f"<del>{escape(removed)}</del>" if removed else "") + (
        f"<ins>{escape(added)}</ins>" if added else ""
    )
