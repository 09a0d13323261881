"""Make the Learner of every account made before learners were made with the account."""

from django.conf import settings
from django.db import migrations


def make_learners(apps, schema_editor):
    User = apps.get_model(*settings.AUTH_USER_MODEL.split("."))
    Learner = apps.get_model("accounts", "Learner")
    missing = User.objects.filter(learner__isnull=True)
    Learner.objects.bulk_create(Learner(user=user) for user in missing.iterator())


class Migration(migrations.Migration):
    dependencies = [("accounts", "0001_initial")]
    operations = [migrations.RunPython(make_learners, migrations.RunPython.noop)]
