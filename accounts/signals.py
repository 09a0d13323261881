from accounts.models import Learner


def make_learner(sender, instance, created: bool, raw: bool = False, **kwargs) -> None:
    """Every account gets its Learner when it is made, so no page has to create one on a GET."""
    if created and not raw:
        Learner.objects.get_or_create(user=instance)
