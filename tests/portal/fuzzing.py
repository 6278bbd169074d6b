"""What the fuzz tests share (issue 12): the hostile values, how a request's data is drawn from
them, the checks every response must pass, and a bounded, reproducible hypothesis profile.

Runs are small and reproducible (``derandomize``, no example database): ``FUZZ`` fixes the
number of examples (20) and a deadline per example, so the suite stays bounded in time;
``FUZZ_EXAMPLES=500`` runs a longer search locally."""

import datetime
import io
import os
from contextlib import contextmanager

from django.core.cache import cache
from django.db import transaction
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

from portal.apps import UPLOAD_PART_HEADER_BYTES
from tests.factories import PDF

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "20"))
FUZZ = settings(
    max_examples=EXAMPLES,
    # One request rarely takes a tenth of this; a limit much tighter would make CI flaky on a
    # shared 2-core machine, and a value that is slow to parse should still fail the test.
    deadline=datetime.timedelta(seconds=10),
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

SCRIPT = "<script>alert(1)</script>"
# What must never come back verbatim: each would run, or open an element, in the page.
ECHO_MARKERS = [SCRIPT, "<img src=x onerror=alert(1)>", '"><svg onload=alert(1)>']
SQL = ["' OR 1=1--", "1; DROP TABLE bases_base;--", '" OR ""="', "1 UNION SELECT 1--", "%", "_"]
CONTROL = ["\x00", "a\x00b", "\r\n\t", "\x1b[31m\x07\x08", "\x7f\x0b\x0c", "\u202e\u200b\ufeff"]
DIGITS = ["²", "³", "¹²³", "１２３", "١٢٣", "一二三", "3.5", "1e309", "NaN", "-inf", "0x10", " 7 "]
NUMBERS = ["9" * 20, "9223372036854775808", "-9223372036854775809", "2147483648"]
COUNTS = ["-1", "0", "1001", "10000", "x"]  # a formset's TOTAL_FORMS too
TEXTS = ["Ωмир中文عربيᠮᠣᠩᠭᠣᠯ", "𠀀𪚥👨‍👩‍👧e\u0301", "国" * 5000, "a" * 20000, "", " ", "\\"]
HOSTILE = [*ECHO_MARKERS, *SQL, *CONTROL, *DIGITS, *NUMBERS, *COUNTS, *TEXTS]


def hostile_values(forged_ids=()):
    """One hostile value, or a few of them under the same name (a repeated parameter)."""
    one = st.one_of(
        st.sampled_from(HOSTILE),
        st.sampled_from([str(pk) for pk in forged_ids] or ["1"]),
        st.text(max_size=40),
        st.integers(min_value=-(10**21), max_value=10**21).map(str),
        st.lists(st.sampled_from(HOSTILE), min_size=2, max_size=3).map("".join),
    )
    return st.one_of(one, st.lists(one, min_size=2, max_size=3))


def hostile_data(draw, names, forged_ids=(), base=None):
    """``base`` (a valid submission) with one to three of ``names`` made hostile or left out,
    mostly of one part of the form (``unit-``, ``partners-``…), so that a value the part refuses
    often comes with one it takes; and sometimes one more from anywhere."""
    data = dict(base or {})
    parts = {}
    for name in sorted(names):
        parts.setdefault(name.split("-")[0], []).append(name)
    part = parts[draw(st.sampled_from(sorted(parts)))]
    chosen = draw(st.lists(st.sampled_from(part), min_size=1, max_size=3, unique=True))
    chosen += draw(st.lists(st.sampled_from(sorted(names)), max_size=1))
    for name in chosen:
        if draw(st.integers(0, 9)) == 0:
            data.pop(name, None)
        else:
            data[name] = draw(hostile_values(forged_ids))
    return data


def body(response):
    if response.streaming:
        return b"".join(response.streaming_content).decode(errors="replace")
    return response.content.decode(errors="replace")


def checked(response):
    """The response, after the checks every response must pass."""
    assert response.status_code < 500, response.status_code
    text = body(response)
    for marker in ECHO_MARKERS:
        assert marker not in text, f"{marker!r} echoed unescaped"
    return response


def form_errors(response):
    """Whether the page is a form shown again with errors."""
    if response.status_code != 200 or response.context is None:
        return False
    form = response.context.get("form")
    return bool(form is not None and form.is_bound and form.errors)


@contextmanager
def one_example():
    """Every example starts from the same stored state and under the rate limits: it reaches
    the forms' own checks, and a failing example replays the same way."""
    cache.clear()
    with transaction.atomic():
        yield
        transaction.set_rollback(True)


def hostile_upload():
    """A PDF under a hostile name (long, dots, control characters, markup), or a program
    dressed as a PDF: a file field's value."""

    def upload(name, content):
        handle = io.BytesIO(content)
        handle.name = name or "附件.pdf"
        return handle

    names = st.one_of(
        st.sampled_from([*HOSTILE, "." * 40, "国" * 330 + ".pdf", "😀" * 80 + ".pdf"]),
        st.text(max_size=40),
    )
    contents = st.sampled_from([PDF, b"MZ\x90\x00" + b"\x00" * 64])
    return st.builds(upload, names, contents)


def unreadable(payload):
    """Whether a file in ``payload`` has a name too long for the headers of its part of the
    upload (``portal.apps``): the request cannot be read, and is answered with the portal's
    Chinese 400 page. No file system allows such a name; hypothesis draws one now and then."""
    files = [
        item for value in payload.values() for item in _as_list(value) if hasattr(item, "read")
    ]
    # What a part's headers hold besides the name: its disposition, field name and type.
    return any(len(item.name.encode()) > UPLOAD_PART_HEADER_BYTES - 200 for item in files)


def _as_list(value):
    return value if isinstance(value, list) else [value]
