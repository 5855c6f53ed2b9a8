#!/usr/bin/env bash
# Side by side: `sixalign align --lines --batch` against `hunalign -batch`, on
# the same job files, in one run on this machine.
#
# usage: benches/hunalign_compare.sh HUNALIGN_BIN [DOCS] [SENTENCES_PER_DOC]
#
# Builds DOCS document-sized zh–en sentence files (default 334 × 300, about
# 100,000 sentences) from the UNv1 test and dev sets in ../shared/data/unv1:
# sentence pairs drawn with a fixed seed, 1 % of target sentences dropped and
# 1 % merged with their neighbour, with gold bead files. Then runs both
# aligners over the same jobs, prints wall time, peak memory and the speed
# ratio, and scores both outputs against the gold (strict/lax F1, `sixalign
# eval`). Hunalign gets an empty dictionary (length-based, as its users run it
# without one) and the same raw files: its quality figure is for Chinese that
# is not word-segmented, which it is not made for; the speed is the point. Build Hunalign outside the repository with
# ../shared/peers/hunalign/build.sh DIR; never commit it. KEEP=DIR keeps the
# job files and outputs in DIR.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
hun=${1:?usage: hunalign_compare.sh HUNALIGN_BIN [DOCS] [SENTENCES_PER_DOC]}
docs=${2:-334}
per=${3:-300}
threads=${THREADS:-$(nproc)}
data="$here/../shared/data/unv1"
[ -x "$hun" ] || { echo "not an executable: $hun" >&2; exit 2; }
[ -f "$data/testset.zh" ] || { echo "missing $data/testset.zh (the shared data set)" >&2; exit 2; }
six="$here/target/release/sixalign"
(cd "$here" && cargo build --release -q)
if [ -n "${KEEP:-}" ]; then work=$KEEP; rm -rf "$work"; mkdir -p "$work"; else work=$(mktemp -d); trap 'rm -rf "$work"' EXIT; fi

python3 - "$data" "$work" "$docs" "$per" <<'PY'
import random, sys, os
data, work, docs, per = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
zh = [l.rstrip("\n") for f in ("testset.zh", "devset.zh") for l in open(os.path.join(data, f), encoding="utf-8")]
en = [l.rstrip("\n") for f in ("testset.en", "devset.en") for l in open(os.path.join(data, f), encoding="utf-8")]
pairs = [(z, e) for z, e in zip(zh, en) if z.strip() and e.strip()]
rng = random.Random(20261202)
six = open(os.path.join(work, "jobs.six"), "w")
hun = open(os.path.join(work, "jobs.hun"), "w")
for d in range(docs):
    start = rng.randrange(0, len(pairs) - per)
    doc = pairs[start:start + per]
    src, tgt, gold = [], [], []
    i = 0
    while i < len(doc):
        r = rng.random()
        z, e = doc[i]
        if r < 0.01:  # target sentence dropped: a 1-0 bead
            gold.append(([len(src)], []))
            src.append(z); i += 1
        elif r < 0.02 and i + 1 < len(doc):  # two target sentences merged: 2-1
            z2, e2 = doc[i + 1]
            gold.append(([len(src), len(src) + 1], [len(tgt)]))
            src += [z, z2]; tgt.append(e + " " + e2); i += 2
        else:
            gold.append(([len(src)], [len(tgt)]))
            src.append(z); tgt.append(e); i += 1
    base = os.path.join(work, f"d{d:04}")
    for ext, lines in (("zh", src), ("en", tgt)):
        with open(f"{base}.{ext}", "w", encoding="utf-8") as f:
            f.write("\n".join(lines) + "\n")
    with open(f"{base}.gold", "w") as f:
        for s, t in gold:
            f.write(f"[{', '.join(map(str, s))}]:[{', '.join(map(str, t))}]\n")
    six.write(f"{base}.zh\t{base}.en\t{base}.six\n")
    hun.write(f"{base}.zh\t{base}.en\t{base}.ladder\n")
PY
: > "$work/null.dic"
sents=$(cat "$work"/d*.zh | wc -l)
echo "sixalign options: ${SIXALIGN_ARGS:-(defaults)}"
echo "jobs: $docs documents, $sents zh sentences (zh–en, UNv1 test+dev, seed 20261202); $threads threads for sixalign; $(nproc) cores"

t() { /usr/bin/time -f "%e %M" -o "$work/time" "$@" >/dev/null 2>"$work/err" || { cat "$work/err" >&2; exit 1; }; cat "$work/time"; }
# Hunalign writes a translate.txt into its working directory: keep it in $work.
read -r hs hm < <(cd "$work" && t "$hun" -batch "$work/null.dic" "$work/jobs.hun")
# SIXALIGN_ARGS: more options for sixalign (e.g. --no-lexicon); default none.
read -r -a extra <<< "${SIXALIGN_ARGS:-}"
read -r s1 m1 < <(t env RAYON_NUM_THREADS=1 "$six" align --lines --batch "$work/jobs.six" -q "${extra[@]}")
read -r sn mn < <(t env RAYON_NUM_THREADS="$threads" "$six" align --lines --batch "$work/jobs.six" -q "${extra[@]}")

# Hunalign writes a ladder (rung = "src<TAB>tgt<TAB>score"): consecutive rungs bound a bead.
python3 - "$work" <<'PY'
import glob, sys
for path in glob.glob(sys.argv[1] + "/*.ladder"):
    rungs = [tuple(map(int, l.split("\t")[:2])) for l in open(path) if l.strip()]
    with open(path[:-len(".ladder")] + ".hunbeads", "w") as f:
        for (a, b), (c, d) in zip(rungs, rungs[1:]):
            f.write(f"[{', '.join(map(str, range(a, c)))}]:[{', '.join(map(str, range(b, d)))}]\n")
PY
mkdir -p "$work/gold" "$work/six" "$work/hunb"
for g in "$work"/d*.gold; do b=$(basename "$g" .gold); ln -s "$g" "$work/gold/$b"; ln -s "$work/$b.six" "$work/six/$b"; ln -s "$work/$b.hunbeads" "$work/hunb/$b"; done
echo
printf '%-28s %9s %9s %12s  %s\n' aligner seconds "peak MB" "sentences/s" "quality vs gold"
row() { printf '%-28s %9.2f %9.1f %12.0f  %s\n' "$1" "$2" "$(echo "$3/1024" | bc -l)" "$(echo "$sents/$2" | bc -l)" "$("$six" eval --json "$work/gold" "$4" | python3 -c 'import json,sys; s=json.load(sys.stdin); print("strict F1 %.4f, lax F1 %.4f" % (s["strict"]["f1"], s["lax"]["f1"]))')"; }
row "hunalign -batch" "$hs" "$hm" "$work/hunb"
row "sixalign 1 thread" "$s1" "$m1" "$work/six"
row "sixalign $threads threads" "$sn" "$mn" "$work/six"
echo
echo "speed ratio, sixalign / hunalign: $(echo "$hs/$s1" | bc -l | xargs printf '%.1f')x on 1 thread, $(echo "$hs/$sn" | bc -l | xargs printf '%.1f')x on $threads threads"
