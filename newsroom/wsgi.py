import gc
import os

from django.core.wsgi import get_wsgi_application
from django.urls import get_resolver

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")

application = get_wsgi_application()

# What is loaded by now (Django, the apps, every view module behind the URLs: about 100,000
# objects) lives as long as the process. Frozen, it is left out of the garbage collector's
# passes: without this, each full pass walked all of it and stopped a worker mid-request for
# up to 400 ms under load, the story page's p99 (issue 17, measured with gc.callbacks).
get_resolver().url_patterns  # noqa: B018 - imports every view module now, not on first request
gc.collect()
gc.freeze()
