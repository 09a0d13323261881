from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("accounts", "0002_every_user_has_a_learner")]

    operations = [
        migrations.AddField(
            model_name="learner", name="data_version", field=models.BigIntegerField(default=0, editable=False)
        ),
        migrations.RunSQL(
            "CREATE SEQUENCE accounts_learner_data_version_seq", "DROP SEQUENCE accounts_learner_data_version_seq"
        ),
    ]
