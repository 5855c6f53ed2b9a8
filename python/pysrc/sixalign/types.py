"""The shapes of what :mod:`sixalign` returns, as :class:`typing.TypedDict`.

They describe plain ``dict`` objects (the JSON outputs of the command line),
so a type checker (``mypy --strict``) checks the keys a program reads:

>>> import sixalign
>>> from sixalign.types import Inspection
>>> doc: Inspection = sixalign.inspect("The General Assembly,\\n\\n1. Decides to act.", lang="en")
>>> [b["kind"] for b in doc["blocks"]]
['opener', 'operative']
"""

from typing import List, Optional, TypedDict

__all__ = [
    "Block",
    "Counts",
    "Footnote",
    "Inspection",
    "ParserFinding",
    "QaFinding",
    "QaHub",
    "QaPair",
    "QaReport",
    "SentenceRange",
]


class ParserFinding(TypedDict):
    """What the parser reports about one document (``inspect``'s ``findings``)."""

    kind: str
    """``numbering_gap``, ``numbering_repeat``, ``no_opener``, …"""
    severity: str
    """``error``, ``warning`` or ``info``."""
    label: Optional[str]
    """The block label concerned, when any."""
    line: Optional[int]
    """1-based line in the original text, when known."""
    message: str


class _BlockRequired(TypedDict):
    kind: str
    """``title``, ``heading``, ``agenda``, ``opener``, ``preamble``,
    ``article``, ``operative``, ``subparagraph``, ``closing``, …"""
    label: Optional[str]
    """``2``, ``2(a)``, ``art12``; ``None`` for an unlabelled block."""
    text: str
    """Original characters; the label itself is not part of it."""


class Block(_BlockRequired, total=False):
    """One block of a document (``inspect``'s ``blocks``)."""

    footnote_refs: List[str]
    """The footnotes the block cites (only when it cites some)."""


class Footnote(TypedDict):
    label: str
    """The footnote number as written."""
    text: str


class Inspection(TypedDict):
    """What :func:`sixalign.inspect` returns (``sixalign inspect --json``)."""

    lang: str
    #: ``Hans`` or ``Hant`` for Chinese (``None`` for other languages, or
    #: when too few characters tell).
    script: Optional[str]
    symbol: Optional[str]
    blocks: List[Block]
    footnotes: List[Footnote]
    findings: List[ParserFinding]


class Counts(TypedDict):
    error: int
    warning: int
    info: int


class SentenceRange(TypedDict):
    """Sentence indices, 0-based, ``end`` exclusive."""

    start: int
    end: int


class QaFinding(TypedDict):
    """A finding about a pair of versions."""

    kind: str
    """``missing_block``, ``number_mismatch``, ``unaligned``, …"""
    category: str
    severity: str
    """``error``, ``warning`` or ``info``."""
    doc: str
    src_lang: str
    tgt_lang: str
    side: str
    """Which version it is about."""
    region: str
    """The label of the region it sits in (``3``, ``2(b)``, ``preamble``)."""
    label: Optional[str]
    """The label of the block concerned, when it has one."""
    src: SentenceRange
    """Hub sentences."""
    tgt: SentenceRange
    """Other-language sentences."""
    src_line: Optional[int]
    tgt_line: Optional[int]
    src_text: str
    tgt_text: str
    message: str


class QaHub(TypedDict):
    name: str
    lang: str
    symbol: Optional[str]


class QaPair(TypedDict):
    """The hub and one other version."""

    doc: str
    src_lang: str
    tgt_lang: str
    other: str
    """The other version's name."""
    src_sentences: int
    tgt_sentences: int
    counts: Counts
    findings: List[QaFinding]


QaReport = TypedDict(
    "QaReport",
    {"schema": str, "hub": QaHub, "counts": Counts, "pairs": List[QaPair]},
)
"""What :func:`sixalign.qa` returns (``sixalign qa --json``, ``schema``
``sixalign-qa/1``)."""
