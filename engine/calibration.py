"""Confidence that means what it says: each kind of evidence is given the share of proposals
with that evidence that were right, and a reliability table shows how well that holds."""

# Share of agreement proposals with this evidence, and this many mentions (3 standing for 3 or
# more), that were right (kind and party set) on the dev split of the real-news evaluation set,
# measured on 2026-11-26 after the engine-quality round: 49 proposals, 45 right. Each cell is
# (right + 4 x 0.7) / (proposals + 4): small cells are pulled toward 0.7, a little below the
# split's share, because the dev split is in-sample for the rules as well as for these numbers
# (the rules were written while reading it); the test split was not read.
CONFIDENCE = {
    ("kind word, parties named", 1): 0.85,  # 12 of 13
    ("kind word, parties named", 2): 0.9,  # 10 of 10
    ("kind word, parties named", 3): 0.9,  # 20 of 22 (pooled with 2: 30 of 32)
    ("loose word, parties named", 1): 0.55,  # 0 of 1
    ("loose word, parties named", 2): 0.75,  # 1 of 1
    ("loose word, parties named", 3): 0.75,  # 1 of 1
    ("referred back", 1): 0.75,  # 1 of 1
    ("referred back", 2): 0.7,  # none seen
    ("referred back", 3): 0.7,  # none seen
}


def reliability(
    outcomes: list[tuple[float, bool]], edges: tuple[float, ...] = (0.5, 0.65, 0.75, 0.85, 1.0)
) -> list[tuple[str, int, float, float]]:
    """(confidence band, proposals, mean confidence, share right) for each band with proposals."""
    rows, low = [], 0.0
    for high in edges:
        band = [(c, ok) for c, ok in outcomes if low <= c < high or (high == 1.0 and c == 1.0)]
        if band:
            mean = sum(c for c, _ in band) / len(band)
            right = sum(ok for _, ok in band) / len(band)
            rows.append((f"{low:.2f}-{high:.2f}", len(band), mean, right))
        low = high
    return rows


def render(rows: list[tuple[str, int, float, float]]) -> str:
    """The reliability table as text: a well-calibrated engine has mean confidence near right."""
    lines = ["  confidence   proposals   mean confidence   share right"]
    for band, count, mean, right in rows:
        lines.append(f"  {band:<12} {count:>9}   {mean:>15.2f}   {right:>11.2f}")
    return "\n".join(lines)
