"""The roles that handle applications in the Wagtail admin. Groups are created by migration;
which objects a member sees is decided by ``Application.objects.visible_to`` and
``ApplicantAccount.objects.manageable_by``, not by the group alone."""

from portal.roles import ADMIN_ACCESS, MEDIA_LIBRARY, create_group_with_permissions

DEPARTMENT_STAFF = "科技厅工作人员"
RECOMMENDING_DEPARTMENTS = "推荐部门"


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
