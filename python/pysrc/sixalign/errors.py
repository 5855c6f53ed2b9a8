"""The exceptions sixalign raises.

Every error is a :class:`sixalign.errors.Error` carrying what the library
knows: ``kind`` (a short name: ``"io"``, ``"empty"``, ``"binary"``,
``"invalid_utf8"``, ``"invalid_utf16"``, ``"too_large"``,
``"unknown_language"``, ``"bad_language_code"``, ``"malformed"``,
``"usage"``), ``path`` (the file, or ``<zh text>`` for a text given in
memory), ``line`` (1-based, when known) and ``offset`` (the byte offset of a
decoding error). ``str(error)`` is the library's message, ``path:line: what``.
"""

from __future__ import annotations

from typing import Optional

__all__ = [
    "Error",
    "FileError",
    "DocumentError",
    "EmptyDocumentError",
    "DecodeError",
    "LanguageError",
    "MalformedError",
    "UsageError",
]


class Error(Exception):
    """Base class of every sixalign error."""

    kind: str
    path: Optional[str]
    line: Optional[int]
    offset: Optional[int]

    def __init__(
        self,
        message: str,
        *,
        kind: str = "other",
        path: Optional[str] = None,
        line: Optional[int] = None,
        offset: Optional[int] = None,
        errno: Optional[int] = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.kind = kind
        self.path = path
        self.line = line
        self.offset = offset
        if errno is not None:
            self.errno = errno

    def __str__(self) -> str:
        return self.message


class FileError(Error, OSError):
    """A file could not be read or written (also an :class:`OSError`)."""


class DocumentError(Error, ValueError):
    """A document that cannot be used as it is (too large, empty, not text)."""


class EmptyDocumentError(DocumentError):
    """The document has no text, or only white space."""


class DecodeError(DocumentError):
    """Binary data, or text in no encoding sixalign reads (``offset`` says where)."""


class LanguageError(Error, ValueError):
    """An unknown language code, or a text whose language cannot be told."""


class MalformedError(Error, ValueError):
    """A structured input (manifest, lexicon, bead file) is malformed."""


class UsageError(Error, ValueError):
    """The request does not make sense (no Chinese version, two in one language, …)."""
