from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from primer.content import CONTENT_DIR, REGISTRY, ContentError
from primer.history import current_via


class _CheckOnly(Exception):  # noqa: N818 (a signal, not an error)
    """Raised to roll back a --check run after every file validated."""


class Command(BaseCommand):
    help = "Load the curriculum from content/ into the database (one transaction, upsert by slug)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--dir", type=Path, default=CONTENT_DIR, help="content folder (default: content/)")
        parser.add_argument("--check", action="store_true", help="validate every file, write nothing")

    def handle(self, *args, dir: Path, check: bool, **options) -> None:
        if not REGISTRY:
            self.stdout.write("No content kinds are registered yet: nothing to load.")
            return
        reports = []
        token = current_via.set("content loader")
        try:
            with transaction.atomic():
                for kind in REGISTRY:
                    folder = dir / kind.name
                    if folder.is_dir():
                        reports.append(kind.load(folder))
                if check:
                    raise _CheckOnly
        except ContentError as exc:
            raise CommandError(f"{exc}\nNothing was changed.") from None
        except _CheckOnly:
            self.stdout.write(self.style.SUCCESS("Every content file is valid (nothing written)."))
            return
        finally:
            current_via.reset(token)
        for report in reports:
            self.stdout.write(report.summary())
