"""A learner's data version (accounts.Learner.data_version) moves on with every row of their
study data written, by whatever route: the ORM, a bulk update, an import, a reset. Pages made of
that data (the dashboard, the plan) are cached by it (primer/pagecache.py)."""

from django.db import migrations

BUMP = "UPDATE progress_learner SET data_version = nextval('accounts_learner_data_version_seq') WHERE user_id = {}"

CREATE = (
    f"""
CREATE FUNCTION progress_bump_learner_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' OR (TG_OP = 'UPDATE' AND OLD.user_id IS DISTINCT FROM NEW.user_id) THEN
        {BUMP.format("OLD.user_id")};
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN {BUMP.format("NEW.user_id")}; END IF;
    RETURN NULL;
END
$$;
CREATE FUNCTION progress_bump_learner_version_by_plan() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' OR (TG_OP = 'UPDATE' AND OLD.plan_id IS DISTINCT FROM NEW.plan_id) THEN
        {BUMP.format("(SELECT user_id FROM progress_studyplan WHERE id = OLD.plan_id)")};
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        {BUMP.format("(SELECT user_id FROM progress_studyplan WHERE id = NEW.plan_id)")};
    END IF;
    RETURN NULL;
END
$$;
"""  # noqa: S608 - constants only
    + "".join(
        f"CREATE TRIGGER learner_data_version AFTER INSERT OR UPDATE OR DELETE ON {table} "
        f"FOR EACH ROW EXECUTE FUNCTION progress_bump_learner_version();\n"
        for table in ("progress_studyplan", "progress_progress", "progress_activityday", "progress_attempt")
    )
    + (
        "CREATE TRIGGER learner_data_version AFTER INSERT OR UPDATE OR DELETE ON progress_planitem "
        "FOR EACH ROW EXECUTE FUNCTION progress_bump_learner_version_by_plan();\n"
    )
)

DROP = """
DROP FUNCTION progress_bump_learner_version() CASCADE;
DROP FUNCTION progress_bump_learner_version_by_plan() CASCADE;
"""


class Migration(migrations.Migration):
    dependencies = [("progress", "0008_step_reopened"), ("accounts", "0003_learner_data_version")]

    operations = [migrations.RunSQL(CREATE, DROP)]
