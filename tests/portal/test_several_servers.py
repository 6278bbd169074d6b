"""What several app servers share, configured from the environment: private files on
S3-compatible object storage (uploaded through the applicant's form, kept under private/ in the
bucket and nowhere on local disk, read back only through the permission-checked download view),
sessions in the database and search on OpenSearch. The bucket is moto's in-process S3 endpoint
(the outside world); everything else is the portal's own code. The page cache's sharing is in
test_page_cache.py, the two servers side by side in bench/run.py."""

import datetime
import json
import os
import subprocess
import sys

import boto3
import pytest
from django.urls import reverse
from moto import mock_aws

from bases.models import ApplicationAttachment
from tests.factories import PDF, edit_post_data, make_applicant, make_application, pdf_upload

pytestmark = pytest.mark.django_db

BUCKET = "portal-files"


@pytest.fixture
def bucket(settings):
    with mock_aws():
        boto3.client("s3", region_name="us-east-1").create_bucket(Bucket=BUCKET)
        options = {
            "bucket_name": BUCKET,
            "region_name": "us-east-1",
            "access_key": "testing",
            "secret_key": "testing",
            "file_overwrite": False,
        }
        settings.STORAGES = {
            **settings.STORAGES,
            "private": {
                "BACKEND": "storages.backends.s3.S3Storage",
                "OPTIONS": {**options, "location": "private", "default_acl": "private"},
            },
        }
        yield boto3.client("s3", region_name="us-east-1")


def stored_keys(s3):
    return [item["Key"] for item in s3.list_objects_v2(Bucket=BUCKET).get("Contents", [])]


def test_an_uploaded_attachment_lives_in_the_bucket_and_is_served_only_to_its_owner(
    client, site_tree, bucket, settings
):
    applicant = make_applicant(registration_date=datetime.date(2015, 1, 1))
    draft = make_application(applicant)
    client.force_login(applicant)
    data = edit_post_data(draft, **{"attachments-implementation_plan": pdf_upload("方案.pdf")})
    response = client.post(reverse("apply_edit", args=[draft.pk]), data)
    assert response.status_code == 302

    attachment = ApplicationAttachment.objects.get(application=draft)
    keys = stored_keys(bucket)
    assert keys == [f"private/{attachment.file.name}"]
    assert not os.path.exists(settings.PRIVATE_MEDIA_ROOT) or not any(
        files for _root, _dirs, files in os.walk(settings.PRIVATE_MEDIA_ROOT)
    )
    with pytest.raises(ValueError):
        attachment.file.url  # noqa: B018 - no public address, not even a signed one

    download = reverse("apply_file", args=[attachment.pk])
    response = client.get(download)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["Cache-Control"] == "private, no-store"

    client.force_login(make_applicant())
    assert client.get(download).status_code == 404
    client.logout()
    assert client.get(download)["Location"].startswith(reverse("apply_login"))


def settings_under(**env):
    """The settings a process started with ``env`` (and no other S3_/SEARCH_ variable) has."""
    script = (
        "import json; from django.conf import settings; "
        "print(json.dumps({'storages': settings.STORAGES, "
        "'docs': getattr(settings, 'WAGTAILDOCS_SERVE_METHOD', None), "
        "'search': settings.WAGTAILSEARCH_BACKENDS, 'sessions': settings.SESSION_ENGINE}))"
    )
    environment = {
        key: value for key, value in os.environ.items() if not key.startswith(("S3_", "SEARCH_"))
    }
    environment.update(DJANGO_SETTINGS_MODULE="portal.settings.base", **env)
    result = subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {script}"],
        env=environment,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(result.stdout)


def test_s3_settings_put_media_and_private_files_in_the_bucket():
    """S3_BUCKET alone switches both storages; without it, files stay on disk."""
    on = settings_under(S3_BUCKET="portal-files", S3_ENDPOINT_URL="https://obs.example.cn")
    assert on["storages"]["private"]["OPTIONS"]["location"] == "private"
    assert on["storages"]["private"]["OPTIONS"]["default_acl"] == "private"
    assert on["storages"]["private"]["OPTIONS"]["endpoint_url"] == "https://obs.example.cn"
    assert on["storages"]["default"]["OPTIONS"]["location"] == "media"
    assert on["docs"] == "serve_view"

    off = settings_under()
    assert "private" not in off["storages"]
    assert off["storages"]["default"]["BACKEND"].endswith("FileSystemStorage")
    assert off["sessions"] == "django.contrib.sessions.backends.db"


def test_search_moves_to_opensearch_with_an_analyzer_that_keeps_jiebas_words():
    default = settings_under()["search"]["default"]
    assert default["BACKEND"] == "wagtail.search.backends.database"

    opensearch = settings_under(SEARCH_URL="https://search.internal:9200")["search"]["default"]
    assert opensearch["BACKEND"] == "wagtail.search.backends.opensearch2"
    assert opensearch["URLS"] == ["https://search.internal:9200"]
    analyzer = opensearch["INDEX_SETTINGS"]["settings"]["analysis"]["analyzer"]["default"]
    assert analyzer == {"type": "custom", "tokenizer": "whitespace", "filter": ["lowercase"]}

    elastic = settings_under(
        SEARCH_URL="http://es:9200", SEARCH_ENGINE="elasticsearch", SEARCH_ANALYZER="smartcn"
    )["search"]["default"]
    assert elastic["BACKEND"] == "wagtail.search.backends.elasticsearch8"
    assert elastic["INDEX_SETTINGS"]["settings"]["analysis"]["analyzer"]["default"] == {
        "type": "smartcn"
    }
