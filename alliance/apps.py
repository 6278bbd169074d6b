from django.apps import AppConfig
from django.db.models.signals import post_save


class AllianceConfig(AppConfig):
    name = "alliance"
    verbose_name = "基地联盟"

    def ready(self):
        from alliance.models import AlliancePage, leave_alliance_when_revoked
        from alliance.permissions import on_alliance_page_saved
        from bases.signals import base_status_changed

        base_status_changed.connect(leave_alliance_when_revoked, dispatch_uid="alliance-revoked")
        post_save.connect(on_alliance_page_saved, sender=AlliancePage, dispatch_uid="alliance-page")
