import io

import pytest
from django.core.files.images import ImageFile
from PIL import Image as PILImage
from wagtail.images import get_image_model

from news.editorial import NEWS_EDITORS, NEWS_REVIEWERS
from tests.factories import make_user


@pytest.fixture
def editor(db):
    return make_user("editor", NEWS_EDITORS)


@pytest.fixture
def reviewer(db):
    return make_user("reviewer", NEWS_REVIEWERS)


def make_image(title="封面"):
    buffer = io.BytesIO()
    PILImage.new("RGB", (640, 400), (11, 61, 122)).save(buffer, "PNG")
    return get_image_model().objects.create(
        title=title, file=ImageFile(buffer, name=f"{title}.png")
    )
