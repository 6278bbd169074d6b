"""The host's side of the annual cycle: what a report's edit page posts."""

from bases.applying.annual_report_forms import ReportSections


def report_post_data(report, action="save", **overrides):
    """What the report's edit page posts when the host changes nothing: every field as
    rendered, with ``overrides`` (``"narrative-narrative": "…"``) on top, as a browser sends."""
    sections = ReportSections(report, plan=report.plan())
    data = {"action": action}
    for _section, form in sections.forms:
        is_formset = hasattr(form, "management_form")
        for each in [form.management_form, *form.forms] if is_formset else [form]:
            for bound in each:
                if bound.name == "DELETE":
                    continue
                value = bound.value()
                if value is None or value is False:
                    continue
                if isinstance(value, (list, tuple)):
                    data[bound.html_name] = [str(item) for item in value]
                elif hasattr(value, "isoformat"):
                    data[bound.html_name] = value.isoformat()
                else:
                    data[bound.html_name] = str(value)
    for key in [key for key in data if key.startswith("attachments-")]:
        del data[key]  # File inputs start empty; ``remove`` checkboxes start unticked.
    data.update(overrides)
    return data
