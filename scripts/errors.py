"""Typed errors of the edition pipeline.

Every error names the file, the line where it can, and what to do about it. The CLI maps
them to exit codes; library code raises them and never exits or prints.
"""
from __future__ import annotations


class EditionError(Exception):
    """Base class: a problem the user can act on."""

    exit_code = 1

    def __init__(self, message: str, *, path: str | None = None, line: int | None = None,
                 fix: str | None = None) -> None:
        self.path = path
        self.line = line
        self.fix = fix
        where = ""
        if path:
            where = f"{path}:{line}: " if line else f"{path}: "
        text = where + message
        if fix:
            text += f"\n  fix: {fix}"
        super().__init__(text)


class SeedError(EditionError):
    """A seed file is missing, unreadable, wrongly encoded or not what its metadata says."""

    exit_code = 2


class ChecksumMismatch(SeedError):
    """A seed's SHA-256 no longer matches the one recorded in its metadata."""


class MetadataError(EditionError):
    """A metadata or editorial file is missing a field or is malformed."""

    exit_code = 2


class EditorialError(EditionError):
    """An editorial decision could not be applied: its anchor text is absent or ambiguous."""

    exit_code = 3


class StructureError(EditionError):
    """The text does not have the shape the pipeline expects (e.g. a footnote without marker)."""

    exit_code = 3


class FidelityError(EditionError):
    """The edition's text differs from the seed in a way no recorded edit explains."""

    exit_code = 4


class BuildError(EditionError):
    """MkDocs or another build step failed."""

    exit_code = 5


class LinkError(EditionError):
    """A link or anchor in the built HTML resolves to nothing, or loads from another host."""

    exit_code = 6
