"""Two editors saved the same story: keep what only one of them changed, ask about the rest.

Three versions meet: the one an editor opened (``base``), the one saved since by someone else
(``theirs``) and the editor's form (``mine``). A field only they changed keeps their value; a
field only I changed keeps mine; a field we both changed differently is a conflict, settled per
field by the editor ("mine" or "theirs"). Nothing is overwritten without a choice.
"""

from dataclasses import dataclass, field


@dataclass
class Merge:
    taken_from_them: list[str] = field(default_factory=list)  # the rest stays as the form has it
    conflicts: dict[str, tuple[object, object]] = field(default_factory=dict)  # mine, theirs


def merge(
    base: dict[str, object],
    theirs: dict[str, object],
    mine: dict[str, object],
    choices: dict[str, str],
) -> Merge:
    """Merge field by field; ``choices`` maps a field to "mine" or "theirs" where both changed."""
    result = Merge()
    for name, value in mine.items():
        they_changed = theirs[name] != base[name]
        i_changed = value != base[name]
        if not they_changed or value == theirs[name]:
            continue
        if not i_changed or choices.get(name) == "theirs":
            result.taken_from_them.append(name)
        elif choices.get(name) != "mine":
            result.conflicts[name] = (value, theirs[name])
    return result
