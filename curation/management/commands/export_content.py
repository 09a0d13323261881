from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from curation.content import REGISTRY, Sync
from primer.content import UnsafeExportPathError


class Command(BaseCommand):
    help = "Write the curriculum in the database back to files under content/ (edits made in the admin included)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--dir", type=Path, default=settings.CONTENT_DIR, help="content folder (default: content/)")

    def handle(self, *args, dir: Path, **options) -> None:
        for kind in REGISTRY:
            folder = dir / kind.name
            folder.mkdir(parents=True, exist_ok=True)
            try:
                count = kind.export(folder, Sync(kind.name))
            except UnsafeExportPathError as exc:
                raise CommandError(f"{kind.name}: {exc}") from None
            self.stdout.write(f"{kind.name}: {count} files written to {folder}")
