"""`make bench`: run every benchmark against a throw-away test database."""

import os
import sys

import django


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "primer.settings")
    django.setup()
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
