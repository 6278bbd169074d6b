"""The pieces of each role's admin dashboard: a titled list of what is the user's to do."""

from dataclasses import dataclass

from wagtail.admin.ui.components import Component


@dataclass
class Row:
    label: str
    url: str
    detail: str = ""
    when: object = None


class ListPanel(Component):
    """A dashboard panel listing ``rows`` under ``title``; ``empty`` says so when there are none
    (a role's dashboard is never blank). ``rows`` is a callable of the request, so that a
    panel costs its queries only when the dashboard is drawn."""

    template_name = "portal/admin/dashboard_list.html"

    def __init__(self, name, title, rows, empty, order=100, more_url=None):
        self.name = name
        self.title = title
        self.rows = rows
        self.empty = empty
        self.order = order
        self.more_url = more_url

    def get_context_data(self, parent_context):
        request = parent_context["request"]
        return {
            "panel": self,
            "rows": list(self.rows(request)),
            "heading_id": f"dashboard-{self.name}-heading",
        }
