import pytest

from news.editorial import NEWS_EDITORS, NEWS_REVIEWERS
from tests.factories import make_user


@pytest.fixture
def editor(db):
    return make_user("editor", NEWS_EDITORS)


@pytest.fixture
def reviewer(db):
    return make_user("reviewer", NEWS_REVIEWERS)
