from news.models.pages import (
    NewsAttachment,
    NewsCategory,
    NewsIndexPage,
    NewsPage,
    NewsPageTag,
)

__all__ = ["NewsAttachment", "NewsCategory", "NewsIndexPage", "NewsPage", "NewsPageTag"]
