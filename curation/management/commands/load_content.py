from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from curation.content import REGISTRY, conflict_note, load
from primer.content import ContentError


class _CheckOnly(Exception):  # noqa: N818 (a signal, not an error)
    """Raised to roll back a --check run after every file validated."""


class Command(BaseCommand):
    help = (
        "Load the curriculum from content/ into the database (one transaction, upsert by slug). "
        "A record changed in the database since it was loaded is kept and reported, never overwritten."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--dir", type=Path, default=settings.CONTENT_DIR, help="content folder (default: content/)")
        parser.add_argument("--check", action="store_true", help="validate every file, write nothing")
        parser.add_argument(
            "--force",
            action="append",
            default=[],
            metavar="KIND:NAME",
            help="take the file's text even where the database changed (topics:sharding, or topics:* for a kind)",
        )

    def handle(self, *args, dir: Path, check: bool, force: list[str], **options) -> None:
        forced = self._forced(force)
        try:
            with transaction.atomic():
                reports = load(dir, force=forced)
                if check:
                    raise _CheckOnly
        except ContentError as exc:
            raise CommandError(f"{exc}\nNothing was changed.") from None
        except _CheckOnly:
            self.stdout.write(self.style.SUCCESS("Every content file is valid (nothing written)."))
            return
        for report in reports:
            self.stdout.write(report.summary())
        for report in reports:
            for name in report.conflicts:
                self.stdout.write(self.style.WARNING(conflict_note(report.kind, name)))

    def _forced(self, values: list[str]) -> dict[str, set[str]]:
        kinds = {kind.name for kind in REGISTRY}
        forced: dict[str, set[str]] = {}
        for value in values:
            kind, _, name = value.partition(":")
            if kind not in kinds or not name:
                raise CommandError(f"--force {value}: write KIND:NAME with a kind of {', '.join(sorted(kinds))}.")
            forced.setdefault(kind, set()).add(name)
        return forced
