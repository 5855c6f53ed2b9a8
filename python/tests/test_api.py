"""The Python package gives what the command line gives, as plain data."""

import json
import threading
from pathlib import Path

import pytest

import sixalign
from conftest import jsonl

UDHR = ["zh", "ar", "en", "es", "fr", "ru"]


def udhr_files(langs):
    return {lang: f"data/udhr/{lang}.txt" for lang in langs}


def udhr_texts(repo, langs):
    return {lang: (repo / f"data/udhr/{lang}.txt").read_text(encoding="utf-8") for lang in langs}


def test_align_gives_the_pairs_and_rows_of_the_cli(repo, cli):
    files = udhr_files(UDHR)
    got = sixalign.align_files(files)
    args = ["align", *files.values(), "-q", "-f", "jsonl"]
    assert got["pairs"] == jsonl(cli(*args))
    assert got["rows"] == jsonl(cli(*args, "--six-way"))
    assert got["doc"] == "udhr"
    # Five language pairs, every one present, every field of the JSON output.
    assert {p["tgt_lang"] for p in got["pairs"]} == set(UDHR) - {"zh"}
    assert list(got["pairs"][0]) == [
        "doc", "region", "src_lang", "tgt_lang", "src", "tgt", "src_sents", "tgt_sents", "score",
    ]
    row = got["rows"][5]
    assert set(UDHR) <= set(row) and set(row["ranges"]) == set(UDHR)


def test_texts_in_memory_align_as_files(repo):
    texts = udhr_texts(repo, ["zh", "en", "fr"])
    from_texts = sixalign.align(texts, doc="udhr")
    from_files = sixalign.align_files(udhr_files(["zh", "en", "fr"]))
    assert from_texts == from_files
    # bytes are decoded as files are: a UTF-16 version with its BOM gives the same.
    utf16 = dict(texts, en="\ufeff".encode("utf-16-le") + texts["en"].encode("utf-16-le"))
    assert sixalign.align(utf16, doc="udhr") == from_files
    # Without a symbol or doc, a text in memory has the empty id.
    assert {p["doc"] for p in sixalign.align(texts)["pairs"]} == {""}


def test_a_sequence_of_paths_has_its_languages_told_from_the_text(repo):
    paths = [repo / "data/udhr/zh.txt", repo / "data/udhr/ru.txt"]
    got = sixalign.align_files(paths)
    assert {(p["src_lang"], p["tgt_lang"]) for p in got["pairs"]} == {("zh", "ru")}
    assert got["pairs"] == sixalign.align_files({"zh": paths[0], "ru": paths[1]})["pairs"]


def test_symbol_is_the_doc_of_every_record(repo):
    got = sixalign.align(udhr_texts(repo, ["zh", "en"]), symbol="A/RES/217(III)")
    assert {p["doc"] for p in got["pairs"]} == {"A/RES/217(III)"}
    assert {r["doc"] for r in got["rows"]} == {"A/RES/217(III)"}


def test_align_lines_gives_the_pairs_of_align_lines(repo, cli, tmp_path):
    zh = [l for l in (repo / "data/udhr/zh.txt").read_text(encoding="utf-8").splitlines() if l.strip()]
    en = [l for l in (repo / "data/udhr/en.txt").read_text(encoding="utf-8").splitlines() if l.strip()]
    (tmp_path / "zh.txt").write_text("\n".join(zh) + "\n", encoding="utf-8")
    (tmp_path / "en.txt").write_text("\n".join(en) + "\n", encoding="utf-8")
    want = jsonl(cli("align", "--lines", tmp_path / "zh.txt", tmp_path / "en.txt", "-q"))
    got = sixalign.align_lines(zh, en, doc=str(tmp_path / "zh.txt"))
    assert got == want
    # A string is split at line breaks; languages given or told from the text.
    assert sixalign.align_lines("\n".join(zh), "\n".join(en), src_lang="zh", tgt_lang="en",
                                doc=str(tmp_path / "zh.txt")) == want
    covered = sorted(i for p in got for i in range(*p["tgt_sents"]))
    assert covered == list(range(len(en)))


def test_inspect_gives_the_structure_of_inspect_json(repo, cli):
    want = json.loads(cli("inspect", "--json", "data/A-RES-74-28.zh.md"))
    assert sixalign.inspect_file(repo / "data/A-RES-74-28.zh.md") == want
    text = (repo / "data/A-RES-74-28.zh.md").read_text(encoding="utf-8")
    got = sixalign.inspect(text, lang="zh")
    assert got == want
    assert got["symbol"] == "A/RES/74/28"
    assert [b["label"] for b in got["blocks"] if b["kind"] == "operative"][:3] == ["1", "2", "3"]


