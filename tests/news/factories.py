import datetime

from news.models import NewsPage
from tests.factories import publish_child


def make_news(index, number, **fields):
    fields.setdefault("title", f"测试新闻{number}")
    fields.setdefault("slug", f"news-{number}")
    fields.setdefault("date", datetime.date(2026, 1, 1) + datetime.timedelta(days=number))
    tags = fields.pop("tags", [])
    page = NewsPage(**fields)
    index.add_child(instance=page)
    if tags:
        page.tags.set(tags)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


__all__ = ["make_news", "publish_child"]
