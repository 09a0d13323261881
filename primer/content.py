"""The content pipeline's registry: each app contributes a loader for its folder in content/.

`load_content` runs every registered loader inside one transaction, so a broken file set
changes nothing; `export_content` asks each to write its records back.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings

CONTENT_DIR = Path(getattr(settings, "CONTENT_DIR", settings.BASE_DIR / "content"))


class ContentError(Exception):
    """A malformed content file: `path:line: message`."""

    def __init__(self, path: Path, line: int, message: str) -> None:
        self.path, self.line, self.message = path, line, message
        super().__init__(f"{path}:{line}: {message}")


@dataclass
class LoadReport:
    kind: str
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    unpublished: list[str] = field(default_factory=list)

    def summary(self) -> str:
        return (
            f"{self.kind}: {len(self.created)} created, {len(self.updated)} updated, "
            f"{len(self.unchanged)} unchanged, {len(self.unpublished)} unpublished"
        )


@dataclass(frozen=True)
class ContentKind:
    name: str  # the folder under content/
    load: Callable[[Path], LoadReport]  # validates and writes; raises ContentError
    export: Callable[[Path], int]  # writes files, returns how many


REGISTRY: list[ContentKind] = []


def register(kind: ContentKind) -> None:
    if all(existing.name != kind.name for existing in REGISTRY):
        REGISTRY.append(kind)
