"""The Spark job (examples/spark/align_corpus.py) on PySpark in local mode
gives exactly the pairs `sixalign corpus` gives on the same input, from a
manifest and from a directory tree."""

import importlib.util
import json
import os
import sys

import pytest

from conftest import REPO, jsonl

LANGS = ["ar", "zh", "en", "es", "fr", "ru"]
FIELDS = ["doc", "region", "src_lang", "tgt_lang", "src", "tgt", "src_sents", "tgt_sents", "score"]


def load_example():
    spec = importlib.util.spec_from_file_location("align_corpus", REPO / "examples/spark/align_corpus.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def numbered(tsv: str, keep) -> str:
    """Lines `id<TAB>text` of an SDG table as numbered paragraphs."""
    out, n = [], 0
    for line in tsv.splitlines():
        ident, _, text = line.partition("\t")
        if text and keep(ident):
            n += 1
            out.append(f"{n}. {text}\n")
    assert n >= 5, "too few SDG rows read"
    return "\n".join(out)


@pytest.fixture(scope="module")
def corpus(shared, tmp_path_factory):
    """UDHR and SDG goals and targets in six languages, as files per
    language (`zh/SDG/TARGETS/1.txt`), with a manifest of the same files, and
    one document without its Chinese version, one with a binary version."""
    root = tmp_path_factory.mktemp("corpus")
    tree = root / "tree"
    docs = {}
    for lang in LANGS:
        docs[("UDHR", lang)] = (shared / "udhr" / f"{lang}.txt").read_text(encoding="utf-8")
        goals = (shared / "sdg" / f"goals.{lang}.tsv").read_text(encoding="utf-8")
        docs[("SDG/GOALS", lang)] = numbered(goals, lambda i: True)
        targets = (shared / "sdg" / f"targets.{lang}.tsv").read_text(encoding="utf-8")
        for goal in ["1", "2", "3"]:
            docs[(f"SDG/TARGETS/{goal}", lang)] = numbered(targets, lambda i, g=goal: i.split(".")[0] == g)
    docs[("SDG/TARGETS/4", "en")] = numbered(
        (shared / "sdg" / "targets.en.tsv").read_text(encoding="utf-8"), lambda i: i.split(".")[0] == "4"
    )
    # A document with one version that does not load: the others are aligned.
    docs[("SDG/BROKEN", "zh")] = docs[("SDG/GOALS", "zh")]
    docs[("SDG/BROKEN", "en")] = docs[("SDG/GOALS", "en")]
    docs[("SDG/BROKEN", "fr")] = b"\x00\x01\x02 not text"
    rows = ["id,lang,path"]
    for (doc, lang), text in sorted(docs.items()):
        path = tree / lang / f"{doc}.txt"
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")
        rows.append(f"{doc},{lang},{path.relative_to(root)}")
    (root / "docs.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def spark():
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    from pyspark.sql import SparkSession

    s = (
        SparkSession.builder.master("local[2]")
        .appName("sixalign-test")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "2")
        .config("spark.default.parallelism", "2")
        .config("spark.ui.showConsoleProgress", "false")
        .getOrCreate()
    )
    s.sparkContext.setLogLevel("ERROR")
    yield s
    s.stop()


def cli_pairs(cli, input_path, out):
    # The Spark job aligns each document with the built-in lexicon and no
    # learning; the CLI's corpus-wide learned lexicon is turned off to match.
    cli("corpus", input_path, "-o", out, "-q", "--learn-lexicon", "0", check=False)
    files = sorted(out.glob("zh-*/*.jsonl"))
    assert files, f"sixalign corpus wrote nothing under {out}"
    return sorted(tuple(json.dumps(p[f]) for f in FIELDS) for path in files for p in jsonl(path.read_text(encoding="utf-8")))


def spark_pairs(spark, out):
    rows = spark.read.parquet(str(out)).collect()
    return sorted(tuple(json.dumps(r.asDict(recursive=True)[f]) for f in FIELDS) for r in rows)


@pytest.mark.parametrize("layout", ["docs.csv", "tree"])
def test_spark_pairs_equal_the_cli_corpus_pairs(corpus, cli, spark, layout, tmp_path):
    example = load_example()
    problems = example.align_corpus(spark, str(corpus / layout), str(tmp_path / "pairs.parquet"), partitions=3)
    got = spark_pairs(spark, tmp_path / "pairs.parquet")
    want = cli_pairs(cli, corpus / layout, tmp_path / "cli")
    assert got == want
    # Every document and language pair is there, with real alignments.
    docs = {json.loads(t[0]) for t in got}
    assert docs == {"UDHR", "SDG/GOALS", "SDG/TARGETS/1", "SDG/TARGETS/2", "SDG/TARGETS/3", "SDG/BROKEN"}
    assert {json.loads(t[3]) for t in got if json.loads(t[0]) == "SDG/BROKEN"} == {"en"}
    assert {json.loads(t[3]) for t in got} == {"ar", "en", "es", "fr", "ru"}
    assert len(got) > 5 * 100
    # The document without its Chinese version is reported, not aligned.
    assert [p["reason"] for p in problems if p.get("id") == "SDG/TARGETS/4"] == ["no zh (hub) version"]
    broken = [p for p in problems if p.get("id") == "SDG/BROKEN"]
    assert [p["lang"] for p in broken] == ["fr"] and "binary data" in broken[0]["reason"], broken
    # Parquet partitioned by target language, with the JSON fields' types.
    out = tmp_path / "pairs.parquet"
    assert sorted(p.name for p in out.glob("tgt_lang=*")) == [f"tgt_lang={l}" for l in ["ar", "en", "es", "fr", "ru"]]
    assert (out / "_SUCCESS").is_file()
    schema = {f.name: f.dataType.simpleString() for f in spark.read.parquet(str(out)).schema.fields}
    assert schema["src_sents"] == "array<int>" and schema["score"] == "double"
