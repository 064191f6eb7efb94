"""What an import did, and how long jobs report progress (both shared by the importers)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

# Called with (units done so far, total units); the CLI draws a bar, the UI a dialog.
# Raising from it cancels the job: imports then roll back, leaving the project unchanged.
Progress = Callable[[int, int], None]


def no_progress(done: int, total: int) -> None:
    """The default ``Progress``: report nothing."""


@dataclass
class ImportSummary:
    """Counts for the user, plus the names of what the import had to create."""

    documents_added: int = 0
    documents_matched: int = 0
    spans_added: int = 0
    spans_skipped: int = 0
    links_added: int = 0
    records_skipped: int = 0
    files_skipped: list[str] = field(default_factory=list)
    bad_files: list[tuple[str, str]] = field(default_factory=list)  # (path, why), skip_bad
    labels_created: list[str] = field(default_factory=list)
    annotators_created: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def count_document(self, added: bool) -> None:
        """One document of the import: new, or already in the project (same text)."""
        if added:
            self.documents_added += 1
        else:
            self.documents_matched += 1

    @property
    def changed(self) -> bool:
        return bool(self.documents_added or self.spans_added or self.links_added
                    or self.labels_created or self.annotators_created)
