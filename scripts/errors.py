"""Typed errors of the edition pipeline.

Every error names the file, the line where it can, and what to do about it, on one line:
`seeds/x.meta.toml:4: slug “../out” is not a name; fix: use lower-case letters, digits and
hyphens`. Longer details (MkDocs' own messages, a list of broken links) follow on later lines.
The CLI maps the classes to exit codes; library code raises them and never exits or prints.

Text taken from an input is shown with `shown()`: quoted, cut short, and with every control
character written as an escape, so that a seed or an editorial file can never move the
terminal's cursor, colour its output or hide part of the message.
"""
from __future__ import annotations

import unicodedata

#: characters that a terminal would act on or that change the display order of what follows
_INVISIBLE = {"Cc", "Cf", "Zl", "Zp"}


def shown(text: object, limit: int = 80) -> str:
    """Input text for a message: “quoted”, at most `limit` characters, controls escaped."""
    s = str(text)
    cut = len(s) > limit
    s = s[:limit]
    out = []
    for ch in s:
        if unicodedata.category(ch) in _INVISIBLE and ch != " ":
            out.append(f"\\u{ord(ch):04x}" if ord(ch) > 0xFF else f"\\x{ord(ch):02x}")
        else:
            out.append(ch)
    return "“" + "".join(out) + ("…" if cut else "") + "”"


def _one_line(text: str) -> str:
    return " ".join(text.split("\n")).strip()


class EditionError(Exception):
    """Base class: a problem the user can act on."""

    exit_code = 1

    def __init__(self, message: str, *, path: str | None = None, line: int | None = None,
                 fix: str | None = None, details: str | None = None) -> None:
        self.path = path
        self.line = line
        self.fix = fix
        self.details = details
        self.message = _one_line(message)
        where = ""
        if path:
            where = f"{path}:{line}: " if line else f"{path}: "
        text = where + self.message
        if fix:
            text += f"; fix: {_one_line(fix)}"
        if details:
            text += "\n" + details.rstrip()
        super().__init__(text)

    @property
    def summary(self) -> str:
        """The one-line, located message (without the details)."""
        return str(self).split("\n", 1)[0]


class SeedError(EditionError):
    """A seed file is missing, unreadable, wrongly encoded or not what its metadata says."""

    exit_code = 2


class ChecksumMismatch(SeedError):
    """A seed's SHA-256 no longer matches the one recorded in its metadata."""


class MetadataError(EditionError):
    """A metadata or editorial file is missing a field or is malformed."""

    exit_code = 2


class UnsafePath(EditionError):
    """A name from the metadata would reach outside `seeds/`, or a write outside its folder."""

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


class BuildBusy(BuildError):
    """Another build holds the project's build lock."""


class LinkError(EditionError):
    """A link or anchor in the built HTML resolves to nothing, or loads from another host."""

    exit_code = 6


class UnsafeMarkup(EditionError):
    """The built HTML holds active content no page of the edition may have (a script handler,
    a `javascript:` or `data:` address, an inline script, a missing security policy)."""

    exit_code = 6


class ManifestError(EditionError):
    """An address the edition has published would break: an anchor gone or pointing at other
    words, a page gone, with no `[[successors]]` entry recording the change on purpose."""

    exit_code = 7
