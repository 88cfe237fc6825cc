"""JSON whose strings cannot be mistaken for markup by a client that pastes them into HTML."""

from rest_framework.renderers import JSONRenderer


class SafeJSONRenderer(JSONRenderer):
    """``<``, ``>`` and ``&`` only occur inside JSON strings, so escaping them changes no value."""

    def render(self, data, accepted_media_type=None, renderer_context=None) -> bytes:
        raw = super().render(data, accepted_media_type, renderer_context)
        return raw.replace(b"<", b"\\u003c").replace(b">", b"\\u003e").replace(b"&", b"\\u0026")


class NinjsRenderer(SafeJSONRenderer):
    """A story as an IPTC ninjs news item, asked for with ``Accept``."""

    media_type = "application/vnd.iptc.ninjs+json"
    format = "ninjs"
