"""Every URL of the project, for every role, against an application that is and one that is
not the role's own. Each URL pattern must have a row in ``RULES``: a URL added without one
fails ``test_every_url_has_a_row``, so that no view reaches production unexamined.

The rows say what each kind of URL may give whom:
- ``application``: an application's admin views. Outside ``visible_to`` → 404; a view that
  is not a reviewer's (delete, copy, unpublish, revert, lock…) → 403 for all but superusers.
- ``reward``: the admin views of a post-subsidy award or a national recommendation (Art.
  16–18). Outside ``visible_to`` → 404; a view not in ``REWARD_VIEWS`` (copying, bulk
  actions…) → 403; no view permission (experts, news and alliance roles) → 403; adding,
  editing and deleting are staff's (everyone else who reads is sent back to the dashboard).
- ``bulk``: Wagtail's bulk actions. Refused on applications, and on any snippet model to
  whoever lacks the action's permission, so that no confirmation page lists names.
- ``admin_public``: the login and what it loads, for everyone.
- ``admin``: every other admin view. Anonymous visitors and applicants are sent to the login;
  no role's page names an application that role may not see.
- ``apply``: the applicant's pages of one application: its owner only; everyone else 404
  (or the login page).
- ``public``: the public site; no page names an application that is not accredited.
- ``change_report``: a major change report's admin views (Art. 14), as ``application`` but
  against ``ChangeReport.objects.visible_to``: the base's department, staff and leadership.
- ``apply_change``: the host's pages and files of one change report: its host only (the
  files also to the report's reviewers); everyone else 404 or the login page.
"""

import json
import re

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from wagtail.models import ModelLogEntry

from bases.models import (
    Application,
    ApplicationAttachment,
    BaseType,
    ChangeReport,
    ChangeReportAttachment,
    ExpertProfile,
)
from bases.review.change_report_admin import CHANGE_REPORT_VIEWS
from bases.review.reward_admin import REWARD_VIEWS
from bases.review.viewsets import REVIEWER_VIEWS
from news.editorial import NEWS_EDITORS, NEWS_REVIEWERS
from tests.factories import (
    NationalRecommendationFactory,
    PostSubsidyAwardFactory,
    Reviewers,
    act,
    make_base,
    make_user,
    submitted_application,
    submitted_change_report,
)

pytestmark = pytest.mark.django_db

# (pattern on the full route, kind). The first matching row applies.
RULES = [
    (r"^admin/snippets/(choose/)?bases/application/", "application"),
    (r"^admin/snippets/(choose/)?bases/(postsubsidyaward|nationalrecommendation)/", "reward"),
    (r"^admin/snippets/(choose/)?bases/changereport/", "change_report"),
    (r"^admin/bulk/", "bulk"),
    # What the admin serves before anyone logs in: the login itself and its assets.
    (r"^admin/(login|logout|password_reset|sprite|jsi18n)", "admin_public"),
    (r"^admin/", "admin"),
    (r"^django-admin/", "admin"),
    (r"^apply/(mine/<int:pk>|files/<int:pk>)", "apply"),
    (r"^apply/bases/(changes|change-files)/<int:pk>", "apply_change"),
    (r"^apply/", "public"),
    (r"^(bases|news|search|documents|policy)/", "public"),
    (r"^(?!admin/)", "public"),
]

ROLES = [
    "anonymous",
    "applicant_a",
    "applicant_b",
    "hohhot",
    "baotou",
    "expert_assigned",
    "expert_unassigned",
    "news_editor",
    "news_reviewer",
    "secretariat",
    "staff",
    "leader",
]


def walk(patterns=None, prefix="", namespace=""):
    for pattern in patterns if patterns is not None else get_resolver().url_patterns:
        if isinstance(pattern, URLResolver):
            inner = namespace
            if pattern.namespace:
                inner = f"{namespace}:{pattern.namespace}" if namespace else pattern.namespace
            yield from walk(pattern.url_patterns, prefix + str(pattern.pattern), inner)
        elif isinstance(pattern, URLPattern):
            pattern.full_name = (
                f"{namespace}:{pattern.name}" if namespace and pattern.name else pattern.name
            )
            yield prefix + str(pattern.pattern), pattern


def kind_of(route):
    for expression, kind in RULES:
        if re.search(expression, route):
            return kind
    return None


def test_every_url_has_a_row():
    unclassified = [route for route, _pattern in walk() if kind_of(route) is None]
    assert not unclassified, unclassified


SAMPLES = {
    "revision_id_a": "earliest",
    "revision_id_b": "latest",
    "action": "delete",
    "action_name": "approve",
}


