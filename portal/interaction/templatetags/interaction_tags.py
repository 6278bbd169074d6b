from django import template

from portal.interaction.models import Question

register = template.Library()


@register.inclusion_tag("interaction/latest_block.html")
def latest_questions(limit=5):
    """The home page's 互动交流 block: the latest published answers, in one query."""
    return {"questions": list(Question.objects.latest_answered(limit))}
