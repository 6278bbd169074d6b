"""What the embedded SQLite database (``make run``) needs that PostgreSQL does by itself."""

from django.db import DEFAULT_DB_ALIAS, connections


def analyze(using=DEFAULT_DB_ALIAS):
    """Give SQLite's query planner the table statistics that PostgreSQL's autovacuum keeps.
    Without them SQLite takes every index for selective: it listed the directory through the
    status index (two values) and sorted 2,000 bases, where the name index gives them in order."""
    connection = connections[using]
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
