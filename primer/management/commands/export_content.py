from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from primer.content import CONTENT_DIR, REGISTRY, UnsafeExportPathError


class Command(BaseCommand):
    help = "Write the curriculum in the database back to files under content/."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--dir", type=Path, default=CONTENT_DIR, help="content folder (default: content/)")

    def handle(self, *args, dir: Path, **options) -> None:
        for kind in REGISTRY:
            folder = dir / kind.name
            folder.mkdir(parents=True, exist_ok=True)
            try:
                count = kind.export(folder)
            except UnsafeExportPathError as exc:
                raise CommandError(f"{kind.name}: {exc}") from None
            self.stdout.write(f"{kind.name}: {count} files written to {folder}")
