"""The traditional headwords of CC-CEDICT as a `traditional<TAB>gloss` TSV,
beside the simplified one that ../shared/data/scripts/cedict2tsv.py makes,
with the same gloss filter (it is imported from there, not copied). Only
entries whose traditional form differs from the simplified one are written.

Usage (from the repository root; the output is an intermediate file, not
committed):
    python3 scripts/cedict_trad_tsv.py \
        ../shared/data/lexicon/source/cedict_1_0_ts_utf-8_mdbg.txt.gz /tmp/cedict.trad.tsv
then give both TSVs to examples/compact_cedict.rs (see its header).
"""
import gzip
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), '..', '..', 'shared', 'data', 'scripts'))
import cedict2tsv  # noqa: E402


def main():
    src, dst = sys.argv[1], sys.argv[2]
    op = gzip.open if src.endswith('.gz') else open
    seen = set()
    written = 0
    with op(src, 'rt', encoding='utf-8') as f, open(dst, 'w', encoding='utf-8', newline='\n') as out:
        for line in f:
            line = line.rstrip('\r\n')
            if not line or line.startswith('#'):
                continue
            m = cedict2tsv.LINE.match(line)
            if not m:
                raise SystemExit('unparsed line: %r' % line)
            trad, simp, _pinyin, body = m.groups()
            if trad == simp:
                continue
            for g in body.split('/'):
                g = ' '.join(g.split())
                if not g or cedict2tsv.gloss_kind(g):
                    continue
                if (trad, g) in seen:
                    continue
                seen.add((trad, g))
                out.write(trad + '\t' + g + '\n')
                written += 1
    print('%d lines written' % written, file=sys.stderr)


if __name__ == '__main__':
    main()
