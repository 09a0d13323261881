from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = "Accounts"

    def ready(self) -> None:
        from django.contrib.auth import get_user_model
        from django.db.models.signals import post_save

        from accounts import portability, signals

        post_save.connect(signals.make_learner, sender=get_user_model(), dispatch_uid="accounts-make-learner")
        portability.register(portability.PROFILE)
