"""Date arithmetic that the database does itself."""

from django.db.models import Func, IntegerField


class DateYear(Func):
    """The year of a date column. Django's ExtractYear calls a Python function for every row on
    SQLite (to apply time zones, which a date does not have): at 2,000 bases that was most of
    a grouped query's time. SQLite's own strftime does it in C."""

    # PostgreSQL's EXTRACT gives a numeric: cast, so that a year is an int on both.
    template = "CAST(EXTRACT(YEAR FROM %(expressions)s) AS INTEGER)"
    output_field = IntegerField()
    arity = 1

    def as_sqlite(self, compiler, connection, **extra_context):
        return self.as_sql(
            compiler,
            connection,
            template="CAST(strftime('%%%%Y', %(expressions)s) AS INTEGER)",
            **extra_context,
        )
