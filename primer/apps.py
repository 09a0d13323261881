from django.apps import AppConfig


class PrimerConfig(AppConfig):
    name = "primer"
    verbose_name = "Primer"
