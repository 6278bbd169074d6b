"""The unified social credit code (统一社会信用代码) of GB 32100-2015.

18 characters: registration authority (1), organisation type (1), administrative division (6),
organisation code (9) and a check character computed over the first 17 with weights 3^i mod 31.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# The 31 characters the standard allows: digits and capitals without I, O, Z, S, V.
ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
WEIGHTS = [pow(3, i, 31) for i in range(17)]
LENGTH = 18


def normalise_credit_code(value):
    """Upper-case and strip blanks, so that ``91350100m000100y43 `` is accepted as typed."""
    return "".join((value or "").split()).upper()


def credit_code_check_character(first17):
    total = sum(ALPHABET.index(ch) * weight for ch, weight in zip(first17, WEIGHTS, strict=True))
    return ALPHABET[(31 - total % 31) % 31]


def validate_credit_code(value):
    code = normalise_credit_code(value)
    if len(code) != LENGTH:
        raise ValidationError(
            _("统一社会信用代码应为 18 位，您输入了 %(count)d 位。"),
            code="length",
            params={"count": len(code)},
        )
    invalid = sorted({ch for ch in code if ch not in ALPHABET})
    if invalid:
        raise ValidationError(
            _("统一社会信用代码含有无效字符：%(chars)s（不使用 I、O、Z、S、V）。"),
            code="characters",
            params={"chars": "、".join(invalid)},
        )
    if not code[2:8].isdigit():
        raise ValidationError(
            _("统一社会信用代码第 3 至 8 位应为行政区划代码（6 位数字）。"), code="division"
        )
    if credit_code_check_character(code[:17]) != code[17]:
        raise ValidationError(
            _("统一社会信用代码校验位不正确，请核对后重新输入。"), code="checksum"
        )
