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
