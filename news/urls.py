from django.urls import path

from news.feeds import AtomNewsFeed, NewsFeed

urlpatterns = [
    path("feed/rss/", NewsFeed(), name="news_feed_rss"),
    path("feed/atom/", AtomNewsFeed(), name="news_feed_atom"),
    path("feed/<slug:category>/rss/", NewsFeed(), name="news_category_feed_rss"),
    path("feed/<slug:category>/atom/", AtomNewsFeed(), name="news_category_feed_atom"),
]
