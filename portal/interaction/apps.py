from django.apps import AppConfig


class InteractionConfig(AppConfig):
    name = "portal.interaction"
    label = "interaction"
    verbose_name = "互动交流"

    def ready(self):
        from wagtail.signals import published

        from portal.interaction.models import Question
        from portal.interaction.notifications import tell_asker_on_publish

        published.connect(
            tell_asker_on_publish, sender=Question, dispatch_uid="interaction_tell_asker"
        )
