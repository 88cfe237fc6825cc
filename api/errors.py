"""Every API error is ``{"error": {"code", "message", "param"}}``, whatever raised it."""

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.http import Http404
from rest_framework import exceptions
from rest_framework.views import exception_handler


class InvalidParameter(exceptions.ValidationError):
    """A query parameter the API cannot use; the message says why, ``param`` names it."""

    def __init__(self, param: str, message: str, code: str = "invalid_parameter"):
        super().__init__({param: [message]})
        self.param = param
        self.message = message
        self.error_code = code


CODES = {
    exceptions.NotAuthenticated: "not_authenticated",
    exceptions.AuthenticationFailed: "invalid_key",
    exceptions.PermissionDenied: "forbidden",
    exceptions.NotFound: "not_found",
    exceptions.MethodNotAllowed: "method_not_allowed",
    exceptions.NotAcceptable: "not_acceptable",
    exceptions.UnsupportedMediaType: "unsupported_media_type",
    exceptions.Throttled: "rate_limited",
    exceptions.ParseError: "malformed_request",
}


def _first_error(detail) -> tuple[str | None, str]:
    """The parameter and message of the first error in a DRF error structure."""
    if isinstance(detail, dict):
        for name, value in detail.items():
            _, message = _first_error(value)
            return (None if name == "non_field_errors" else str(name)), message
    if isinstance(detail, list) and detail:
        return _first_error(detail[0])
    return None, str(detail)


def error_body(code: str, message: str, param: str | None = None) -> dict:
    return {"error": {"code": code, "message": message, "param": param}}


def handle(exc, context):
    if isinstance(exc, Http404):
        exc = exceptions.NotFound("Nothing live is found at this address.")
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied()
    response = exception_handler(exc, context)
    if response is None:
        return None
    if isinstance(exc, InvalidParameter):
        response.data = error_body(exc.error_code, exc.message, exc.param)
    elif isinstance(exc, exceptions.ValidationError):
        param, message = _first_error(exc.detail)
        response.data = error_body("invalid_parameter", message, param)
    else:
        code = next((c for cls, c in CODES.items() if isinstance(exc, cls)), "error")
        response.data = error_body(code, str(exc.detail))
    return response
