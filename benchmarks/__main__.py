"""`make bench`: every main page under load against its own database (benchmarks/pages.py),
then search and autosave in-process against a throw-away test database.

`python -m benchmarks engine` (`make bench-engine`) grades the labelled corpus instead; it reads
the rubrics and the lexicon from content/ and needs no database.
"""

import os
import sys

import django


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "primer.settings")
    if sys.argv[1:] in ([], ["pages"]):
        from benchmarks import pages  # before django.setup(): it points DATABASE_URL at its own database

        pages.run()
        if sys.argv[1:] == ["pages"]:
            return
    django.setup()
    if sys.argv[1:] == ["engine"]:
        from benchmarks import engine  # after django.setup(): it reads the question models' content code

        engine.run()
        return
    from django.test.utils import setup_databases, setup_test_environment, teardown_databases

    from benchmarks import autosave, search

    setup_test_environment()
    names = setup_databases(verbosity=0, interactive=False, keepdb=False)
    try:
        search.run()
        autosave.run()
    finally:
        teardown_databases(names, verbosity=0)


if __name__ == "__main__":
    main()
    sys.exit(0)
