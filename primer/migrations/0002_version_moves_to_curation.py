"""The Version model now belongs to the curation app; its table stays where it is."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("primer", "0001_initial"), ("curation", "0001_initial")]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="Version")], database_operations=[]
        )
    ]
