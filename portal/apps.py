from django.apps import AppConfig
from django.db import DEFAULT_DB_ALIAS
from django.db.backends.signals import connection_created
from django.db.models.signals import post_migrate
from django.http import multipartparser

# Room for the headers of one part of an upload, its file name among them. Django allows
# 1,024 bytes and answers a bare 400 beyond (ticket #34968): a name of 330 Chinese characters
# is 990 bytes, so the whole form was lost. 8 KiB holds any name a file system allows (255
# characters of four bytes each) and still bounds what is read before the part's body.
UPLOAD_PART_HEADER_BYTES = 8 * 1024


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = "门户"

    def ready(self):
        from . import page_cache, sqlite

        multipartparser.MAX_TOTAL_HEADER_SIZE = UPLOAD_PART_HEADER_BYTES

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