def test_qa_gives_the_report_of_qa_json(repo, cli):
    files = udhr_files(["zh", "en", "ru"])
    r = cli("qa", "--json", *files.values(), check=False)
    want = json.loads(r)
    got = sixalign.qa_files(files)
    assert got == want
    assert got["schema"] == "sixalign-qa/1"
    assert [p["tgt_lang"] for p in got["pairs"]] == ["en", "ru"]
    # The same texts in memory: the same findings (only the names differ).
    mem = sixalign.qa(udhr_texts(repo, ["zh", "en", "ru"]), doc="udhr")
    assert [p["findings"] for p in mem["pairs"]] == [p["findings"] for p in want["pairs"]]
    assert mem["pairs"][0]["other"] == "<en text>"
    assert {f["doc"] for p in sixalign.qa(udhr_texts(repo, ["zh", "en"]))["pairs"] for f in p["findings"]} == {""}


def test_discover_groups_a_corpus_as_the_cli_does(tmp_path):
    for lang in ["zh", "en"]:
        d = tmp_path / lang
        d.mkdir()
        (d / "A_RES_74_28.txt").write_text("1. text\n", encoding="utf-8")
    (tmp_path / "notes.txt").write_text("hello\n", encoding="utf-8")
    found = sixalign.discover(tmp_path)
    assert [d["id"] for d in found["docs"]] == ["A/RES/74/28"]
    assert set(found["docs"][0]["files"]) == {"zh", "en"}
    assert [p["path"] for p in found["problems"]] == [str(tmp_path / "notes.txt")]


# --- errors -------------------------------------------------------------------


def test_a_missing_file_is_a_file_error_naming_it(repo):
    with pytest.raises(sixalign.FileError) as e:
        sixalign.align_files({"zh": "no/such/zh.txt", "en": "data/udhr/en.txt"})
    assert e.value.path == "no/such/zh.txt"
    assert e.value.kind == "io"
    assert isinstance(e.value, OSError) and e.value.errno == 2
    assert str(e.value).startswith("no/such/zh.txt: ")


def test_a_malformed_lexicon_line_carries_file_and_line(repo, tmp_path):
    lex = tmp_path / "lexicon.tsv"
    lex.write_text("人权\thuman rights\n\n宣言 declaration without a tab\n", encoding="utf-8")
    with pytest.raises(sixalign.MalformedError) as e:
        sixalign.align_files(udhr_files(["zh", "en"]), lexicon=lex)
    assert (e.value.path, e.value.line) == (str(lex), 3)
    assert str(e.value).startswith(f"{lex}:3: ")
    assert isinstance(e.value, ValueError)


def test_a_bad_manifest_line_carries_file_and_line(tmp_path):
    m = tmp_path / "docs.csv"
    m.write_text("id,lang,path\nA/1,zh,a.zh.txt\nA/1,xx,a.xx.txt\n", encoding="utf-8")
    with pytest.raises(sixalign.Error) as e:
        sixalign.discover(m)
    assert (e.value.path, e.value.line) == (str(m), 3)


def test_bad_documents_raise_typed_errors(repo):
    en = (repo / "data/udhr/en.txt").read_text(encoding="utf-8")
    with pytest.raises(sixalign.EmptyDocumentError) as e:
        sixalign.align({"zh": "  \n", "en": en})
    assert e.value.path == "<zh text>" and e.value.kind == "empty"
    with pytest.raises(sixalign.DecodeError) as e:
        sixalign.align({"zh": b"\xe4\xba\xba\xff\xfe rights", "en": en})
    assert e.value.kind == "invalid_utf8" and e.value.offset == 3
    with pytest.raises(sixalign.LanguageError):
        sixalign.align({"xx": "text", "en": en})
    with pytest.raises(sixalign.UsageError, match="no Chinese version"):
        sixalign.align({"en": en, "fr": en})
    with pytest.raises(sixalign.LanguageError) as e:
        sixalign.inspect("12345", name="numbers.txt")
    assert e.value.kind == "unknown_language" and e.value.path == "numbers.txt"
    with pytest.raises(TypeError):
        sixalign.align({"zh": 42, "en": en})
    with pytest.raises(TypeError):
        sixalign.align(["not", "a", "mapping"])


# --- the GIL ------------------------------------------------------------------


