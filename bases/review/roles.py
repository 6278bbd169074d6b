"""The roles of the review, as permissions. Who may act on a step is decided by the
permissions a user holds (and, for the recommending department and the experts, by the
department's membership and the assignments), never by the name of a group: groups can be
renamed in the admin, and only carry permissions. Which objects a member sees is decided by
the visibility rules (``Application.objects.visible_to``), not by the group alone.

The groups themselves are created by migrations (0005, 0007, 0008), which may name them."""

from django.contrib.auth import get_user_model

from portal.roles import ADMIN_ACCESS, MEDIA_LIBRARY, create_group_with_permissions

# What each role may do, by permission.
VIEW = "bases.view_application"  # every reviewer reads the applications in their scope
VIEW_ALL = "bases.view_all_applications"  # department staff and leadership see every application
REVIEW = "bases.review_application"  # department staff do the department's review steps
DECIDE = "bases.decide_application"  # the leadership group decides on accreditation
SCORE = "bases.score_application"  # the expert pool: may be assigned to score applications

# The default groups, created by migration. Only migrations and the demo use these names.
DEPARTMENT_STAFF = "科技厅工作人员"
RECOMMENDING_DEPARTMENTS = "推荐部门"
LEADERSHIP = "科技厅领导小组"
EXPERTS = "评审专家"


def _holds(user, permission):
    return user.is_authenticated and (user.is_superuser or user.has_perm(permission))


def is_department_staff(user):
    """Department staff and leadership see every application."""
    return _holds(user, VIEW_ALL)


def can_review(user):
    """Department staff handle the department's own review steps (assigning experts, the
    agenda check, inspections, concluding publicity). Leadership decides, but does not do
    staff work."""
    return _holds(user, REVIEW)


def can_decide(user):
    return _holds(user, DECIDE)


def holders_of(permission):
    """The active users who hold ``permission`` through their groups or themselves, less
    superusers, who act everywhere but are not addressed as a role."""
    # Permissions are the model backend's (django-axes' backend only guards logins).
    return get_user_model().objects.with_perm(
        permission, include_superusers=False, backend="django.contrib.auth.backends.ModelBackend"
    )


def expert_pool():
    return holders_of(SCORE)


def _model_permissions(models, actions=("add", "change", "delete", "view")):
    return [("bases", model, f"{action}_{model}") for model in models for action in actions]


def create_application_roles(apps):
    """Create (or complete) the department staff and recommending department groups."""
    create_group_with_permissions(
        apps,
        DEPARTMENT_STAFF,
        ADMIN_ACCESS
        + MEDIA_LIBRARY
        + _model_permissions(["applicationcall", "applicantaccount", "hostorganisation"])
        + _model_permissions(["researchintegrityrecord", "recommendingdepartment"])
        + [
            ("bases", "applicationcall", "publish_applicationcall"),
            ("bases", "applicantaccount", "confirm_applicantaccount"),
            ("bases", "application", "view_application"),
            ("bases", "application", "view_all_applications"),
        ],
    )
    create_group_with_permissions(
        apps,
        RECOMMENDING_DEPARTMENTS,
        ADMIN_ACCESS
        + [
            ("bases", "applicantaccount", "view_applicantaccount"),
            ("bases", "applicantaccount", "confirm_applicantaccount"),
            ("bases", "application", "view_application"),
        ],
    )


def create_review_roles(apps):
    """Complete the staff group for the review, and create leadership and experts."""
    create_group_with_permissions(
        apps,
        DEPARTMENT_STAFF,
        [
            ("bases", "application", "review_application"),
            # Concluding the last step publishes the application: that is the accreditation.
            ("bases", "application", "publish_application"),
            ("bases", "applicationworkflow", "view_applicationworkflow"),
            ("bases", "applicationworkflow", "change_applicationworkflow"),
            ("bases", "expertprofile", "add_expertprofile"),
            ("bases", "expertprofile", "change_expertprofile"),
            ("bases", "expertprofile", "view_expertprofile"),
            ("wagtailcore", "workflow", "add_workflow"),
            ("wagtailcore", "workflow", "change_workflow"),
            ("wagtailcore", "task", "add_task"),
            ("wagtailcore", "task", "change_task"),
        ],
    )
    create_group_with_permissions(
        apps,
        LEADERSHIP,
        ADMIN_ACCESS
        + [
            ("bases", "application", "view_application"),
            ("bases", "application", "view_all_applications"),
            ("bases", "application", "publish_application"),
        ],
    )
    create_group_with_permissions(
        apps, EXPERTS, ADMIN_ACCESS + [("bases", "application", "view_application")]
    )


def grant_step_permissions(apps):
    """The permissions that decide who acts on the decision step and who may be assigned as
    an expert, given to the leadership and expert groups (migration 0008)."""
    create_group_with_permissions(
        apps, LEADERSHIP, [("bases", "application", "decide_application")]
    )
    create_group_with_permissions(apps, EXPERTS, [("bases", "application", "score_application")])


TWO_FACTOR = [("wagtailadmin", "admin", "require_two_factor")]


def require_two_factor(apps):
    """Every group of the review must use a second factor when it is enforced (migration
    0009; see portal.two_factor)."""
    for group in (DEPARTMENT_STAFF, LEADERSHIP, RECOMMENDING_DEPARTMENTS, EXPERTS):
        create_group_with_permissions(apps, group, TWO_FACTOR)


