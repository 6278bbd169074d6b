from django.apps import AppConfig


class BasesConfig(AppConfig):
    name = "bases"
    verbose_name = "国合基地"
