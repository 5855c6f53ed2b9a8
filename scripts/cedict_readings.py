"""The Mandarin readings of single Han characters, from CC-CEDICT: what
`src/lang/readings.rs` embeds to read Chinese names as pinyin.

Every single-character entry (simplified and traditional form) gives its
reading without tone, lower-cased, `u:` (ü) written `u` as names are in
Latin-script text (吕 `Lu`); readings that are not plain letters (`xx5`)
and those without a vowel (`m`, `r`) are left out. Only characters of U+3400..U+9FFF are kept (the table the
library indexes). Output: `reading<TAB>characters`, one line per reading,
readings in byte order, characters in code-point order, after a header.
Deterministic: the same input gives the same bytes.

Usage (from the repository root):
    python3 scripts/cedict_readings.py \
        ../shared/data/lexicon/source/cedict_1_0_ts_utf-8_mdbg.txt.gz data/lexicon/cedict.readings.txt
"""
import collections
import gzip
import re
import sys

LINE = re.compile(r'^(\S+) (\S+) \[([^\]]*)\] /')


def main():
    src, dst = sys.argv[1], sys.argv[2]
    op = gzip.open if src.endswith('.gz') else open
    chars = collections.defaultdict(set)
    with op(src, 'rt', encoding='utf-8') as f:
        for line in f:
            if line.startswith('#'):
                continue
            m = LINE.match(line)
            if not m:
                continue
            trad, simp, pinyin = m.groups()
            if len(simp) != 1 or len(trad) != 1 or ' ' in pinyin.strip():
                continue
            reading = re.sub(r'[1-5]$', '', pinyin.strip()).replace('u:', 'u').lower()
            if not re.fullmatch(r'[a-z]*[aeiou][a-z]*', reading):
                continue
            for c in {trad, simp}:
                if 0x3400 <= ord(c) <= 0x9FFF:
                    chars[reading].add(c)
    with open(dst, 'w', encoding='utf-8', newline='\n') as out:
        out.write('# Mandarin readings of single Han characters, without tones.\n')
        out.write('# From CC-CEDICT (MDBG), CC BY-SA 4.0; made by scripts/cedict_readings.py.\n')
        for reading in sorted(chars):
            out.write(reading + '\t' + ''.join(sorted(chars[reading])) + '\n')


if __name__ == '__main__':
    main()
