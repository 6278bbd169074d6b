from django.apps import AppConfig
from django.db.models.signals import post_save


class NewsConfig(AppConfig):
    name = "news"
    verbose_name = "新闻动态"

    def ready(self):
        from news.editorial import on_news_index_saved
        from news.models import NewsIndexPage

        post_save.connect(on_news_index_saved, sender=NewsIndexPage, dispatch_uid="news-section")
