import pytest
from django.core.cache import cache
from django.core.signals import request_finished, request_started
from django.db import connections, reset_queries

from tests.factories import build_site


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
    return build_site()


@pytest.fixture
def measures(site_tree):
    return site_tree.measures


@pytest.fixture(autouse=True)
def commit_at_the_end_of_each_request():
    """A review step's mail waits for its transaction to commit, as it does in production,
    where the request's transaction commits before the response leaves. A test runs inside
    one transaction that never commits, so run what each request left waiting for the commit
    when the request finishes, as the commit would have (what a rolled-back savepoint
    registered is gone by then, as in production)."""
    marks = {}

    def started(**kwargs):
        for connection in connections.all(initialized_only=True):
            marks[connection.alias] = len(connection.run_on_commit)

    def finished(**kwargs):
        for connection in connections.all(initialized_only=True):
            start = marks.get(connection.alias, 0)
            waiting = connection.run_on_commit[start:]
            del connection.run_on_commit[start:]
            for _savepoints, callback, _robust in waiting:
                callback()

    request_started.connect(started)
    request_finished.connect(finished)
    yield
    request_started.disconnect(started)
    request_finished.disconnect(finished)
