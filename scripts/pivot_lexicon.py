#!/usr/bin/env python3
"""Pivot lexicon zh -> X through English: CC-CEDICT's English glosses looked
up in a FreeDict eng-X dictionary (Debian package dict-freedict-eng-X, dictd
format under /usr/share/dictd/).

Written for sixalign. Output is the sixalign lexicon text format:
    # sixalign lexicon zh-fr
    headword<TAB>target words ...

Usage:
  pivot_lexicon.py CEDICT_TSV DICTD_BASENAME LANG OUT
  e.g. pivot_lexicon.py ../shared/data/lexicon/cedict.zh-en.tsv \
       /usr/share/dictd/freedict-eng-fra fr /tmp/pivot.zh-fr.tsv

The result derives from CC-CEDICT (CC BY-SA 4.0) and FreeDict (GPL-2+ or
GPL-3+, see /usr/share/doc/dict-freedict-eng-*/copyright): it is built on the
user's machine, never shipped with sixalign.
"""
import gzip
import re
import sys

B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'
STOP = set('the and for with from that this are was were has have its their which who not all any other such also been of to in on by as at or an a be is it'.split())


def b64(s):
    n = 0
    for c in s:
        n = n * 64 + B64.index(c)
    return n


def load_dictd(base):
    data = gzip.open(base + '.dict.dz').read()
    out = {}
    for line in open(base + '.index', encoding='utf-8'):
        f = line.rstrip('\n').split('\t')
        if len(f) != 3 or f[0].startswith('00database'):
            continue
        head = f[0].strip().lower()
        body = data[b64(f[1]):b64(f[1]) + b64(f[2])].decode('utf-8', 'replace')
        lines = body.split('\n')[1:]  # first line: headword /pron/
        words = []
        for l in lines:
            l = re.sub(r'^\s*\d+\.\s*', '', l)
            l = re.sub(r'\([^)]*\)|\[[^\]]*\]|<[^>]*>', ' ', l)
            for phrase in l.split(','):
                for w in re.findall(r'\w+', phrase.lower()):
                    if len(w) >= 3 and not w.isdigit():
                        words.append(w)
        if words:
            out.setdefault(head, [])
            for w in words:
                if w not in out[head]:
                    out[head].append(w)
    return out


def main():
    cedict, base, lang, outp = sys.argv[1:5]
    eng = load_dictd(base)
    han = re.compile(r'^[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]{2,6}$')
    xref = re.compile(r'\[[^\]]*\]|[\u3400-\u9fff\uf900-\ufaff|]+')
    entries = {}
    for line in open(cedict, encoding='utf-8'):
        head, _, gloss = line.rstrip('\n').partition('\t')
        if not han.match(head):
            continue
        gloss = xref.sub(' ', gloss)
        for w in re.findall(r'[A-Za-z]+', gloss):
            w = w.lower()
            if len(w) < 3 or w in STOP:
                continue
            for t in eng.get(w, [])[:4]:
                e = entries.setdefault(head, [])
                if t not in e and len(e) < 24:
                    e.append(t)
    with open(outp, 'w', encoding='utf-8') as f:
        f.write(f'# sixalign lexicon zh-{lang}\n')
        for head in sorted(entries):
            ws = entries[head]
            for i in range(0, len(ws), 12):
                f.write(head + '\t' + ' '.join(ws[i:i + 12]) + '\n')
    print(f'{len(entries)} headwords, {len(eng)} {lang} entries', file=sys.stderr)


main()
