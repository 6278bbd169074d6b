from django.apps import AppConfig
from django.db import DEFAULT_DB_ALIAS
from django.db.backends.signals import connection_created
from django.db.models.signals import post_migrate


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = "门户"

    def ready(self):
        from . import page_cache, sqlite

        # Every committed write to public data retires the stored pages (portal.page_cache).
        connection_created.connect(page_cache.watch, dispatch_uid="portal.page_cache.watch")
        post_migrate.connect(
            lambda **kwargs: page_cache.invalidate(),
            sender=self,
            weak=False,
            dispatch_uid="portal.page_cache.migrated",
        )
        # Fresh tables and indexes: SQLite's planner needs their statistics (portal.sqlite).
        post_migrate.connect(
            lambda using=DEFAULT_DB_ALIAS, **kwargs: sqlite.analyze(using),
            sender=self,
            weak=False,
            dispatch_uid="portal.sqlite.analyze",
        )
