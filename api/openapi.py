"""How the OpenAPI document describes the key: an ``Authorization`` header ``Api-Key <key>``."""

from drf_spectacular.extensions import OpenApiAuthenticationExtension


class PartnerKeyScheme(OpenApiAuthenticationExtension):
    target_class = "api.authentication.PartnerKeyAuthentication"
    name = "PartnerKey"

    def get_security_definition(self, auto_schema):
        return {
            "type": "apiKey",
            "in": "header",
            "name": "Authorization",
            "description": (
                "Send `Authorization: Api-Key <key>`. Keys are issued per partner by the "
                "newsroom; each tier has its own requests-per-minute limit."
            ),
        }
