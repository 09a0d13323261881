from accounts.models import Learner


def learner_of(user, **preferences) -> Learner:
    """The Learner made with the account, with the given settings saved."""
    if preferences:
        Learner.objects.filter(user=user).update(**preferences)
    return Learner.objects.get(user=user)
