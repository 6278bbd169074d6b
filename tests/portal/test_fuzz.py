"""Hostile input, property-based (issue 12): hypothesis sends long strings, control characters
and NUL, superscript and full-width digits, huge and negative numbers, mixed scripts, SQL and
HTML fragments, tampered formset counts and forged ids (other users' objects, 20-digit numbers)
to every public query parameter, every public form, the ids in public addresses, and every
section of the application form posted by a signed-in applicant. For each request it checks:

- never a 5xx (the test client re-raises a view's exception, so a crash fails with its trace);
- an invalid submission stores nothing: when the form comes back with errors, the rows it
  would write are as before (for the application: the stored fields of every part of the form
  that has errors), and another applicant's objects never change;
- nothing sent is echoed unescaped: no ``<script>`` fragment appears verbatim in a response.

The parameter names come from the listings' FilterSets and the forms' own fields, so a new
filter or field is fuzzed without touching this file; ``test_fuzz_coverage`` walks the URL
resolver so that a new address cannot be left out. The values, the checks and the bounded
hypothesis profile are in ``tests/portal/fuzzing.py``."""

import datetime
from urllib.parse import quote

import pytest
from django.contrib.auth.tokens import default_token_generator
from django.core import mail
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from hypothesis import given
from hypothesis import strategies as st

