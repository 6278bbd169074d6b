"""Fail-closed scoping of the reviewed models in the admin.

A reviewed model (an application today; the annual report and the others next) registers a
``Scope``: its one visibility rule, and the admin views its reviewers use. ``ScopeGate``, a
middleware, runs before every admin view that names such a model, whichever Wagtail serves —
the viewset's URLs, its chooser, the bulk actions, and any view a Wagtail upgrade adds — and,
for every user but a superuser:

- refuses (403) every view to a user without the model's view permission, and a view that
  is not on the scope's list: delete, copy, unpublish, revert, lock,
  cancelling the workflow, bulk actions, and anything new, so that reviewers only act on steps;
- answers 404 for an object outside the visibility rule, whether its id is in the path or in
  the query string (``?id=``, as bulk actions and choosers take them).

Listings that span models (site history, the workflow reports, the dashboard) filter their rows
through ``exclude_invisible`` (see ``bases.review.reports``).

Bulk actions on every other snippet model are also refused to users who lack the model's
permission for the action: Wagtail's confirmation page would otherwise list the objects'
names to anyone with admin access.
"""

from dataclasses import dataclass

from django.apps import apps
from django.contrib.admin.utils import unquote
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db.models import CharField, Q
from django.db.models.functions import Cast
from django.http import Http404


@dataclass(frozen=True)
class Scope:
    model: type
    visible: object  # callable(user) → the queryset of objects ``user`` may reach
    views: frozenset  # the URL names of the views that users other than superusers may open
    # Views whose ``pk`` is not the model's (e.g. an inspection report's): they look the
    # object up through the visibility rule themselves.
    foreign_pk_views: frozenset = frozenset()


SCOPES = {}


def register_scope(model, visible, views, foreign_pk_views=()):
    SCOPES[model] = Scope(model, visible, frozenset(views), frozenset(foreign_pk_views))


def scope_for(model):
    return SCOPES.get(model)


_NAMESPACE_PREFIXES = ("wagtailsnippets_", "wagtailsnippetchoosers_")


def model_of(match):
    """The model an admin URL is about, from its namespace or its ``app_label`` and
    ``model_name`` arguments, or None."""
    kwargs = match.kwargs
    if "app_label" in kwargs and "model_name" in kwargs:
        try:
            return apps.get_model(kwargs["app_label"], kwargs["model_name"])
        except LookupError:
            return None
    for namespace in match.namespaces:
        for prefix in _NAMESPACE_PREFIXES:
            if namespace.startswith(prefix):
                app_label, _sep, model_name = namespace[len(prefix) :].partition("_")
                try:
                    return apps.get_model(app_label, model_name)
                except LookupError:
                    return None
    return None


def _object_ids(request, match, skip_pk=False):
    # ``pk`` in the viewsets' addresses, ``object_id`` in Wagtail's editing-session ping.
    ids = [match.kwargs[key] for key in ("pk", "object_id") if key in match.kwargs]
    ids = ids if not skip_pk else []
    ids += request.GET.getlist("id")
    return [str(unquote(str(value))) for value in ids if value != "all"]


def _has_admin_access(user):
    return user.is_authenticated and user.has_perm("wagtailadmin.access_admin")


class ScopeGate:
    """The middleware that applies the scopes; see the module's docstring."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = getattr(request, "resolver_match", None)
        user = getattr(request, "user", None)
        # Anonymous visitors and accounts without admin access are sent to the login by
        # Wagtail itself; superusers are not scoped.
        if match is None or not _has_admin_access(user) or user.is_superuser:
            return None
        model = model_of(match)
        if model is None:
            return None
        scope = scope_for(model)
        if scope is None:
            self.check_bulk_permission(user, match, model)
            return None
        opts = model._meta
        if match.url_name not in scope.views or not user.has_perm(
            f"{opts.app_label}.view_{opts.model_name}"
        ):
            raise PermissionDenied
        ids = _object_ids(request, match, skip_pk=match.url_name in scope.foreign_pk_views)
        if "all" in request.GET.getlist("id"):
            raise PermissionDenied
        if ids:
            try:
                visible = scope.visible(user).filter(pk__in=ids).count()
            except (ValueError, TypeError):
                raise Http404 from None
            if visible != len(set(ids)):
                raise Http404
        return None

    @staticmethod
    def check_bulk_permission(user, match, model):
        if match.url_name != "wagtail_bulk_action" or not hasattr(model, "snippet_viewset"):
            return
        action = match.kwargs.get("action", "")
        codename = f"{model._meta.app_label}.{action}_{model._meta.model_name}"
        if not user.has_perm(codename):
            raise PermissionDenied


def exclude_invisible(queryset, user, content_type_field="content_type", id_field="object_id"):
    """Rows of ``queryset`` (log entries, workflow or task states: anything keyed by a content
    type and a text object id) less those about scoped objects ``user`` may not see."""
    if user.is_superuser:
        return queryset
    for model, scope in SCOPES.items():
        visible = scope.visible(user).annotate(key=Cast("pk", CharField())).values("key")
        queryset = queryset.exclude(
            Q(**{content_type_field: ContentType.objects.get_for_model(model)})
            & ~Q(**{f"{id_field}__in": visible})
        )
    return queryset
