from django.apps import AppConfig


class ProgressConfig(AppConfig):
    name = "progress"

    def ready(self) -> None:
        from accounts import portability
        from flashcards.signals import card_reviewed
        from progress import portability as progress_data
        from progress import regions  # noqa: F401 - registers the learner's parts of shared pages
        from progress.services.activity import record_activity

        portability.register(progress_data.PART)

        def count_review(sender, user, today, **kwargs) -> None:
            record_activity(user=user, today=today)

        card_reviewed.connect(count_review, weak=False, dispatch_uid="progress-count-review")
