from django.urls import path

from portal.interaction import views

urlpatterns = [
    path("", views.index, name="interaction_index"),
    path("faq/", views.faq, name="interaction_faq"),
    path("ask/", views.ask, name="interaction_ask"),
    path("ask/done/", views.asked, name="interaction_asked"),
    path("<int:pk>/", views.detail, name="interaction_detail"),
    path("follow/<slug:token>/", views.follow, name="interaction_follow"),
]
