"""Typed errors raised by core, store and formats; ui/cli turn them into prose."""

from __future__ import annotations


class AnnotatorError(Exception):
    """Base of every error a user can cause (bad input, bad file)."""


class SpanError(AnnotatorError):
    """A span does not fit its document (outside the text, empty, text mismatch)."""


class SchemeError(AnnotatorError):
    """A label scheme is malformed or conflicts with itself (e.g. shortcut clash)."""


class ProjectError(AnnotatorError):
    """A project file cannot be opened or written."""


class NotAProjectError(ProjectError):
    """The file is not an Annotator project (foreign or corrupt SQLite, or not SQLite)."""


class NewerSchemaError(ProjectError):
    """The project was written by a newer Annotator; it is refused, never changed."""


class InputError(AnnotatorError):
    """Bad input data, located by file and (where it has lines) line number."""

    def __init__(self, message: str, *, path: str = "", line: int | None = None) -> None:
        self.path = path
        self.line = line
        self.reason = message
        where = path
        if line is not None:
            where = f"{path}:{line}" if path else f"line {line}"
        super().__init__(f"{where}: {message}" if where else message)
