import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def clear_cache():
    # Wagtail caches site root paths; without this a Site from one test leaks into the next.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def site_tree(db):
    """The public site as the demo builds it: home, sections, policy library and the Measures."""
    from tests.factories import build_site

    return build_site()


@pytest.fixture
def measures(site_tree):
    return site_tree.measures
