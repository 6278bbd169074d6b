"""bench/run.py's servers: the production settings, plus the bench's two reference addresses.

Never used by a deployment: only the bench starts gunicorn with this module, against a bench
database (var/bench/ or BENCH_DATABASE_URL) that `load_bench_content` filled.
"""

from .production import *  # noqa: F403

# /bench/trivial/ in front of the portal's own addresses (portal.bench_urls).
ROOT_URLCONF = "portal.bench_urls"
