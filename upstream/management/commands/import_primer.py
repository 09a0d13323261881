from django.core.management.base import BaseCommand, CommandError, CommandParser

from curation.history import current_via
from upstream.importer import PrimerImportError, import_primer


class Command(BaseCommand):
    help = "Import the System Design Primer (folder, .zip/.tar.gz or URL): topic texts, solutions, flashcards."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("source", help="a checkout folder, an archive of one, or an http(s) URL of an archive")
        parser.add_argument("--dry-run", action="store_true", help="print the mapping, write nothing")

    def handle(self, *args, source: str, dry_run: bool, **options) -> None:
        token = current_via.set("import")
        try:
            report = import_primer(source, dry_run=dry_run)
        except PrimerImportError as exc:
            raise CommandError(f"{exc}") from None
        finally:
            current_via.reset(token)
        for row in report.rows:
            target = f" -> {row.target}" if row.target else ""
            reason = f"  ({row.reason})" if row.reason else ""
            self.stdout.write(f"{row.kind:8} {row.action:9} {row.name}{target}{reason}")
        unplaced = [entry for entry, target in report.index if not target]
        self.stdout.write(f"index: {len(report.index) - len(unplaced)} of {len(report.index)} topics placed")
        for entry in unplaced:
            self.stdout.write(f"  not placed: {entry}")
        if report.cards:
            self.stdout.write(f"flashcards: {report.cards}")
        totals = ", ".join(
            f"{report.count(a)} {a}" for a in ("matched", "new", "updated", "unchanged", "skipped", "conflict")
        )
        self.stdout.write(("Dry run, nothing written: " if dry_run else "") + totals)
