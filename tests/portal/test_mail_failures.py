"""Every mail leaves through portal.mail with one policy: when the mail server is down, what the
user did stands, nothing is half-done, the failure is logged, and the user is told what to
retry, on the page, in Chinese, with what they typed kept. Never a 500."""

import pytest
from django.urls import reverse

from bases.models import ApplicantAccount, Application, ApplicationStatus, BaseType
from tests.factories import (
    HOHHOT_BUREAU,
    ApplicantAccountFactory,
    Reviewers,
    act,
    make_member,
    registration_data,
    submitted_application,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def mail_server_down(settings, caplog):
    settings.EMAIL_BACKEND = "tests.mail_backends.DownBackend"
    return caplog


def test_registration_stands_and_says_to_resend_the_verification_mail(
    client, site_tree, mail_server_down
):
    response = client.post(reverse("apply_register"), registration_data(), follow=True)
    assert response.status_code == 200
    assert ApplicantAccount.objects.filter(user__username="zhang.xiaoming@example.org").exists()
    html = response.content.decode()
    assert "验证邮件暂时未能发出" in html
    assert "我们已向" not in html
    assert reverse("apply_verify_resend") in html
    assert "邮件发送失败" in mail_server_down.text


def test_resending_the_verification_mail_says_it_failed(client, site_tree, settings):
    client.post(reverse("apply_register"), registration_data())
    settings.EMAIL_BACKEND = "tests.mail_backends.DownBackend"
    response = client.post(reverse("apply_verify_resend"), {"email": "zhang.xiaoming@example.org"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "邮件暂时未能发出，请稍后重试。" in html
    assert 'value="zhang.xiaoming@example.org"' in html


def test_a_password_reset_request_reveals_nothing_when_the_mail_fails(
    client, site_tree, mail_server_down
):
    ApplicantAccountFactory(email="known@example.org")
    response = client.post(reverse("apply_password_reset"), {"email": "known@example.org"})
    assert response.status_code == 302
    assert "邮件发送失败" in mail_server_down.text


def test_confirming_an_account_stands_and_warns_that_the_applicant_was_not_told(
    client, site_tree, settings
):
    client.post(reverse("apply_register"), registration_data())
    account = ApplicantAccount.objects.get(user__username="zhang.xiaoming@example.org")
    settings.EMAIL_BACKEND = "tests.mail_backends.DownBackend"
    client.force_login(make_member("hohhot-bureau", HOHHOT_BUREAU))
    response = client.post(reverse("applicant_accounts:confirm", args=[account.pk]), follow=True)
    assert response.status_code == 200
    account.refresh_from_db()
    assert account.confirmed_at is not None
    assert "但通知邮件未能发出，请另行告知申请人" in response.content.decode()


def test_a_review_step_stands_when_its_notice_cannot_be_mailed(client, site_tree, settings):
    people = Reviewers()
    application = submitted_application(BaseType.DEMONSTRATION_BASE)
    settings.EMAIL_BACKEND = "tests.mail_backends.DownBackend"
    response = act(client, people.hohhot, application, "approve", comment="同意推荐")
    assert response.status_code == 302
    application = Application.objects.get(pk=application.pk)
    assert application.status == ApplicationStatus.EXPERT_REVIEW
