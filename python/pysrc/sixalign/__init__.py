"""sixalign: align UN documents across the six official languages.

The Chinese version is the hub: paragraph numbering anchors the versions to
each other, then the sentences of each anchored region are aligned. Every
function returns plain Python data with the fields of the command line's JSON
outputs, and releases the GIL while it works, so threads align in parallel.

>>> import sixalign
>>> zh = open("data/udhr/zh.txt", encoding="utf-8").read()
>>> en = open("data/udhr/en.txt", encoding="utf-8").read()
>>> result = sixalign.align({"zh": zh, "en": en})
>>> pair = result["pairs"][0]
>>> sorted(pair)
['doc', 'region', 'score', 'src', 'src_lang', 'src_sents', 'tgt', 'tgt_lang', 'tgt_sents']

Functions: :func:`align`, :func:`align_files`, :func:`align_lines`,
:func:`inspect`, :func:`inspect_file`, :func:`qa`, :func:`qa_files`,
:func:`discover`. Errors: :mod:`sixalign.errors`. The shapes of what they
return, as ``TypedDict`` for type checkers: :mod:`sixalign.types`
(:class:`~sixalign.types.QaReport`, :class:`~sixalign.types.Inspection`, …).
"""

from . import errors, types
from ._native import (
    __version__,
    align,
    align_files,
    align_lines,
    discover,
    inspect,
    inspect_file,
    qa,
    qa_files,
)
from .errors import (
    DecodeError,
    DocumentError,
    EmptyDocumentError,
    Error,
    FileError,
    LanguageError,
    MalformedError,
    UsageError,
)

__all__ = [
    "__version__",
    "align",
    "align_files",
    "align_lines",
    "discover",
    "inspect",
    "inspect_file",
    "qa",
    "qa_files",
    "errors",
    "types",
    "Error",
    "FileError",
    "DocumentError",
    "EmptyDocumentError",
    "DecodeError",
    "LanguageError",
    "MalformedError",
    "UsageError",
]
