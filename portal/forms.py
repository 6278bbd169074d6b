"""Form fields that answer hostile input on the form, never with a 500."""

from django import forms
from django.core.exceptions import ValidationError


def _invalid_choice(field, value):
    return ValidationError(
        field.error_messages["invalid_pk_value"], code="invalid_pk_value", params={"pk": value}
    )


class SafeModelChoiceField(forms.ModelChoiceField):
    """An id too large for the database (SQLite's integers are 64-bit) is an invalid choice,
    not an OverflowError."""

    default_error_messages = {"invalid_pk_value": "“%(pk)s” 不是有效的选项。"}

    def to_python(self, value):
        try:
            return super().to_python(value)
        except OverflowError:
            raise ValidationError(
                self.error_messages["invalid_choice"], code="invalid_choice"
            ) from None


class SafeModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    default_error_messages = {"invalid_pk_value": "“%(pk)s” 不是有效的选项。"}

    def _check_values(self, value):
        try:
            return super()._check_values(value)
        except OverflowError:
            raise _invalid_choice(self, "…") from None


class DateInput(forms.DateInput):
    """A browser date picker. It can only show an ISO date (2009-05-12); the Chinese input
    format Django would render (2009/05/12) leaves it blank."""

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")
