from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from flashcards.anki import MAX_ARCHIVE_BYTES, AnkiImportError, import_apkg


class Command(BaseCommand):
    help = "Import an Anki .apkg file into shared flashcard decks (re-importing changes nothing)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument("--attribution", default="", help="source and licence, shown with the deck")

    def handle(self, *args, file: Path, attribution: str, **options) -> None:
        try:
            if file.stat().st_size > MAX_ARCHIVE_BYTES:
                raise CommandError(f"{file}: larger than {MAX_ARCHIVE_BYTES:,} bytes; nothing was imported.")
            report = import_apkg(file.read_bytes(), attribution=attribution)
        except OSError as exc:
            raise CommandError(f"{file}: cannot read it ({exc}).") from None
        except AnkiImportError as exc:
            raise CommandError(f"{file}: {exc}") from None
        self.stdout.write(report.summary())
        for guid, flags in report.flagged:
            self.stdout.write(f"  flagged {guid}: {'; '.join(flags)}")
