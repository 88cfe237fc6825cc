"""A company's partner network drawn as SVG on the server: the company in the middle, partners around.

Pure: names and links in, SVG text out; every name is escaped.
"""

import math

from django.utils.html import escape

WIDTH, HEIGHT = 640, 420
RADIUS = 150


def _label(text: str, limit: int = 26) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _text(x: float, y: float, css: str, content: str) -> str:
    """A label over a white halo of itself, so no line runs through it like a strikethrough."""
    at = f'x="{x:.1f}" y="{y:.1f}" text-anchor="middle"'
    return (
        f'<text {at} class="{css} halo" aria-hidden="true">{content}</text>'
        f'<text {at} class="{css}">{content}</text>'
    )


def network_svg(
    center: str, partners: list[tuple[str, str, str]], *, title_id: str = "network-title"
) -> str:
    """``partners``: (name, page url, what links them, e.g. 'joint venture'). Empty when none."""
    if not partners:
        return ""
    cx, cy = WIDTH / 2, HEIGHT / 2
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" role="group" '
        f'aria-labelledby="{title_id}" class="network">',
        f'<title id="{title_id}">Partner network of {escape(center)}</title>',
    ]
    # Every line first, then every label, so no line is drawn over a label.
    labels, nodes = [], []
    count = len(partners)
    for index, (name, url, link) in enumerate(partners):
        angle = -math.pi / 2 + 2 * math.pi * index / count
        x, y = cx + RADIUS * 1.45 * math.cos(angle), cy + RADIUS * math.sin(angle)
        mx, my = (cx + x) / 2, (cy + y) / 2
        parts.append(f'<line x1="{cx:.1f}" y1="{cy:.1f}" x2="{x:.1f}" y2="{y:.1f}" class="edge"/>')
        labels.append(_text(mx, my - 4, "edge-label", escape(_label(link, 22))))
        nodes.append(
            f'<a href="{escape(url)}"><circle cx="{x:.1f}" cy="{y:.1f}" r="8" class="partner"/>'
            f"{_text(x, y + 24, 'node-label', escape(_label(name)))}</a>"
        )
    parts.append(f'<circle cx="{cx:.1f}" cy="{cy:.1f}" r="14" class="centre"/>')
    parts.extend(labels)
    parts.extend(nodes)
    parts.append(_text(cx, cy + 34, "node-label centre-label", escape(_label(center))))
    parts.append("</svg>")
    return "".join(parts)
