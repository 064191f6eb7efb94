"""The only package with SQL: the project file and its repositories."""

from annotator.store.project import Project
from annotator.store.repo_documents import DocumentRow

__all__ = ["DocumentRow", "Project"]