def concrete(route, pk, app_label="bases", model_name="application", pattern=None, model=None):
    """A URL for ``route`` with ``pk`` for every object id and sample values elsewhere; task
    states are those of the ``model`` object (an application unless told)."""
    subject = (model or Application).objects.filter(pk=pk).first()
    task_state = subject.current_workflow_task_state if subject else None

    def value(name, converter="str"):
        if name == "task_state_id" and task_state is not None:
            return str(task_state.pk)
        if name == "workflow_state_id" and task_state is not None:
            return str(task_state.workflow_state_id)
        if name in ("pk", "object_id", "application_id", "id"):
            return str(pk)
        if name == "app_label":
            return app_label
        if name == "model_name":
            return model_name
        if name in SAMPLES:
            return SAMPLES[name]
        return "1" if converter in ("int", "") else "x"

    if "(?P<" in route:
        # A regular expression: let Django build it from the pattern's name.
        names = re.findall(r"\(\?P<(\w+)>", route)
        return reverse(pattern.full_name, kwargs={name: value(name, "int") for name in names})
    url = re.sub(r"<(?:(\w+):)?(\w+)>", lambda m: value(m.group(2), m.group(1) or ""), route)
    return "/" + url.lstrip("^").rstrip("$")


@pytest.fixture
def world(site_tree):
    people = Reviewers()
    mine = submitted_application(BaseType.DEMONSTRATION_BASE)  # 呼和浩特市
    staff = Client()
    act(staff, people.hohhot, mine, "approve")
    staff.force_login(people.staff)
    staff.post(
        f"/admin/snippets/bases/application/assign-experts/{mine.pk}/",
        {"experts": [people.experts[0].pk]},
    )
    theirs = submitted_application(BaseType.DEMONSTRATION_BASE, league="包头市")
    Application.objects.filter(pk=mine.pk).update(base_name="探测甲基地")
    Application.objects.filter(pk=theirs.pk).update(base_name="探测乙基地")
    mine, theirs = (Application.objects.get(pk=a.pk) for a in (mine, theirs))
    # A change report of a base of each applicant's host, in its department's review.
    change_mine, change_theirs = (
        submitted_change_report(
            application.applicant,
            make_base(host=application.applicant.applicant_account.host, name=name),
        )
        for application, name in ((mine, "探测丙基地"), (theirs, "探测丁基地"))
    )
    users = {
        "anonymous": None,
        "applicant_a": mine.applicant,
        "applicant_b": theirs.applicant,
        "hohhot": people.hohhot,
        "baotou": people.baotou,
        "expert_assigned": people.experts[0],
        "expert_unassigned": people.experts[1],
        "news_editor": make_user("news_editor", NEWS_EDITORS),
        "news_reviewer": make_user("news_reviewer", NEWS_REVIEWERS),
        "secretariat": make_user("secretariat", "联盟秘书处"),
        "staff": people.staff,
        "leader": people.leader,
    }
    return {
        "mine": mine,
        "theirs": theirs,
        "change_mine": change_mine,
        "change_theirs": change_theirs,
        "users": users,
    }


# Who sees the 呼和浩特市 application ("mine"); nobody here but 包头 and staff sees "theirs".
SEES_MINE = {"applicant_a", "hohhot", "expert_assigned", "staff", "leader"}
SEES_THEIRS = {"applicant_b", "baotou", "staff", "leader"}
ADMIN_ROLES = set(ROLES) - {"anonymous", "applicant_a", "applicant_b"}
REVIEW_ROLES = {"hohhot", "baotou", "expert_assigned", "expert_unassigned", "staff", "leader"}
# Views whose id is not the application's (an inspection report), or whose object does not
# exist yet for an application in review (its certificate): a 404 there is no refusal.
ABOUT_SOMETHING_ELSE = {"inspection_report", "certificate"}
ACTING = {"workflow_action", "collect_workflow_action_data"}


def client_for(user):
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def page_text(response):
    """What a page shows, with the HTML inside JSON answers (choosers, modals) unescaped."""
    if response.get("Content-Type", "").startswith("application/json"):
        return json.dumps(response.json(), ensure_ascii=False)
    return response.content.decode(errors="replace")


def to_login(response):
    return response.status_code == 302 and "/login/" in response["Location"]


def routes_of(kind):
    return [(route, pattern) for route, pattern in walk() if kind_of(route) == kind]


