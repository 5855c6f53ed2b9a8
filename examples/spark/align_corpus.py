#!/usr/bin/env python3
"""Align a corpus of UN documents on Spark with the sixalign Python package.

    python examples/spark/align_corpus.py INPUT --out PAIRS.parquet [--langs ar,en,es,fr,ru]
    spark-submit examples/spark/align_corpus.py /mnt/un/docs.csv --out hdfs:///un/pairs.parquet

INPUT is a manifest (``.csv`` with a header naming ``id``, ``lang``, ``path``,
or ``.jsonl`` with those fields; relative paths are taken from the manifest's
directory) or a directory tree laid out as ``sixalign corpus`` reads it
(``zh/A_RES_74_28.txt``, ``A_RES_74_28_C.txt``, …). The language versions of
each document are grouped by id, each document is aligned inside
``mapPartitions`` by ``sixalign.align_files`` (the Chinese version is the hub),
and the aligned pairs are written as Parquet, partitioned by ``tgt_lang``,
with the fields of ``sixalign corpus``'s JSON Lines: doc, region, src_lang,
tgt_lang, src, tgt, src_sents, tgt_sents, score. The pairs are the ones
``sixalign corpus INPUT`` writes. Documents that cannot be aligned (no
Chinese version, a version that does not load) are reported on stderr and,
with ``--problems FILE``, as JSON lines; the others go on.

Every executor needs the ``sixalign`` wheel installed (``pip install
sixalign-*.whl``, or an environment archive shipped with ``--archives``), and
reads the documents itself with the library: their paths must be readable
on the executors (local mode, or a file system every node mounts).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import Dict, Iterable, Iterator, List, Tuple

from pyspark.sql import SparkSession
from pyspark.sql.types import (
    ArrayType,
    DoubleType,
    IntegerType,
    StringType,
    StructField,
    StructType,
)

HUB = "zh"
OTHERS = ["ar", "en", "es", "fr", "ru"]

PAIR_SCHEMA = StructType(
    [
        StructField("doc", StringType(), False),
        StructField("region", StringType(), False),
        StructField("src_lang", StringType(), False),
        StructField("tgt_lang", StringType(), False),
        StructField("src", StringType(), False),
        StructField("tgt", StringType(), False),
        StructField("src_sents", ArrayType(IntegerType(), False), False),
        StructField("tgt_sents", ArrayType(IntegerType(), False), False),
        StructField("score", DoubleType(), True),
    ]
)

# A document to align: its id and {language code: path}.
Doc = Tuple[str, Dict[str, str]]


def align_documents(docs: Iterable[Doc], langs: List[str]) -> Iterator[tuple]:
    """The mapPartitions step: ("pair", record) for every aligned pair and
    ("problem", {...}) for what could not be aligned. Runs on the executors;
    sixalign releases the GIL while it aligns. A document is `(id, files)` or
    `(id, files, left_out)` with the paths of versions left out."""
    import sixalign

    for doc_id, files, *left_out in docs:
        for path in left_out[0] if left_out else []:
            yield ("problem", {"id": doc_id, "path": path, "reason": "a second version in one language; left out"})
        if HUB not in files:
            yield ("problem", {"id": doc_id, "reason": f"no {HUB} (hub) version"})
            continue
        present = [lang for lang in langs if lang in files and lang != HUB]
        if not present:
            yield ("problem", {"id": doc_id, "reason": "no version in another language asked for"})
            continue
        wanted = {HUB: files[HUB], **{lang: files[lang] for lang in present}}
        try:
            # Each document alone, with the built-in lexicon and no learning:
            # a lexicon learned per partition would depend on the
            # partitioning; this is `sixalign corpus --learn-lexicon 0`.
            pairs = sixalign.align_files(wanted, symbol=doc_id, learn=False)["pairs"]
        except sixalign.Error:
            # Find the versions that fail; the others are aligned one by one,
            # as `sixalign corpus` does.
            pairs = []
            for lang in present:
                try:
                    pairs += sixalign.align_files(
                        {HUB: files[HUB], lang: files[lang]}, symbol=doc_id, learn=False
                    )["pairs"]
                except sixalign.Error as e:
                    yield ("problem", {"id": doc_id, "lang": lang, "reason": str(e)})
        for p in pairs:
            yield ("pair", p)


def manifest_docs(spark: SparkSession, manifest: str):
    """An RDD of documents `(id, files, left_out)` from a manifest, grouped by
    id on the cluster. A second version in one language is left out (the
    first in manifest order is kept, as `sixalign corpus` keeps it)."""
    from pyspark.sql.functions import monotonically_increasing_id

    base = os.path.dirname(os.path.abspath(manifest))
    if manifest.endswith((".jsonl", ".json")):
        df = spark.read.json(manifest)
    else:
        df = spark.read.option("header", True).csv(manifest)
    df = df.select("id", "lang", "path").withColumn("order", monotonically_increasing_id())

    def keyed(row):
        path = row["path"] if os.path.isabs(row["path"]) else os.path.join(base, row["path"])
        return (row["id"], (row["order"], row["lang"].strip().lower(), path))

    def group(kv):
        doc_id, versions = kv
        files: Dict[str, str] = {}
        left_out = []
        for _, lang, path in sorted(versions):
            if lang in files:
                left_out.append(path)
            else:
                files[lang] = path
        return (doc_id, files, left_out)

    return df.rdd.map(keyed).groupByKey().map(group)


def align_corpus(
    spark: SparkSession,
    input_path: str,
    out: str,
    langs: List[str] = OTHERS,
    partitions: int = 0,
) -> List[dict]:
    """Aligns every document of `input_path` and writes the pairs to `out`
    (Parquet, partitioned by tgt_lang). Returns the problems."""
    import sixalign

    sc = spark.sparkContext
    problems: List[dict] = []
    if os.path.isdir(input_path):
        # The driver only lists file names; the executors read the files.
        found = sixalign.discover(input_path)
        problems += [{"path": p["path"], "reason": p["reason"]} for p in found["problems"]]
        docs = sc.parallelize([(d["id"], d["files"]) for d in found["docs"]], partitions or None)
    else:
        docs = manifest_docs(spark, input_path)
        if partitions:
            docs = docs.repartition(partitions)

    results = docs.mapPartitions(lambda part: align_documents(part, langs)).cache()
    problems += results.filter(lambda r: r[0] == "problem").map(lambda r: r[1]).collect()
    fields = [f.name for f in PAIR_SCHEMA.fields]
    pairs = results.filter(lambda r: r[0] == "pair").map(lambda r: tuple(r[1][f] for f in fields))
    spark.createDataFrame(pairs, PAIR_SCHEMA).write.partitionBy("tgt_lang").parquet(out)
    results.unpersist()
    return problems


def main(argv: List[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("input", help="a manifest (.csv/.jsonl with id, lang, path) or a directory tree")
    ap.add_argument("--out", required=True, help="the Parquet output (a directory)")
    ap.add_argument("--langs", default=",".join(OTHERS), help="languages aligned with the Chinese hub")
    ap.add_argument("--master", default=None, help="Spark master (default: spark-submit's, or local[*])")
    ap.add_argument("--partitions", type=int, default=0, help="partitions of the document list (default: Spark's)")
    ap.add_argument("--problems", default=None, help="write the documents left out here, as JSON lines")
    args = ap.parse_args(argv)

    # Executors run the Python that runs this script (where sixalign is installed).
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    builder = SparkSession.builder.appName("sixalign-corpus")
    if args.master:  # else spark-submit's, or local[*] when run by python
        builder = builder.master(args.master)
    spark = builder.getOrCreate()
    spark.sparkContext.setLogLevel("ERROR")
    try:
        langs = [lang.strip() for lang in args.langs.split(",") if lang.strip()]
        problems = align_corpus(spark, args.input, args.out, langs, args.partitions)
        n = spark.read.parquet(args.out).count()
    finally:
        spark.stop()
    for p in problems:
        print(f"align_corpus: {json.dumps(p, ensure_ascii=False)}", file=sys.stderr)
    if args.problems:
        Path(args.problems).write_text("".join(json.dumps(p, ensure_ascii=False) + "\n" for p in problems), encoding="utf-8")
    print(f"align_corpus: {n} pairs written to {args.out}, {len(problems)} problems", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
