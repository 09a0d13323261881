from pathlib import Path

from django.core.management.base import BaseCommand, CommandParser

from primer.content import CONTENT_DIR, REGISTRY


class Command(BaseCommand):
    help = "Write the curriculum in the database back to files under content/."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--dir", type=Path, default=CONTENT_DIR, help="content folder (default: content/)")

    def handle(self, *args, dir: Path, **options) -> None:
        for kind in REGISTRY:
            folder = dir / kind.name
            folder.mkdir(parents=True, exist_ok=True)
            count = kind.export(folder)
            self.stdout.write(f"{kind.name}: {count} files written to {folder}")
