"""History pages in the admin: every earlier version can be read, none can be written back.

django-simple-history's per-version page saves whatever is posted to it, with no more than
permission to view history; a reporter could republish a withdrawn story that way. Here it only
shows. A story is restored from its Revisions page, through the workflow's services and checks.
"""

from django.core.exceptions import PermissionDenied
from simple_history.admin import SimpleHistoryAdmin


class HistoryAdmin(SimpleHistoryAdmin):
    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if request.method not in ("GET", "HEAD"):
            raise PermissionDenied("Earlier versions are read-only here.")
        return super().history_form_view(request, object_id, version_id, extra_context)

    def revert_disabled(self, request, obj=None) -> bool:
        return True