@pytest.mark.parametrize("role", ROLES)
def test_an_applications_admin_urls(world, role):
    user = world["users"][role]
    client = client_for(user)
    for route, pattern in routes_of("application"):
        for which, sees in (("mine", SEES_MINE), ("theirs", SEES_THEIRS)):
            application = world[which]
            url = concrete(route, application.pk, pattern=pattern)
            if pattern.name == "chosen_multiple":
                url += f"?id={application.pk}"
            response = client.get(url)
            where = f"{role} {which} {route}"
            if role not in ADMIN_ROLES:
                assert to_login(response), where
            elif role not in REVIEW_ROLES:
                # No permission on applications at all: Wagtail refuses, the gate or the view.
                assert response.status_code in (302, 403, 404), where
                assert "/login/" not in response.get("Location", ""), where
            elif "<" not in route and "(?P" not in route and "?id=" not in url:
                # A listing: it names only what the role sees.
                if pattern.name in REVIEWER_VIEWS:
                    assert response.status_code == 200, where
                    page = page_text(response)
                    assert (application.base_name in page) == (role in sees), where
                else:
                    assert response.status_code == 403, where
            elif pattern.name not in REVIEWER_VIEWS:
                assert response.status_code == 403, where
            elif role not in sees:
                assert response.status_code == 404, where
            elif pattern.name in ABOUT_SOMETHING_ELSE:
                assert response.status_code not in (403, 500), where
            elif pattern.name in ACTING:
                # Wagtail refuses an action that is not the role's on this step; the object
                # itself is found.
                assert response.status_code not in (404, 500), where
            else:
                assert response.status_code not in (403, 404, 500), where


@pytest.fixture
def rewards(world):
    """An award and a recommendation on a 呼和浩特市 base ("mine") and on a 包头市 one."""
    records = {"postsubsidyaward": {}, "nationalrecommendation": {}}
    for which, league in (("mine", "呼和浩特市"), ("theirs", "包头市")):
        base = make_base(league, name=f"探测{which}奖励基地")
        records["postsubsidyaward"][which] = PostSubsidyAwardFactory(base=base)
        records["nationalrecommendation"][which] = NationalRecommendationFactory(base=base)
    return records


REWARD_READERS = {"hohhot", "baotou", "staff", "leader"}
SEES_MY_REWARD = {"hohhot", "staff", "leader"}
SEES_THEIR_REWARD = {"baotou", "staff", "leader"}
RECORDING = {"add", "edit", "delete", "usage"}  # Wagtail asks for add, change or delete


@pytest.mark.parametrize("role", ROLES)
def test_a_rewards_admin_urls(world, rewards, role):
    client = client_for(world["users"][role])
    for route, pattern in routes_of("reward"):
        model_name = next(name for name in rewards if f"/{name}/" in route)
        for which, sees in (("mine", SEES_MY_REWARD), ("theirs", SEES_THEIR_REWARD)):
            record = rewards[model_name][which]
            url = concrete(route, record.pk, model_name=model_name, pattern=pattern)
            if pattern.name == "chosen_multiple":
                url += f"?id={record.pk}"
            response = client.get(url)
            where = f"{role} {which} {route}"
            if role not in ADMIN_ROLES:
                assert to_login(response), where
            elif role not in REWARD_READERS or pattern.name not in REWARD_VIEWS:
                assert response.status_code == 403, where
            elif "<" not in route and "?id=" not in url:
                if pattern.name == "add":
                    expected = 200 if role == "staff" else 302
                    assert response.status_code == expected, where
                else:  # a listing: it names only what the role sees
                    assert response.status_code == 200, where
                    assert (record.base.name in page_text(response)) == (role in sees), where
            elif role not in sees:
                assert response.status_code == 404, where
            elif pattern.name in RECORDING and role != "staff":
                assert response.status_code == 302 and response.url == "/admin/", where
            else:
                assert response.status_code == 200, where


@pytest.mark.parametrize("role", ROLES)
def test_bulk_actions_list_nothing_that_is_not_the_roles(world, role):
    client = client_for(world["users"][role])
    expert = ExpertProfile.objects.first()
    targets = [
        ("bases", "application", world["theirs"].pk),
        ("bases", "application", world["mine"].pk),
        ("bases", "expertprofile", expert.pk),
        ("bases", "hostorganisation", world["theirs"].host_id or 1),
    ]
    for app_label, model_name, pk in targets:
        for ids in (f"?id={pk}", "?id=all"):
            url = f"/admin/bulk/{app_label}/{model_name}/delete/{ids}"
            response = client.get(url)
            if role not in ADMIN_ROLES:
                assert to_login(response), (role, url)
            else:
                # No role here may delete these: staff may not delete applications or experts.
                may = role == "staff" and model_name == "hostorganisation"
                assert response.status_code == (200 if may else 403), (role, url)


def test_unpublishing_an_accredited_application_is_refused_to_reviewers(world):
    application = world["mine"]
    Application.objects.filter(pk=application.pk).update(live=True)
    for role in ("staff", "leader"):
        client = client_for(world["users"][role])
        response = client.post(f"/admin/snippets/bases/application/unpublish/{application.pk}/")
        assert response.status_code == 403, role
    assert Application.objects.get(pk=application.pk).live
    assert not ModelLogEntry.objects.filter(action="wagtail.unpublish").exists()


