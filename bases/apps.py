from django.apps import AppConfig


class BasesConfig(AppConfig):
    name = "bases"
    verbose_name = "国合基地"

    def ready(self):
        from wagtail.signals import published

        from bases.accreditation import accredit_on_publish
        from bases.notifications import on_application_transition
        from bases.signals import application_transition

        published.connect(accredit_on_publish, dispatch_uid="bases_accredit_on_publish")
        application_transition.connect(
            on_application_transition, dispatch_uid="bases_application_notifications"
        )
