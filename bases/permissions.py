"""The roles that handle applications in the Wagtail admin. Groups are created by migration;
which objects a member sees is decided by ``Application.objects.visible_to`` and
``ApplicantAccount.objects.manageable_by``, not by the group alone."""

from portal.roles import ADMIN_ACCESS, MEDIA_LIBRARY, create_group_with_permissions

DEPARTMENT_STAFF = "科技厅工作人员"
RECOMMENDING_DEPARTMENTS = "推荐部门"
LEADERSHIP = "科技厅领导小组"
EXPERTS = "评审专家"


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
