from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from primer.backup import BackupError, restore


class Command(BaseCommand):
    help = "Replace the configured database's contents with a backup made by `manage.py backup` (all or nothing)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("file", help="a backup file")
        parser.add_argument("--yes", action="store_true", help="do not ask for confirmation")

    def handle(self, *args, file: str, yes: bool = False, **options) -> None:
        if not yes and input("This replaces everything in the database. Type 'restore' to go on: ") != "restore":
            raise CommandError("Nothing was restored.")
        try:
            restore(Path(file))
        except BackupError as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(f"Restored {file}.")
