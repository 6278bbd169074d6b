import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def clear_cache():
    # Wagtail caches site root paths; without this a Site from one test leaks into the next.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def keep_query_log_across_requests():
    """Django empties the query log when a request starts. A query-count assertion that
    follows an earlier one would then compare against the wrong starting point and pass
    whatever happened, so keep the log intact for the test's duration."""
    from django.core.signals import request_started
    from django.db import reset_queries

    request_started.disconnect(reset_queries)
    yield
    request_started.connect(reset_queries)


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private-media"


@pytest.fixture
def site_tree(db):
    """The public site as the demo builds it: home, sections, policy library and the Measures."""
    from tests.factories import build_site

    return build_site()


@pytest.fixture
def measures(site_tree):
    return site_tree.measures
