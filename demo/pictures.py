"""The demo newsroom's pictures and deks, drawn and written here: no picture is copied.

Each picture is an abstract graphic drawn with Pillow from a seed, so a fresh machine draws the
same pictures without any file to fetch.
"""

import io
import random

from django.core.files.base import ContentFile
from PIL import Image, ImageDraw

from articles.models import Article, InlinePicture, Picture

WIDTH, HEIGHT = 1600, 900

# stem: (dek, alt text, caption, motif, palette)
DRESS = {
    "china-telecom-widens-ties": (
        "The state carrier carries its venture with AT&T and its pact with Orange into the "
        "internet of things, to follow Chinese companies overseas.",
        "A graphic of connected points spreading out from a central hub across a dark blue field.",
        "China Telecom's partnerships now reach into connected devices.",
        "network",
        ((20, 33, 61), (11, 79, 156), (245, 183, 0)),
    ),
    "xpeng-magna-europe": (
        "The Chinese electric-car maker will have its cars built in Austria, inside the tariff "
        "wall the EU raised against imports from China.",
        "A graphic of a long assembly line of car outlines receding towards the horizon.",
        "XPeng will build cars for Europe at a Magna plant in Austria.",
        "line",
        ((30, 41, 59), (15, 118, 110), (226, 232, 240)),
    ),
    "microsoft-activision-closes": (
        "The biggest deal in gaming closes after 20 months and a reworked remedy for cloud "
        "streaming rights in the UK.",
        "A graphic of stacked blocks in two colours merging into one tower.",
        "Microsoft's $68.7bn purchase of Activision Blizzard is complete.",
        "blocks",
        ((40, 20, 60), (124, 58, 237), (250, 204, 21)),
    ),
    "vodafone-three-merger": (
        "The combined VodafoneThree becomes Britain's largest mobile operator by customers, "
        "with a promise of £11bn in network investment.",
        "A graphic of two sets of radio waves overlapping above a row of masts.",
        "Vodafone and Three UK now operate as one company.",
        "waves",
        ((127, 29, 29), (30, 41, 59), (254, 226, 226)),
    ),
}


# stem: (after paragraph, alt text, caption, motif, palette): a picture inside the story.
INLINE = {
    "china-telecom-widens-ties": (
        4,
        "A graphic of two overlapping rings, one blue and one orange, over a grid of small dots.",
        "The Orange partnership now covers connected devices as well as corporate networks.",
        "rings",
        ((30, 41, 59), (11, 79, 156), (249, 115, 22)),
    ),
}


def _draw(seed: str, motif: str, palette) -> bytes:
    rng = random.Random(seed)
    dark, accent, light = palette
    image = Image.new("RGB", (WIDTH, HEIGHT), dark)
    draw = ImageDraw.Draw(image)
    for y in range(HEIGHT):  # a soft vertical gradient towards the accent colour
        t = y / HEIGHT * 0.6
        draw.line(
            [(0, y), (WIDTH, y)],
            fill=tuple(round(d + (a - d) * t) for d, a in zip(dark, accent, strict=True)),
        )
    if motif == "network":
        hub = (WIDTH // 2, HEIGHT // 2)
        points = [(rng.randint(80, WIDTH - 80), rng.randint(80, HEIGHT - 80)) for _ in range(26)]
        for point in points:
            draw.line([hub, point], fill=light, width=3)
        for x, y in points:
            draw.ellipse([x - 12, y - 12, x + 12, y + 12], fill=light)
        draw.ellipse([hub[0] - 40, hub[1] - 40, hub[0] + 40, hub[1] + 40], fill=light)
    elif motif == "line":
        for i in range(12):
            scale = 1 - i * 0.07
            w, h = 260 * scale, 90 * scale
            x, y = 120 + i * 120 * scale, HEIGHT * 0.62 - i * 18
            draw.rounded_rectangle([x, y, x + w, y + h], radius=30 * scale, outline=light, width=5)
        draw.line([(0, HEIGHT * 0.75), (WIDTH, HEIGHT * 0.55)], fill=light, width=4)
    elif motif == "blocks":
        for i in range(9):
            colour = light if i % 2 else accent
            x = WIDTH // 2 - 220 + rng.randint(-30, 30)
            y = HEIGHT - 110 - i * 85
            draw.rectangle([x, y, x + 440, y + 70], fill=colour, outline=dark, width=4)
    elif motif == "rings":
        for x in range(60, WIDTH, 80):
            for y in range(60, HEIGHT, 80):
                draw.ellipse([x - 3, y - 3, x + 3, y + 3], fill=accent)
        for cx, colour in ((WIDTH * 0.4, accent), (WIDTH * 0.6, light)):
            draw.ellipse([cx - 260, 190, cx + 260, 710], outline=colour, width=28)
    else:  # waves
        for i in range(7):
            r = 90 + i * 70
            for cx in (WIDTH * 0.38, WIDTH * 0.62):
                draw.arc([cx - r, 420 - r, cx + r, 420 + r], 200, 340, fill=light, width=6)
        for x in range(100, WIDTH, 160):
            draw.polygon([(x, HEIGHT - 40), (x + 30, HEIGHT - 260), (x + 60, HEIGHT - 40)], light)
    out = io.BytesIO()
    image.save(out, "JPEG", quality=85)
    return out.getvalue()


def _picture(stem: str, alt: str, caption: str, motif: str, palette) -> Picture:
    picture = Picture.objects.filter(alt_text=alt).first()
    if picture is None:
        picture = Picture(
            alt_text=alt,
            caption=caption,
            credit="Newsroom graphics",
            rights_holder="Newsroom",
            licence="Staff work",
            focal_x=0.5,
            focal_y=0.45,
        )
        picture.image.save(f"{stem}.jpg", ContentFile(_draw(stem, motif, palette)), save=False)
        picture.save()
    return picture


def dress_stories(stories: dict[str, Article]) -> None:
    """Give the demo stories their deks, lead pictures and pictures inside, once."""
    for stem, (after, alt, caption, motif, palette) in INLINE.items():
        if stem in stories:
            InlinePicture.objects.get_or_create(
                article=stories[stem],
                picture=_picture(f"{stem}-inside", alt, caption, motif, palette),
                defaults={"after_paragraph": after},
            )
    for stem, (dek, alt, caption, motif, palette) in DRESS.items():
        article = stories.get(stem)
        if article is None:
            continue
        picture = _picture(stem, alt, caption, motif, palette)
        if not article.dek or article.lead_picture_id is None:
            article.dek = article.dek or dek
            article.lead_picture = picture
            article.save(update_fields=["dek", "lead_picture"])
