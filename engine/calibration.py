"""Confidence that means what it says: each kind of evidence is given the share of proposals
with that evidence that were right, and a reliability table shows how well that holds."""

# Share of agreement proposals with this evidence that matched a gold deal (kind and parties).
# Measured by ``reliability`` on the regression set; see the README for the table.
CONFIDENCE = {
    "kind word, parties named": 0.85,
    "loose word, parties named": 0.7,
    "referred back": 0.6,
    "each further mention": 0.03,
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
