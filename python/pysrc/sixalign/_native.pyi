"""Type stubs of the native module; import :mod:`sixalign` instead."""

from os import PathLike
from typing import Any, Dict, List, Mapping, Optional, Sequence, Tuple, TypedDict, Union

from .types import Inspection, QaReport

StrPath = Union[str, PathLike[str]]
Text = Union[str, bytes]

__version__: str

class Pair(TypedDict):
    """One bead of one language pair (a line of ``sixalign align -f jsonl``)."""

    doc: str
    """Document id: the symbol, else the file stem."""
    region: str
    """Label of the anchored region (paragraph number, ``preamble``, …)."""
    src_lang: str
    tgt_lang: str
    src: str
    """The hub sentences of the bead, original text."""
    tgt: str
    src_sents: List[int]
    """``[start, end)`` hub sentence indices."""
    tgt_sents: List[int]
    score: Optional[float]
    """0 to 1, rounded to 4 decimals."""

Row = Dict[str, Any]
"""A six-way row (a line of ``--six-way -f jsonl``): ``doc``, ``region``, one
text per language code, ``ranges`` (language → ``[start, end)``) and
``scores`` (language → score, the hub left out)."""

class Alignment(TypedDict):
    doc: Optional[str]
    pairs: List[Pair]
    rows: List[Row]

class DocFiles(TypedDict):
    id: str
    files: Dict[str, str]

class Problem(TypedDict):
    path: str
    reason: str

class Discovery(TypedDict):
    docs: List[DocFiles]
    problems: List[Problem]

def align(
    texts: Mapping[str, Text],
    *,
    symbol: Optional[str] = None,
    doc: Optional[str] = None,
    lexicon: Optional[StrPath] = None,
    learn: bool = True,
) -> Alignment:
    """Aligns the Chinese version (``texts["zh"]``) with each other version.

    With ``learn`` (the default, as ``sixalign align``) a lexicon is learned
    from a first pass over the document; ``learn=False`` uses the built-in
    and given lexicons only (as ``sixalign corpus --learn-lexicon 0``)."""

def align_files(
    files: Union[Mapping[str, StrPath], Sequence[StrPath]],
    *,
    symbol: Optional[str] = None,
    doc: Optional[str] = None,
    lexicon: Optional[StrPath] = None,
    learn: bool = True,
) -> Alignment:
    """Like :func:`align`, reading the versions from files."""

def align_lines(
    src: Union[str, Sequence[str]],
    tgt: Union[str, Sequence[str]],
    *,
    src_lang: Optional[str] = None,
    tgt_lang: Optional[str] = None,
    doc: str = "",
    lexicon: Optional[StrPath] = None,
) -> List[Pair]:
    """Aligns two sentence-per-line texts (``sixalign align --lines``)."""

def inspect(
    text: Text,
    *,
    lang: Optional[str] = None,
    symbol: Optional[str] = None,
    name: str = "<text>",
) -> Inspection:
    """The parsed structure (``sixalign inspect --json``)."""

def inspect_file(
    path: StrPath, *, lang: Optional[str] = None, symbol: Optional[str] = None
) -> Inspection:
    """:func:`inspect` for a file."""

def qa(
    texts: Mapping[str, Text], *, symbol: Optional[str] = None, doc: Optional[str] = None
) -> QaReport:
    """Translation QA (``sixalign qa --json``, schema ``sixalign-qa/1``)."""

def qa_files(
    files: Union[Mapping[str, StrPath], Sequence[StrPath]],
    *,
    symbol: Optional[str] = None,
    doc: Optional[str] = None,
) -> QaReport:
    """:func:`qa` for files."""

def discover(path: StrPath) -> Discovery:
    """The documents of a corpus directory or manifest, as ``sixalign corpus`` finds them."""
