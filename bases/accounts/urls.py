from django.urls import path
from django.views.generic import TemplateView

# Placeholders until the account views land (being written now).
_todo = TemplateView.as_view(template_name="404.html")
urlpatterns: list = [
    path("login/", _todo, name="apply_login"),
    path("logout/", _todo, name="apply_logout"),
    path("register/", _todo, name="apply_register"),
]
