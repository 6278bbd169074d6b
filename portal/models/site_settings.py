from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting


@register_setting(icon="site")
class SiteFooterSettings(BaseSiteSetting):
    """What the footer of every page shows, including the filings Chinese government sites need."""

    department_name = models.CharField(
        _("主办单位"), max_length=100, default="内蒙古自治区科学技术厅"
    )
    department_name_en = models.CharField(
        _("主办单位英文名称"),
        max_length=100,
        blank=True,
        default="Department of Science and Technology of Inner Mongolia Autonomous Region",
        help_text=_("英文版页脚显示的主办单位名称。"),
    )
    address = models.CharField(_("地址"), max_length=200, blank=True)
    address_en = models.CharField(
        _("英文地址"), max_length=200, blank=True, help_text=_("英文版页脚显示的地址。")
    )
    postcode = models.CharField(_("邮编"), max_length=6, blank=True)
    phone = models.CharField(_("联系电话"), max_length=50, blank=True)
    email = models.EmailField(_("联系邮箱"), blank=True)
    icp_number = models.CharField(
        _("ICP备案号"), max_length=50, blank=True, help_text=_("例如：蒙ICP备12345678号-1")
    )
    public_security_number = models.CharField(
        _("公安机关备案号"),
        max_length=50,
        blank=True,
        help_text=_("例如：蒙公网安备 15010502000000号"),
    )
    site_code = models.CharField(
        _("政府网站标识码"), max_length=20, blank=True, help_text=_("例如：1500000000")
    )
    conac_code = models.CharField(
        _("党政机关网站标识验证码"),
        max_length=64,
        blank=True,
        help_text=_(
            "中央机构编制委员会办公室颁发的党政机关网站标识的验证码。"
            "填写后页脚显示「党政机关」标识，并链接到其验证页面。"
        ),
    )
    contact_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("联系我们页面"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    privacy_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("隐私声明页面"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("department_name"),
                FieldPanel("department_name_en"),
                FieldPanel("address"),
                FieldPanel("address_en"),
                FieldPanel("postcode"),
            ],
            heading=_("主办单位"),
        ),
        MultiFieldPanel([FieldPanel("phone"), FieldPanel("email")], heading=_("联系方式")),
        MultiFieldPanel(
            [
                FieldPanel("icp_number"),
                FieldPanel("public_security_number"),
                FieldPanel("site_code"),
                FieldPanel("conac_code"),
            ],
            heading=_("备案信息"),
        ),
        MultiFieldPanel(
            [FieldPanel("contact_page"), FieldPanel("privacy_page")],
            heading=_("页脚链接"),
        ),
    ]

    class Meta:
        verbose_name = _("页脚与备案信息")

    select_related = ["contact_page", "privacy_page"]

    @property
    def conac_url(self):
        """The verification page of the 党政机关 mark, on the issuer's site."""
        return f"https://bszs.conac.cn/sitename?method=show&id={self.conac_code}"

    @property
    def public_security_record_code(self):
        """The digits of the public-security filing, which its lookup URL needs."""
        return "".join(ch for ch in self.public_security_number if ch.isdigit())
