"""What every bench script measures of a page: its SQL queries and its mean render time."""

import time

from django.db import connection


def measure(client, url, requests):
    """(queries of one request, mean milliseconds per request over ``requests`` more)."""
    queries = []

    def count(run, sql, *args):
        queries.append(sql)
        return run(sql, *args)

    with connection.execute_wrapper(count):
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    started = time.perf_counter()
    for _ in range(requests):
        client.get(url)
    return len(queries), (time.perf_counter() - started) / requests * 1000