from alliance.forms import ContactPosterForm
from alliance.models import AlliancePage, BoardFilter
from bases.accounts.forms import (
    ApplicantLoginForm,
    ApplicantPasswordResetForm,
    ApplicantSetPasswordForm,
    RegistrationForm,
    ResendVerificationForm,
)
from bases.applying.forms import (
    ApplicationSections,
    AttachmentsForm,
    ConditionsForm,
    StartApplicationForm,
)
from bases.models import (
    AnnualReport,
    ApplicantAccount,
    Application,
    ApplicationAttachment,
    ApplicationPartner,
    ApplicationProject,
    BaseType,
    ChangeReport,
    ChangeReportAttachment,
    HostOrganisation,
    Rectification,
    RectificationAttachment,
)
from bases.registry.directory import DirectoryFilter
from bases.review.roles import DEPARTMENT_STAFF
from news.models.pages import NewsFilter
from portal.admin_forms import PortalLoginForm
from portal.interaction.forms import AskForm
from portal.interaction.models import Question
from portal.interaction.views import QuestionFilter
from portal.models.policy import PolicyFilter
from tests.factories import (
    PASSWORD,
    PDF,
    ApplicantAccountFactory,
    ApplicationCallFactory,
    ResourcePostFactory,
    User,
    attach,
    complete_application,
    edit_post_data,
    make_applicant,
    make_application,
    make_base,
    make_government,
    make_user,
    open_rectification,
    publish_child,
    registration_data,
    submitted_change_report,
)
from tests.portal.fuzzing import (
    FUZZ,
    checked,
    form_errors,
    hostile_data,
    hostile_values,
    one_example,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(client, site_tree):
    """Something to find and something to forge: bases, an alliance board post, a call, an
    unverified account, and another applicant's application with partners, projects and files."""
    for placeholder in site_tree.home.get_children().filter(slug="alliance"):
        placeholder.delete()
    publish_child(site_tree.home, AlliancePage(title="基地联盟", slug="alliance"))
    base = make_base("包头市", fields=["稀土新材料"], countries=["DE"])
    make_base("赤峰市", name="草原生态国际合作基地")
    post = ResourcePostFactory(base=base, fields=["稀土新材料"])
    call = ApplicationCallFactory()
    unverified = ApplicantAccountFactory(verified=False).user
    other = complete_application(make_application(make_applicant(), call=call))
    return {
        "base": base,
        "post": post,
        "call": call,
        "unverified": unverified,
        "other": other,
        "forged": [
            base.pk,
            post.pk,
            call.pk,
            other.pk,
            *other.partners.values_list("pk", flat=True),
            *other.projects.values_list("pk", flat=True),
            *other.attachments.values_list("pk", flat=True),
            99999999999999999999,
        ],
    }


def others_objects(application):
    """Another applicant's application as stored, to show that forged ids leave it alone."""
    return (
        list(Application.objects.filter(pk=application.pk).values()),
        list(ApplicationPartner.objects.filter(application=application).values()),
        list(ApplicationProject.objects.filter(application=application).values()),
        list(ApplicationAttachment.objects.filter(application=application).values()),
    )


# Every public listing and the names of its query parameters, from the code that reads them.
PAGINATED = ["page"]
LISTINGS = {
    "/bases/": [*DirectoryFilter.base_filters, *PAGINATED],
    "/bases/export.csv": [*DirectoryFilter.base_filters],
    "/bases/export.json": [*DirectoryFilter.base_filters],
    "/bases/stats/": [],
    "/policy/": [*PolicyFilter.base_filters, *PAGINATED],
    "/news/": [*NewsFilter.base_filters, *PAGINATED],
    "/news/feed/rss/": [],
    "/news/feed/atom/": [],
    "/alliance/board/": [*BoardFilter.base_filters, *PAGINATED],
    "/search/": ["q", *PAGINATED],  # portal.views.search
    "/interaction/": [*QuestionFilter.base_filters, *PAGINATED],
    "/interaction/faq/": [],
    "/apply/": [],
    "/apply/login/": ["next"],  # Django's LoginView
    "/apply/verify/resend/": ["email"],  # ResendVerificationView.get_initial
    "/apply/register/done/": [],
    "/apply/password-reset/sent/": [],
    "/apply/reset/done/": [],
    "/admin/login/": ["next"],  # Wagtail's LoginView
}


@pytest.mark.parametrize("url", LISTINGS)
def test_query_parameters_take_any_value(client, world, url):
    # A parameter no view reads is fuzzed too: it must be ignored like the rest.
    names = [*LISTINGS[url], "utm_source"]

    @FUZZ
    @given(st.data())
    def request(data):
        with one_example():
            params = hostile_data(data.draw, names, world["forged"])
            response = checked(client.get(url, params))
            assert response.status_code in (200, 400), response.status_code

    request()


# Addresses with an id or a slug in them; ``{}`` is replaced by the hostile value.
ADDRESSES = [
    "/bases/{}/",
    "/bases/stats/{}.csv",
    "/alliance/board/{}/",
    "/interaction/{}/",
    "/interaction/follow/{}/",
    "/news/feed/{}/rss/",
    "/news/feed/{}/atom/",
    "/apply/calls/{}/",
    "/apply/calls/{}/start/",
    "/apply/mine/{}/",
    "/apply/mine/{}/edit/",
    "/apply/mine/{}/withdraw/",
    "/apply/mine/{}/certificate/",
    "/apply/files/{}/",
    "/apply/bases/reports/{}/",
    "/apply/bases/reports/{}/edit/",
    "/apply/bases/report-files/{}/",
    "/apply/bases/{}/2025/{}/start/",
    "/apply/bases/rectifications/{}/",
    "/apply/bases/rectifications/{}/edit/",
    "/apply/bases/rectification-files/{}/",
    "/apply/bases/{}/changes/start/",
    "/apply/bases/changes/{}/",
    "/apply/bases/changes/{}/edit/",
    "/apply/bases/change-files/{}/",
    "/apply/verify/{}/{}/",
    "/apply/reset/{}/{}/",
]


@pytest.fixture
def their_reports(world):
    """Another host's base with a change report and a rectification, each with a file."""
    user = world["other"].applicant
    base = make_base(host=user.applicant_account.host, accredited_on=datetime.date(2023, 6, 1))
    change = submitted_change_report(user, base)
    rectification = open_rectification(base)
    rectification.attachments.create(
        file=ContentFile(PDF, name="整改.pdf"), original_name="整改.pdf", size=len(PDF)
    )
    return [
        base.pk,
        change.pk,
        rectification.pk,
        *change.attachments.values_list("pk", flat=True),
        *rectification.attachments.values_list("pk", flat=True),
    ]


def reports_as_stored():
    models = (ChangeReport, ChangeReportAttachment, Rectification, RectificationAttachment)
    return [list(model.objects.order_by("pk").values()) for model in models] + [
        AnnualReport.objects.count()
    ]


# Each address gets its own examples: sampling one of 24 in 20 examples would leave some out.
@pytest.mark.parametrize("address", ADDRESSES)
def test_ids_in_addresses_take_any_value(client, world, their_reports, address):
    """Signed in as an applicant: another applicant's application, reports and files are 404,
    a post to them changes and starts nothing, and a forged verification link activates
    nobody."""
    client.force_login(make_applicant())
    other = world["other"]
    before, reports_before = others_objects(other), reports_as_stored()
    unverified = world["unverified"]
    uid = urlsafe_base64_encode(force_bytes(unverified.pk))
    values = hostile_values([*world["forged"], *their_reports, uid]).map(
        lambda value: value if isinstance(value, str) else value[0]
    )

    @FUZZ
    @given(values, values)
    def request(value, token):
        with one_example():
            url = address.format(quote(value, safe=""), quote(token, safe=""))
            response = checked(client.get(url))
            # 405: a GET of an address that only takes a POST (starting a report).
            assert response.status_code in (200, 302, 400, 404, 405), (url, response.status_code)
            posted = checked(client.post(url, {"reason": value}))
            if address.startswith(("/apply/mine/", "/apply/files/", "/apply/bases/")):
                # Nothing of another applicant's, to read or to post to.
                assert response.status_code in (404, 405), url
                assert posted.status_code in (404, 405), url
            assert others_objects(other) == before
            assert reports_as_stored() == reports_before
            assert not User.objects.get(pk=unverified.pk).is_active

    request()


def _registration(world):
    return registration_data(email="fuzz.register@example.org")


def _login(world):
    account = ApplicantAccountFactory()
    return {"username": account.user.email, "password": PASSWORD}


def _admin_login(world):
    make_user("fuzz-staff", DEPARTMENT_STAFF)
    return {"username": "fuzz-staff", "password": PASSWORD, "remember": "on"}


def _contact(world):
    return {
        "name": "王工",
        "organisation": "某研究所",
        "email": "visitor@example.org",
        "phone": "0471-1234567",
        "message": "希望了解平台的开放时间和收费标准。",
        "website": "",
    }


def _question(world):
    # The captcha's key and answer (captcha_0, captcha_1) are not the fuzzed field names: every
    # fuzzed submission is refused by the captcha, and must store nothing.
    return {
        "asker_name": "李华",
        "contact_email": "lihua@example.org",
        "topic": "policy",
        "question": "国合基地的年度工作总结在哪里填写？",
        "captcha": "",
    }


def _stored_questions():
    return Question.objects.count()


def _stored_accounts():
    return [model.objects.count() for model in (User, HostOrganisation, ApplicantAccount)]


def _stored_mail():
    return len(mail.outbox)


def _stored_applications():
    return Application.objects.count()


def _signed_in(client):
    return client.session.get("_auth_user_id")


# Every public form: its address, its form class (whose fields are fuzzed), a valid submission
# and what an invalid one must leave as it was.
FORMS = {
    "register": ("/apply/register/", RegistrationForm, _registration, _stored_accounts),
    "login": ("/apply/login/", ApplicantLoginForm, _login, None),
    "admin-login": ("/admin/login/", PortalLoginForm, _admin_login, None),
    "resend": (
        "/apply/verify/resend/",
        ResendVerificationForm,
        lambda world: {"email": world["unverified"].email},
        _stored_mail,
    ),
    "password-reset": (
        "/apply/password-reset/",
        ApplicantPasswordResetForm,
        lambda world: {"email": world["other"].applicant.email},
        _stored_mail,
    ),
    "contact": (
        "/alliance/board/{post}/",
        ContactPosterForm,
        _contact,
        _stored_mail,
    ),
    "ask": ("/interaction/ask/", AskForm, _question, _stored_questions),
}


@pytest.mark.parametrize("name", FORMS)
def test_public_forms_answer_hostile_values_on_the_form(client, world, name):
    url, form_class, valid, stored = FORMS[name]
    url = url.format(post=world["post"].pk)
    base = valid(world)
    assert set(form_class.base_fields) <= set(base), "the valid submission misses a field"

    @FUZZ
    @given(st.data())
    def submit(data):
        with one_example():
            client.logout()
            payload = hostile_data(data.draw, form_class.base_fields, world["forged"], base)
            before = stored() if stored else None
            response = checked(client.post(url, payload))
            if form_errors(response):
                assert _signed_in(client) is None
                if stored:
                    assert stored() == before

    submit()


@pytest.fixture
def applicant(client, world):
    user = make_applicant(registration_date=datetime.date(2015, 1, 1))
    client.force_login(user)
    return user


def test_the_set_password_form_keeps_the_password_on_errors(client, world, applicant):
    token = default_token_generator.make_token(applicant)
    uid = urlsafe_base64_encode(force_bytes(applicant.pk))
    client.logout()
    url = client.get(f"/apply/reset/{uid}/{token}/")["Location"]  # the token moves to the session
    names = ApplicantSetPasswordForm.base_fields

    @FUZZ
    @given(st.data())
    def submit(data):
        with one_example():
            password = User.objects.get(pk=applicant.pk).password
            base = {"new_password1": PASSWORD + "x", "new_password2": PASSWORD + "x"}
            response = checked(client.post(url, hostile_data(data.draw, names, (), base)))
            if form_errors(response):
                assert User.objects.get(pk=applicant.pk).password == password

    submit()


def test_starting_an_application_takes_any_type(client, world, applicant):
    url = reverse("apply_start", args=[world["call"].pk])
    names = StartApplicationForm.base_fields

    @FUZZ
    @given(st.data())
    def submit(data):
        with one_example():
            before = _stored_applications()
            response = checked(client.post(url, hostile_data(data.draw, names, world["forged"])))
            if form_errors(response):
                assert _stored_applications() == before

    submit()


def _stored_value(application, name):
    field = Application._meta.get_field(name)
    if field.many_to_many:
        return sorted(getattr(application, name).values_list("pk", flat=True))
    return getattr(application, field.attname)


def stored_parts(application):
    """What each part of the edit page (a form or a table of rows) has stored, in the order of
    ``ApplicationSections.all()``."""
    application = Application.objects.get(pk=application.pk)
    parts = []
    for _section, form in ApplicationSections(application).all():
        if hasattr(form, "management_form"):
            rows = form.model.objects.filter(application=application).order_by("pk")
            parts.append(list(rows.values()))
        elif isinstance(form, ConditionsForm):
            parts.append(application.condition_statements)
        elif isinstance(form, AttachmentsForm):
            parts.append(sorted(application.attachments.current().values_list("pk", flat=True)))
        else:
            parts.append({name: _stored_value(application, name) for name in form._meta.fields})
    return parts


# Names the edit page does not render but a forger may send.
FORGED_FIELDS = ["partners-0-id", "projects-0-id", "partners-0-DELETE", "attachments-remove"]


@pytest.mark.parametrize(
    "kind", [BaseType.DEMONSTRATION_BASE, BaseType.INNOVATION_PARK], ids=["host", "government"]
)
def test_every_section_of_the_application_takes_hostile_values(client, world, kind):
    """Parts of the form without errors are saved as a draft; a part with errors keeps what
    it had stored, whatever else in the same submission was right."""
    user = make_government() if kind == BaseType.INNOVATION_PARK else make_applicant()
    client.force_login(user)
    application = complete_application(make_application(user, call=world["call"], base_type=kind))
    attach(application, ApplicationAttachment.Kind.OTHER, "合作协议.pdf")
    url = reverse("apply_edit", args=[application.pk])
    other = world["other"]
    forged = [
        *world["forged"],
        *application.attachments.values_list("pk", flat=True),
        *application.partners.values_list("pk", flat=True),
        1001,
    ]
    unchanged = edit_post_data(application)  # what the page posts when nothing is changed
    names = {*unchanged, *FORGED_FIELDS}

    @FUZZ
    @given(st.data())
    def submit(data):
        with one_example():
            payload = hostile_data(data.draw, names, forged, unchanged)
            before, others_before = stored_parts(application), others_objects(other)
            response = checked(client.post(url, payload))
            assert response.status_code in (200, 302), response.status_code
            after = stored_parts(application)
            if response.status_code == 200:
                parts = response.context["sections"].all()
                assert any(not form.is_valid() for _section, form in parts)
                for index, (section, form) in enumerate(parts):
                    if not form.is_valid():
                        assert after[index] == before[index], (section, form.errors)
            assert others_objects(other) == others_before

    submit()
