from news.models.citations import PolicyCitation
from news.models.pages import (
    NewsAttachment,
    NewsCategory,
    NewsIndexPage,
    NewsPage,
    NewsPageTag,
)

__all__ = [
    "NewsAttachment",
    "NewsCategory",
    "NewsIndexPage",
    "NewsPage",
    "NewsPageTag",
    "PolicyCitation",
]
