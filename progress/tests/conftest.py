import pytest

from tests.support.accounts import learner_of


@pytest.fixture
def learner(user):
    return learner_of(user, time_zone="Europe/London")
