from django.contrib.sitemaps import Sitemap

from portal.interaction.models import Question


class QuestionSitemap(Sitemap):
    """The published questions and answers; one in progress is never listed."""

    changefreq = "monthly"
    priority = 0.5

    def items(self):
        return Question.objects.published().order_by("-first_published_at", "-pk")

    def lastmod(self, question):
        return question.last_published_at
