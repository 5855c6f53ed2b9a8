#!/usr/bin/env python3
"""List the library's public API, one item a line, sorted.

Reads the JSON that nightly rustdoc writes:

    cargo +nightly rustdoc -p sixalign --lib -- -Z unstable-options --output-format json
    python3 scripts/public_api.py target/doc/sixalign.json > api.txt

Each line is a path (`sixalign::align::Params`) and its kind; fields and
methods are listed under their type (`sixalign::align::Params::estimate fn`).
Items marked `#[doc(hidden)]` are left out, as rustdoc leaves them out of the
documentation. Compare two lists with `diff` to see what a change added to or
took from the surface.
"""
import json
import sys


def main(path):
    doc = json.load(open(path))
    index = doc["index"]
    root = index[str(doc["root"])]
    out = set()

    def hidden(item):
        return any("doc(hidden)" in str(a) for a in item.get("attrs", []))

    def visit(item_id, prefix, seen):
        item = index.get(str(item_id))
        if item is None or item_id in seen or hidden(item):
            return
        seen = seen | {item_id}
        inner = item["inner"]
        (kind, body), = inner.items()
        name = item.get("name")
        if kind == "use":
            target = body.get("id")
            if target is not None:
                alias = body.get("name") or name
                visit_as(target, prefix, alias, seen)
            return
        if item.get("visibility") not in ("public", "default") and kind not in ("impl",):
            return
        here = f"{prefix}::{name}" if name else prefix
        if kind == "module":
            out.add(f"{here} mod")
            for child in body["items"]:
                visit(child, here, seen)
        elif kind in ("struct", "enum", "union", "trait"):
            out.add(f"{here} {kind}")
            kids = []
            if kind == "struct":
                k = body.get("kind", {})
                if isinstance(k, dict) and "plain" in k:
                    kids += k["plain"].get("fields", [])
                elif isinstance(k, dict) and "tuple" in k:
                    kids += [f for f in k["tuple"] if f is not None]
            if kind == "enum":
                kids += body.get("variants", [])
            if kind == "trait":
                kids += body.get("items", [])
            for impl_id in body.get("impls", []):
                impl = index.get(str(impl_id))
                if impl is None:
                    continue
                im = impl["inner"]["impl"]
                # Inherent impls only: trait impls are the traits' surface.
                if im.get("trait") is None and not im.get("is_synthetic"):
                    kids += im.get("items", [])
            for kid in kids:
                visit(kid, here, seen)
        elif kind == "variant":
            out.add(f"{here} variant")
        elif kind == "struct_field":
            out.add(f"{here} field")
        else:
            out.add(f"{here} {kind}")

    def visit_as(target, prefix, alias, seen):
        item = index.get(str(target))
        if item is None:
            # Re-exported from another crate.
            out.add(f"{prefix}::{alias} use")
            return
        item = dict(item)
        item["name"] = alias
        item["visibility"] = "public"
        index[f"alias:{target}:{prefix}:{alias}"] = item
        visit(f"alias:{target}:{prefix}:{alias}", prefix, seen)

    for child in root["inner"]["module"]["items"]:
        visit(child, root["name"], frozenset())
    for line in sorted(out):
        print(line)


if __name__ == "__main__":
    main(sys.argv[1])
