from datetime import UTC, datetime
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from primer.backup import BackupError, backup


class Command(BaseCommand):
    help = "Dump the configured PostgreSQL database to a file (default: .data/backups/primer-<time>.dump)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("file", nargs="?", help="where to write the backup")

    def handle(self, *args, file: str | None = None, **options) -> None:
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
        path = Path(file) if file else Path(settings.DATA_DIR) / "backups" / f"primer-{stamp}.dump"
        try:
            backup(path)
        except BackupError as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(f"Backed up to {path} ({path.stat().st_size:,} bytes).")
