"""Absolute addresses of public pages and API objects, without a ``reverse()`` per row."""


class Links:
    PAGES = {
        "article": "articles",
        "company": "companies",
        "agreement": "deals",
        "section": "sections",
        "reporter": "reporters",
    }
    API = {"article": "articles", "company": "companies", "agreement": "agreements"}

    def __init__(self, request=None, *, site: str = ""):
        """Addresses on the site a request came to, or on ``site`` (outside a request)."""
        self.site = (request.build_absolute_uri("/") if request else site).rstrip("/")

    def page(self, kind: str, slug: str) -> str:
        return f"{self.site}/{self.PAGES[kind]}/{slug}/"

    def api(self, kind: str, slug: str) -> str:
        return f"{self.site}/api/v1/{self.API[kind]}/{slug}/"

    def stories(self, filter_name: str, slug: str) -> str:
        """The API's list of live stories filtered by ``filter_name=slug``."""
        return f"{self.site}/api/v1/articles/?{filter_name}={slug}"

    def path(self, path: str) -> str:
        return self.site + path