def test_the_gil_is_released_while_aligning(repo, tmp_path):
    """The aligner reads its lexicon from a FIFO inside the library call; only
    this thread writes the FIFO. Holding the GIL there would deadlock: this
    thread could not run to write. faulthandler ends a deadlocked run loudly."""
    import faulthandler

    fifo = tmp_path / "lexicon.fifo"
    os_mkfifo(fifo)
    result = {}

    def work():
        result["value"] = sixalign.align_files(udhr_files(["zh", "en"]), lexicon=fifo)

    faulthandler.dump_traceback_later(120, exit=True)
    try:
        t = threading.Thread(target=work)
        t.start()
        with open(fifo, "w", encoding="utf-8") as w:  # opens once the library opens it
            for line in ["人权\thuman rights", "宣言\tdeclaration", "自由\tfreedom"]:
                w.write(line + "\n")  # Python code running while the call is in the library
        t.join()
    finally:
        faulthandler.cancel_dump_traceback_later()
    assert len(result["value"]["pairs"]) > 50


def os_mkfifo(path):
    import os

    os.mkfifo(path)


def test_threads_align_at_once_and_agree(repo):
    files = udhr_files(["zh", "en", "es"])
    want = sixalign.align_files(files)
    out = [None] * 4

    def work(i):
        out[i] = sixalign.align_files(files)

    threads = [threading.Thread(target=work, args=(i,)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert out == [want] * 4


def test_the_package_is_typed_and_documented():
    import importlib.resources

    assert importlib.resources.files("sixalign").joinpath("py.typed").is_file()
    assert importlib.resources.files("sixalign").joinpath("_native.pyi").is_file()
    for name in ["align", "align_files", "align_lines", "inspect", "inspect_file", "qa", "qa_files", "discover"]:
        doc = getattr(sixalign, name).__doc__
        assert doc and len(doc) > 40, name
    assert sixalign.__version__ == "0.1.0"


def test_a_lexicon_scores_as_the_cli_lexicon_does(cli, shared):
    lexicon = shared / "lexicon" / "cedict.zh-en.tsv"
    files = udhr_files(["zh", "en"])
    got = sixalign.align_files(files, lexicon=lexicon)
    assert got["pairs"] == jsonl(cli("align", *files.values(), "-q", "--lexicon", lexicon))
    # Lexicons are used: scores move against --no-lexicon.
    bare = jsonl(cli("align", *files.values(), "-q", "--no-lexicon"))
    assert [p["score"] for p in got["pairs"]] != [p["score"] for p in bare]


def test_help_of_align_describes_lexicon_and_learn():
    for f in [sixalign.align, sixalign.align_files]:
        doc = f.__doc__ or ""
        assert "lexicon" in doc and "learn" in doc, f.__name__
        assert "learn=False" in doc and "--no-learn" in doc, f.__name__
    # The text of help() itself.
    import pydoc

    text = pydoc.render_doc(sixalign.align, renderer=pydoc.plaintext)
    assert "lexicon=None" in text and "learn=True" in text
    assert "learned from the first pass" in text


def _keys(td):
    """Every key of a TypedDict, required and optional."""
    return set(td.__required_keys__) | set(td.__optional_keys__)


def test_qa_and_inspect_return_what_their_typed_dicts_describe(repo):
    from sixalign.types import (
        Block,
        Counts,
        Footnote,
        Inspection,
        QaFinding,
        QaHub,
        QaPair,
        QaReport,
        SentenceRange,
    )

    en = (repo / "data/udhr/en.txt").read_text(encoding="utf-8")
    cut = en.replace(
        "Article 3\nEveryone has the right to life, liberty and the security of person.\n", ""
    )
    assert cut != en
    report = sixalign.qa({"zh": (repo / "data/udhr/zh.txt").read_text(encoding="utf-8"), "en": cut})
    assert set(report) == _keys(QaReport)
    assert set(report["hub"]) == _keys(QaHub)
    assert set(report["counts"]) == _keys(Counts)
    pair = report["pairs"][0]
    assert set(pair) == _keys(QaPair)
    assert pair["findings"], "the deleted article is found"
    for f in pair["findings"]:
        assert set(f) == _keys(QaFinding)
        assert set(f["src"]) == set(f["tgt"]) == _keys(SentenceRange)

    doc = sixalign.inspect_file(repo / "data/A-RES-74-28.zh.md")
    assert set(doc) == _keys(Inspection)
    assert doc["footnotes"] and doc["blocks"]
    for b in doc["blocks"]:
        assert set(Block.__required_keys__) <= set(b) <= _keys(Block)
    assert any("footnote_refs" in b for b in doc["blocks"]), "the optional key occurs"
    for n in doc["footnotes"]:
        assert set(n) == _keys(Footnote)
    # The stubs name them as the return types.
    stub = (Path(sixalign.__file__).parent / "_native.pyi").read_text(encoding="utf-8")
    assert stub.count("-> QaReport:") == 2 and stub.count("-> Inspection:") == 2
