"""Forms of the Wagtail admin that the portal adjusts."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.auth import LoginForm

from portal.logins import TOO_MANY_LOGINS, is_locked_out


class PortalLoginForm(LoginForm):
    """Wagtail's login form names its password field by the field's name ("Password"), which
    no catalogue translates; give it a label that is. A login that django-axes refused says
    so, rather than "wrong password"."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["password"].label = _("Password")

    def clean(self):
        try:
            return super().clean()
        except ValidationError:
            if is_locked_out(self.request):
                raise ValidationError(TOO_MANY_LOGINS, code="throttled") from None
            raise