def create_annual_report_roles(apps):
    """Who reads and files the annual reports (Art. 13; migration 0011): staff file them and
    set the years' deadlines, leadership reads them, recommending departments review theirs."""
    create_group_with_permissions(
        apps,
        DEPARTMENT_STAFF,
        [
            ("bases", "annualreport", "view_annualreport"),
            ("bases", "annualreport", "file_annualreport"),
            # Filing, the last step, publishes the report.
            ("bases", "annualreport", "publish_annualreport"),
        ]
        + _model_permissions(["reportingyear"]),
    )
    for group in (LEADERSHIP, RECOMMENDING_DEPARTMENTS):
        create_group_with_permissions(apps, group, [("bases", "annualreport", "view_annualreport")])


def create_revocation_roles(apps):
    """Who proposes and who confirms a revocation (Art. 12, 14; migration 0014): staff
    propose, the leadership confirms; confirming, the last step, publishes it."""
    create_group_with_permissions(
        apps,
        DEPARTMENT_STAFF,
        [
            ("bases", "revocation", "add_revocation"),
            ("bases", "revocation", "change_revocation"),
            ("bases", "revocation", "view_revocation"),
        ],
    )
    create_group_with_permissions(
        apps,
        LEADERSHIP,
        [
            ("bases", "revocation", "view_revocation"),
            ("bases", "revocation", "confirm_revocation"),
            ("bases", "revocation", "publish_revocation"),
        ],
    )
    create_group_with_permissions(
        apps, RECOMMENDING_DEPARTMENTS, [("bases", "revocation", "view_revocation")]
    )


def create_compliance_roles(apps):
    """Who reads and decides the monitor's revocation proposals (Art. 12(四); migration 0012):
    staff decide, leadership and recommending departments read those they may see."""
    create_group_with_permissions(
        apps,
        DEPARTMENT_STAFF,
        [
            ("bases", "complianceflag", "view_complianceflag"),
            ("bases", "complianceflag", "decide_complianceflag"),
        ],
    )
    for group in (LEADERSHIP, RECOMMENDING_DEPARTMENTS):
        create_group_with_permissions(
            apps, group, [("bases", "complianceflag", "view_complianceflag")]
        )


def create_assessment_roles(apps):
    """Who assesses, confirms and re-evaluates (Art. 9, 12; migration 0017): staff open rounds,
    record the results, commend and re-evaluate rectifications; the leadership confirms the
    results (confirming, the round's last step, publishes it); recommending departments read
    their bases' rectifications."""
    create_group_with_permissions(
        apps,
        DEPARTMENT_STAFF,
        [
            ("bases", "assessmentround", "add_assessmentround"),
            ("bases", "assessmentround", "change_assessmentround"),
            ("bases", "assessmentround", "view_assessmentround"),
            ("bases", "rectification", "view_rectification"),
            ("bases", "rectification", "reevaluate_rectification"),
            # Passing the re-evaluation, its last step, publishes the rectification.
            ("bases", "rectification", "publish_rectification"),
        ],
    )
    create_group_with_permissions(
        apps,
        LEADERSHIP,
        [
            ("bases", "assessmentround", "view_assessmentround"),
            ("bases", "assessmentround", "confirm_assessmentround"),
            ("bases", "assessmentround", "publish_assessmentround"),
            ("bases", "rectification", "view_rectification"),
        ],
    )
    create_group_with_permissions(
        apps, RECOMMENDING_DEPARTMENTS, [("bases", "rectification", "view_rectification")]
    )


def create_reward_roles(apps):
    """Who records the rewards and national recommendations (Art. 16–18; migration 0019):
    staff record, correct and remove them; leadership and the recommending departments read
    them (the departments those of their own bases)."""
    create_group_with_permissions(
        apps,
        DEPARTMENT_STAFF,
        _model_permissions(["postsubsidyaward", "nationalrecommendation"]),
    )
    for group in (LEADERSHIP, RECOMMENDING_DEPARTMENTS):
        create_group_with_permissions(
            apps,
            group,
            _model_permissions(["postsubsidyaward", "nationalrecommendation"], actions=("view",)),
        )


def grant_revocation_reversal(apps):
    """The leadership, who confirm revocations, also correct a wrong one by a recorded
    decision (Art. 12; migration 0020)."""
    create_group_with_permissions(apps, LEADERSHIP, [("bases", "revocation", "reverse_revocation")])


def create_change_report_roles(apps):
    """Who reads and decides the major change reports (Art. 14; migration 0022): staff decide
    (the last step publishes the report) and ask hosts to report a change; leadership and the
    recommending departments read those they may see, and the departments act on their own
    step through its actors (``bases.models.change_report_steps``)."""
    create_group_with_permissions(
        apps,
        DEPARTMENT_STAFF,
        [
            ("bases", "changereport", "view_changereport"),
            ("bases", "changereport", "decide_changereport"),
            ("bases", "changereport", "publish_changereport"),
            ("bases", "changereportrequest", "add_changereportrequest"),
            ("bases", "changereportrequest", "change_changereportrequest"),
            ("bases", "changereportrequest", "view_changereportrequest"),
        ],
    )
    for group in (LEADERSHIP, RECOMMENDING_DEPARTMENTS):
        create_group_with_permissions(
            apps,
            group,
            [
                ("bases", "changereport", "view_changereport"),
                ("bases", "changereportrequest", "view_changereportrequest"),
            ],
        )


def create_assessment_expert_roles(apps):
    """The experts staff assign to an assessment round open it to score its bases (Art. 9;
    migration 0023); which rounds, through ``AssessmentRound.objects.visible_to``."""
    create_group_with_permissions(
        apps, EXPERTS, [("bases", "assessmentround", "view_assessmentround")]
    )
