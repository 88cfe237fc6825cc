"""Pictures for readers: uploads checked, renditions cropped around the focal point and kept.

A rendition's address carries a key made from the picture file and its focal point, so a
changed picture gets new addresses and every rendition can be cached for a year.
"""

import hashlib
import os
import tempfile
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from PIL import Image, ImageOps

ALLOWED_FORMATS = {"JPEG": "JPEG", "PNG": "PNG", "WEBP": "WebP"}
MAX_BYTES = 20 * 1024 * 1024
MIN_WIDTH, MIN_HEIGHT = 1200, 675
MAX_PIXELS = 60_000_000
WIDTHS = (480, 800, 1200)
SHARE_WIDTH = 1200
RATIO = 16 / 9
# Modern browsers take WebP; JPEG is for the rest and for social cards.
FORMATS = {
    "webp": ("WEBP", "image/webp", {"quality": 80, "method": 4}),
    "jpg": ("JPEG", "image/jpeg", {"quality": 82, "optimize": True, "progressive": True}),
}


def validate_picture_file(file) -> None:
    """Refuse what is not a JPEG, PNG or WebP picture of a usable size, saying why."""
    if getattr(file, "_committed", False):
        return  # already stored, so checked when it was uploaded; editing its caption is fine
    if file.size > MAX_BYTES:
        raise ValidationError(
            f"The file is {file.size / 1_048_576:.1f} MB; pictures may be at most "
            f"{MAX_BYTES // 1_048_576} MB."
        )
    try:
        file.seek(0)
        with Image.open(file) as image:
            kind, (width, height) = image.format, image.size
            image.verify()
    except (OSError, SyntaxError, Image.DecompressionBombError) as error:
        raise ValidationError("This file is not a picture we can read.") from error
    finally:
        file.seek(0)
    if kind not in ALLOWED_FORMATS:
        raise ValidationError(f"{kind} pictures are not accepted: upload a JPEG, PNG or WebP.")
    if width * height > MAX_PIXELS:
        raise ValidationError(f"{width} × {height} pixels is too large to process.")
    if width < MIN_WIDTH or height < MIN_HEIGHT:
        raise ValidationError(
            f"The picture is {width} × {height} pixels; it needs at least "
            f"{MIN_WIDTH} × {MIN_HEIGHT} to look sharp on large screens."
        )


def crop_box(
    width: int, height: int, focal_x: float, focal_y: float, ratio: float = RATIO
) -> tuple[int, int, int, int]:
    """The largest ``ratio`` box inside the picture, centred on the focal point where it can be."""
    crop_w, crop_h = (width, round(width / ratio))
    if crop_h > height:
        crop_w, crop_h = round(height * ratio), height
    left = min(max(round(focal_x * width - crop_w / 2), 0), width - crop_w)
    top = min(max(round(focal_y * height - crop_h / 2), 0), height - crop_h)
    return left, top, left + crop_w, top + crop_h


def rendition_key(picture) -> str:
    source = f"{picture.image.name}:{picture.focal_x:.4f}:{picture.focal_y:.4f}"
    return hashlib.blake2b(source.encode(), digest_size=8).hexdigest()


def rendition_path(picture, width: int, extension: str) -> Path:
    return (
        Path(settings.MEDIA_ROOT)
        / "renditions"
        / str(picture.pk)
        / f"{rendition_key(picture)}-{width}.{extension}"
    )


def make_rendition(picture, width: int, extension: str) -> Path:
    """The rendition's file, drawn once (written whole, then moved into place) and kept."""
    path = rendition_path(picture, width, extension)
    if path.exists():
        return path
    kind, _, options = FORMATS[extension]
    with picture.image.open("rb") as file, Image.open(file) as original:
        image = ImageOps.exif_transpose(original).convert("RGB")
    box = crop_box(image.width, image.height, picture.focal_x, picture.focal_y)
    image = image.crop(box)
    height = round(width / RATIO)
    if image.width > width:
        image = image.resize((width, height), Image.Resampling.LANCZOS)
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, suffix=f".{extension}")
    with os.fdopen(handle, "wb") as out:
        image.save(out, kind, **options)
    os.replace(temporary, path)
    return path


def rendition_url(picture, width: int, extension: str, key: str | None = None) -> str:
    """The address (a path) of one rendition; it changes when the file or focal point does."""
    from django.urls import reverse

    key = key or rendition_key(picture)
    return reverse("articles:picture", args=[picture.pk, key, width, extension])


def renditions_of(picture) -> list[dict]:
    """Every rendition readers are served: each width in each format, 16:9."""
    key = rendition_key(picture)
    return [
        {
            "width": width,
            "height": round(width / RATIO),
            "extension": extension,
            "content_type": FORMATS[extension][1],
            "path": rendition_url(picture, width, extension, key),
        }
        for width in WIDTHS
        for extension in FORMATS
    ]


def rendition_set(picture) -> dict:
    """What a template needs to show the picture responsively: sources, fallback and share."""
    key = rendition_key(picture)

    def url(width: int, extension: str) -> str:
        return rendition_url(picture, width, extension, key)

    return {
        "picture": picture,
        "webp": ", ".join(f"{url(w, 'webp')} {w}w" for w in WIDTHS),
        "jpg": ", ".join(f"{url(w, 'jpg')} {w}w" for w in WIDTHS),
        "src": url(800, "jpg"),
        "thumb": url(WIDTHS[0], "jpg"),
        "share": url(SHARE_WIDTH, "jpg"),
        "width": SHARE_WIDTH,
        "height": round(SHARE_WIDTH / RATIO),
    }