@pytest.mark.parametrize("role", sorted(ADMIN_ROLES))
def test_no_other_admin_page_names_an_application_the_role_may_not_see(world, role):
    client = client_for(world["users"][role])
    hidden = [
        world[which].base_name
        for which, sees in (("mine", SEES_MINE), ("theirs", SEES_THEIRS))
        if role not in sees
    ]
    for route, pattern in routes_of("admin"):
        response = client.get(concrete(route, world["theirs"].pk, pattern=pattern))
        assert response.status_code < 500, (role, route)
        if response.status_code == 200 and not response.streaming:
            page = page_text(response)
            for name in hidden:
                assert name not in page, (role, route)


@pytest.mark.parametrize("role", ["anonymous", "applicant_a", "applicant_b"])
def test_admin_urls_send_visitors_and_applicants_to_the_login(world, role):
    client = client_for(world["users"][role])
    for route, pattern in routes_of("admin"):
        response = client.get(concrete(route, 1, pattern=pattern))
        assert response.status_code in (302, 404), (role, route, response.status_code)
        if response.status_code == 302:
            assert "/login/" in response["Location"], (role, route)


@pytest.mark.parametrize("role", ROLES)
def test_an_applications_public_pages_are_its_owners(world, role):
    client = client_for(world["users"][role])
    attachment = ApplicationAttachment.objects.filter(application=world["mine"]).first()
    for route, pattern in routes_of("apply"):
        pk = attachment.pk if route.startswith("apply/files/") else world["mine"].pk
        response = client.get(concrete(route, pk, pattern=pattern))
        where = (role, route)
        if role == "applicant_a":
            assert response.status_code in (200, 302, 404), where
        elif route.startswith("apply/files/") and role in SEES_MINE:
            assert response.status_code == 200, where
        else:
            assert response.status_code in (302, 404), where
            assert world["mine"].base_name not in response.content.decode(), where


@pytest.mark.parametrize("role", ["anonymous", "applicant_b", "baotou"])
def test_no_public_page_names_an_application(world, role):
    client = client_for(world["users"][role])
    for route, pattern in routes_of("public"):
        response = client.get(concrete(route, world["mine"].pk, pattern=pattern))
        assert response.status_code < 500, (role, route)
        if response.status_code == 200 and not response.streaming:
            assert world["mine"].base_name not in response.content.decode(), (role, route)


# Who sees each change report in the admin; its host sees it on the public site only.
CHANGE_SEES_MINE = {"hohhot", "staff", "leader"}
CHANGE_SEES_THEIRS = {"baotou", "staff", "leader"}
CHANGE_REVIEW_ROLES = {"hohhot", "baotou", "staff", "leader"}


@pytest.mark.parametrize("role", ROLES)
def test_a_change_reports_admin_urls(world, role):
    client = client_for(world["users"][role])
    for route, pattern in routes_of("change_report"):
        for which, sees in (
            ("change_mine", CHANGE_SEES_MINE),
            ("change_theirs", CHANGE_SEES_THEIRS),
        ):
            report = world[which]
            url = concrete(
                route, report.pk, model_name="changereport", pattern=pattern, model=ChangeReport
            )
            if pattern.name == "chosen_multiple":
                url += f"?id={report.pk}"
            response = client.get(url)
            where = f"{role} {which} {route}"
            if role not in ADMIN_ROLES:
                assert to_login(response), where
            elif role not in CHANGE_REVIEW_ROLES:
                # Experts and the news and alliance roles have no part in change reports.
                assert response.status_code in (302, 403), where
                assert "/login/" not in response.get("Location", ""), where
            elif "<" not in route and "(?P" not in route and "?id=" not in url:
                if pattern.name in CHANGE_REPORT_VIEWS:
                    assert response.status_code == 200, where
                    assert (report.base.name in page_text(response)) == (role in sees), where
                else:
                    assert response.status_code == 403, where
            elif pattern.name not in CHANGE_REPORT_VIEWS:
                assert response.status_code == 403, where
            elif role not in sees:
                assert response.status_code == 404, where
            elif pattern.name in ACTING:
                assert response.status_code not in (404, 500), where
            else:
                # The edit view of a step that is not the role's redirects; nothing refuses.
                assert response.status_code not in (403, 404, 500), where


@pytest.mark.parametrize("role", ROLES)
def test_a_change_reports_public_pages_are_its_hosts(world, role):
    client = client_for(world["users"][role])
    report = world["change_mine"]
    attachment = ChangeReportAttachment.objects.get(report=report)
    for route, _pattern in routes_of("apply_change"):
        is_file = route.startswith("apply/bases/change-files/")
        response = client.get(concrete(route, attachment.pk if is_file else report.pk))
        where = (role, route)
        if role == "applicant_a":
            assert response.status_code in (200, 302), where
        elif is_file and role in CHANGE_SEES_MINE:
            assert response.status_code == 200, where
        else:
            assert response.status_code in (302, 404), where
            assert report.base.name not in response.content.decode(), where
