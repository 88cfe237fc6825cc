"""A story's revisions: word-level body diffs, and what other apps say changed (``REVISION_NOTES``)."""

import difflib
import re

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from . import hooks

_WORDS = re.compile(r"\s+|[^\s]+")


def revision_notes(article, since, until) -> list[str]:
    return hooks.collect(hooks.REVISION_NOTES, article, since, until)


def diff_html(old: str, new: str) -> SafeString:
    """The new text with removed words in <del> and added words in <ins>, all text escaped."""
    a, b = _WORDS.findall(old), _WORDS.findall(new)
    parts = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            parts.append(escape("".join(a[i1:i2])))
            continue
        if i2 > i1:
            parts.append(f"<del>{escape(''.join(a[i1:i2]))}</del>")
        if j2 > j1:
            parts.append(f"<ins>{escape(''.join(b[j1:j2]))}</ins>")
    return mark_safe("".join(parts))
