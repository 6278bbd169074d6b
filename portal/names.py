"""How the portal names the people who act in it."""


def person_name(user):
    """A person's name as Chinese names are written: family name first, no space (王建国).
    Django's get_full_name() puts the given name first ("建国 王"). A name kept whole in
    first_name, the usual practice for Chinese names, reads the same. The login name is the
    last resort."""
    name = f"{user.last_name}{user.first_name}".strip()
    return name or user.get_username()


def acting_name(user):
    """Who did something, as the other side of a review reads it: an applicant account by
    its organisation; a recommending department's member for the department, named in full
    (包头市科学技术局); anyone else by their own name. For lists, select ``applicant_account``
    and prefetch ``recommending_departments``."""
    account = getattr(user, "applicant_account", None)
    if account is not None:
        return account.organisation_name
    departments = [department.name for department in user.recommending_departments.all()]
    return "、".join(departments) if departments else person_name(user)
