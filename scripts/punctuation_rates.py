#!/usr/bin/env python3
"""How often each punctuation kind of the aligner (`?`, `!`, quotation
marks: src/score.rs punctuation_kind) is on one side only of a gold link,
against the same link with the target two sentences off; prints −ln of the
ratio of the two rates (add-one smoothed), the defaults of
align::Punctuation. Run on dev data only, e.g. Bertalign's MAC dev set:

    scripts/punctuation_rates.py DIR   # DIR/NNN.zh, DIR/NNN.en, DIR/gold/NNN

Gold lines are Bertalign's `[0,1]:[0]`.
"""
import json
import math
import os
import sys

KINDS = {
    "?": set("?？¿؟"),
    "!": set("!！¡"),
    "quote": set('"“”„«»「」『』＂'),
}


def mask(text):
    return {k for k, cs in KINDS.items() if any(c in cs for c in text)}


def main(d):
    counts = {k: [0, 0, 0, 0] for k in KINDS}  # miss, links, miss off, links off
    for name in sorted(os.listdir(os.path.join(d, "gold"))):
        src = open(os.path.join(d, name + ".zh"), encoding="utf-8").read().split("\n")
        tgt = open(os.path.join(d, name + ".en"), encoding="utf-8").read().split("\n")
        for line in open(os.path.join(d, "gold", name), encoding="utf-8"):
            a, b = (json.loads(x) for x in line.strip().split(":"))
            if not a or not b:
                continue
            s = set().union(*(mask(src[i]) for i in a))
            t = set().union(*(mask(tgt[j]) for j in b))
            off = [j + 2 for j in b]
            t2 = set().union(*(mask(tgt[j]) for j in off)) if max(off) < len(tgt) else None
            for k, c in counts.items():
                c[1] += 1
                c[0] += (k in s) != (k in t)
                if t2 is not None:
                    c[3] += 1
                    c[2] += (k in s) != (k in t2)
    for k, (miss, links, miss_off, links_off) in counts.items():
        right = (miss + 1) / (links + 2)
        wrong = (miss_off + 1) / (links_off + 2)
        print(f"{k}\t{links} links\tone side only {right:.3f} vs {wrong:.3f} off\tcost {math.log(wrong / right):.2f}")


if __name__ == "__main__":
    main(sys.argv[1])
