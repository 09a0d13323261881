"""The curriculum's version (primer/pagecache.py): one row, moved on by a statement trigger that
the curation app puts on every curated table after each migrate. Its values come from a sequence,
so a version is never handed out twice, not even after a rollback."""

from django.db import migrations

CREATE = """
CREATE SEQUENCE primer_content_stamp_seq;
CREATE TABLE primer_content_stamp (value bigint NOT NULL);
INSERT INTO primer_content_stamp (value) VALUES (nextval('primer_content_stamp_seq'));
CREATE FUNCTION primer_bump_content_stamp() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE primer_content_stamp SET value = nextval('primer_content_stamp_seq');
    RETURN NULL;
END
$$;
"""

DROP = """
DROP FUNCTION primer_bump_content_stamp() CASCADE;
DROP TABLE primer_content_stamp;
DROP SEQUENCE primer_content_stamp_seq;
"""


class Migration(migrations.Migration):
    dependencies = [("primer", "0002_version_moves_to_curation")]

    operations = [migrations.RunSQL(CREATE, DROP)]
