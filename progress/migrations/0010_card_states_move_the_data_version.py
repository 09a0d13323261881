"""Card states and reviews move the learner's data version on too (see 0009): the dashboard's
cards due are then kept by it, until the next card falls due (progress/regions.py)."""

from django.db import migrations

TABLES = ("progress_cardstate", "progress_review")  # flashcards.CardState and Review, by their old names
CREATE = "".join(
    f"CREATE TRIGGER learner_data_version AFTER INSERT OR UPDATE OR DELETE ON {table} "
    f"FOR EACH ROW EXECUTE FUNCTION progress_bump_learner_version();\n"
    for table in TABLES
)
DROP = "".join(f"DROP TRIGGER learner_data_version ON {table};\n" for table in TABLES)


class Migration(migrations.Migration):
    dependencies = [
        ("progress", "0009_learner_data_version_triggers"),
        ("flashcards", "0002_rerender_with_focusable_scrollers"),
    ]

    operations = [migrations.RunSQL(CREATE, DROP)]
