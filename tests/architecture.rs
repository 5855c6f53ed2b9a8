//! The module graph of the library: read from `src/**/*.rs` (every
//! `crate::…` path, `use` or inline), it must have no cycle, and no module
//! may use one on a higher floor.
//!
//! The floors, lowest first (a module may use its own floor and those below;
//! within a floor the graph must still be acyclic). They follow
//! `shared/ARCHITECTURE.md`, except that `load` sits on floor 3 beside
//! `normalize`: a `Document` keeps the `Text` its spans point into.
//!
//! | floor | modules | holds |
//! |---|---|---|
//! | 1 | `error`, `finding`, `input` | typed errors; what parser and QA report; the one reader (size limit, no devices) |
//! | 2 | `lang` | every language fact as data (months, openers, labels, symbols) |
//! | 3 | `normalize`, `load`, `segment`, `score`, `lexicon`, `document` | the normalized view; bytes → `Text`; sentences; scorers; lexicons as integers; the document model (which keeps its `Text`) |
//! | 4 | `align`, `anchor` | the banded DP; anchoring |
//! | 5 | `parse`, `engine` | `Text` → `Document`; the `Aligner`, the one front door |
//! | 6 | `output`, `qa`, `synth` | writers; QA; the synthetic generator |
//! | 7 | `corpus`, `eval`, `review` | many documents, pipe, batch; scoring against gold; the review page and its edits |
//! | 8 | `bench` | the corpus benchmark |
//!
//! The command (`src/main.rs`, `src/cli/`) sits above them all and reaches
//! the library only as `sixalign::…`; it is checked not to be reached from
//! the library.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

const FLOORS: &[(&str, u32)] = &[
    ("error", 1),
    ("finding", 1),
    ("input", 1),
    ("lang", 2),
    ("normalize", 3),
    ("segment", 3),
    ("score", 3),
    ("lexicon", 3),
    ("document", 3),
    ("load", 3),
    ("align", 4),
    ("anchor", 4),
    ("parse", 5),
    ("engine", 5),
    ("output", 6),
    ("qa", 6),
    ("synth", 6),
    ("corpus", 7),
    ("eval", 7),
    ("review", 7),
    ("bench", 8),
];

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
        .map(|e| e.expect("directory entry").path())
        .collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

/// The top-level library module a file belongs to (`src/qa/tokens.rs` → `qa`);
/// `None` for the crate root and the command.
fn module_of(rel: &Path) -> Option<String> {
    let first = rel.components().next()?.as_os_str().to_str()?.to_string();
    let name = first.strip_suffix(".rs").unwrap_or(&first).to_string();
    (!matches!(name.as_str(), "lib" | "main" | "cli")).then_some(name)
}

/// Drops comments, string and character literals, so that a path in a doc
/// comment or a message is not an import.
fn code_only(text: &str) -> String {
    let c: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    let ident = |ch: char| ch.is_alphanumeric() || ch == '_';
    while i < c.len() {
        let next = c.get(i + 1).copied();
        if c[i] == '/' && next == Some('/') {
            while i < c.len() && c[i] != '\n' {
                i += 1;
            }
        } else if c[i] == '/' && next == Some('*') {
            i += 2;
            while i + 1 < c.len() && !(c[i] == '*' && c[i + 1] == '/') {
                i += 1;
            }
            i += 2;
        } else if c[i] == 'r'
            && matches!(next, Some('"') | Some('#'))
            && (i == 0 || !ident(c[i - 1]))
        {
            // A raw string: r"…", r#"…"#.
            let mut j = i + 1;
            let mut hashes = 0;
            while c.get(j) == Some(&'#') {
                hashes += 1;
                j += 1;
            }
            if c.get(j) != Some(&'"') {
                out.push(c[i]);
                i += 1;
                continue;
            }
            j += 1;
            while j < c.len() {
                if c[j] == '"' && (0..hashes).all(|k| c.get(j + 1 + k) == Some(&'#')) {
                    j += 1 + hashes;
                    break;
                }
                j += 1;
            }
            i = j;
        } else if c[i] == '"' {
            i += 1;
            while i < c.len() && c[i] != '"' {
                if c[i] == '\\' {
                    i += 1;
                }
                i += 1;
            }
            i += 1;
        } else if c[i] == '\'' && next == Some('\\') {
            // '\n', '\'', '\u{…}'
            i += 2;
            while i < c.len() && c[i] != '\'' {
                i += 1;
            }
            i += 1;
        } else if c[i] == '\'' && c.get(i + 2) == Some(&'\'') {
            i += 3;
        } else {
            out.push(c[i]);
            i += 1;
        }
    }
    out
}

/// Names the crate root re-exports (`pub use document::{Block, …}`), so that
/// `crate::Document` counts as a use of `document`.
fn root_reexports(lib: &str) -> BTreeMap<String, String> {
    let mut map = BTreeMap::new();
    let code = code_only(lib);
    for stmt in code.split(';') {
        let stmt = stmt.trim();
        let Some(rest) = stmt.strip_prefix("pub use ") else {
            continue;
        };
        let rest = rest.trim_start_matches("crate::");
        let Some((module, names)) = rest.split_once("::") else {
            continue;
        };
        let names = names.trim_matches(|c| c == '{' || c == '}');
        for n in names.split(',') {
            let n = n.trim();
            let n = n.rsplit(" as ").next().unwrap_or(n).trim();
            if !n.is_empty() {
                map.insert(n.to_string(), module.to_string());
            }
        }
    }
    map
}

/// Every top-level module a file's code names through `crate::`, including
/// grouped imports (`use crate::{a, b::C}`).
fn uses(code: &str, reexports: &BTreeMap<String, String>) -> BTreeSet<String> {
    let ident = |s: &str| -> String {
        s.chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect()
    };
    let mut found = BTreeSet::new();
    let mut add = |name: String| {
        if let Some(m) = reexports.get(&name) {
            found.insert(m.clone());
        } else if !name.is_empty() {
            found.insert(name);
        }
    };
    let mut rest = code;
    while let Some(i) = rest.find("crate::") {
        let before = rest[..i].chars().next_back();
        rest = &rest[i + "crate::".len()..];
        // `sixalign_crate::` or `my_crate::` is not this crate.
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
            continue;
        }
        let after = rest.trim_start();
        if let Some(group) = after.strip_prefix('{') {
            // Top-level entries of the group, split at depth 0.
            let mut depth = 0;
            let mut start = 0;
            let body: &str = group;
            for (k, c) in body.char_indices() {
                match c {
                    '{' => depth += 1,
                    '}' if depth == 0 => {
                        add(ident(body[start..k].trim()));
                        break;
                    }
                    '}' => depth -= 1,
                    ',' if depth == 0 => {
                        add(ident(body[start..k].trim()));
                        start = k + 1;
                    }
                    _ => {}
                }
            }
        } else {
            add(ident(after));
        }
    }
    found
}

fn graph() -> BTreeMap<String, BTreeSet<String>> {
    let root = src();
    let lib = std::fs::read_to_string(root.join("lib.rs")).expect("src/lib.rs");
    let reexports = root_reexports(&lib);
    let mut files = Vec::new();
    rust_files(&root, &mut files);
    let mut g: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for f in &files {
        let rel = f.strip_prefix(&root).expect("under src");
        let Some(m) = module_of(rel) else { continue };
        let text = std::fs::read_to_string(f).expect("source file");
        let entry = g.entry(m.clone()).or_default();
        for u in uses(&code_only(&text), &reexports) {
            if u != m {
                entry.insert(u);
            }
        }
    }
    g
}

fn floor(m: &str) -> Option<u32> {
    FLOORS.iter().find(|(n, _)| *n == m).map(|(_, f)| *f)
}

#[test]
fn parser_of_the_graph_sees_grouped_and_inline_paths() {
    let reexports = root_reexports("pub use document::{Block, Document};\npub use lang::Lang;\n");
    let code = code_only(
        "use crate::{lang::{self, Lang}, score::Lexicon};\nfn f(d: &crate::Document) {}\n// crate::qa in a comment\nlet s = \"crate::eval\";\n",
    );
    let got: Vec<String> = uses(&code, &reexports).into_iter().collect();
    assert_eq!(got, ["document", "lang", "score"]);
}

#[test]
fn every_library_module_has_a_floor() {
    let g = graph();
    let missing: Vec<&String> = g.keys().filter(|m| floor(m).is_none()).collect();
    assert!(
        missing.is_empty(),
        "modules with no floor in tests/architecture.rs: {missing:?}"
    );
    // The table names no module that is gone.
    for (m, _) in FLOORS {
        assert!(g.contains_key(*m), "floor table names {m}, not in src/");
    }
}

#[test]
fn no_module_uses_a_higher_floor() {
    let g = graph();
    let mut wrong = Vec::new();
    for (m, deps) in &g {
        let Some(fm) = floor(m) else { continue };
        for d in deps {
            match floor(d) {
                Some(fd) if fd > fm => {
                    wrong.push(format!("{m} (floor {fm}) uses {d} (floor {fd})"))
                }
                None => wrong.push(format!("{m} uses {d}, which has no floor")),
                _ => {}
            }
        }
    }
    assert!(wrong.is_empty(), "imports upwards:\n{}", wrong.join("\n"));
}

#[test]
fn module_graph_is_acyclic() {
    let g = graph();
    // Depth-first search with colours; a grey node met again closes a cycle.
    fn visit<'a>(
        n: &'a str,
        g: &'a BTreeMap<String, BTreeSet<String>>,
        colour: &mut BTreeMap<&'a str, u8>,
        stack: &mut Vec<&'a str>,
        cycles: &mut Vec<String>,
    ) {
        colour.insert(n, 1);
        stack.push(n);
        for d in g.get(n).into_iter().flatten() {
            match colour.get(d.as_str()).copied().unwrap_or(0) {
                0 => visit(d, g, colour, stack, cycles),
                1 => {
                    let from = stack.iter().position(|s| *s == d).unwrap_or(0);
                    let mut c: Vec<&str> = stack[from..].to_vec();
                    c.push(d);
                    cycles.push(c.join(" → "));
                }
                _ => {}
            }
        }
        stack.pop();
        colour.insert(n, 2);
    }
    let mut colour = BTreeMap::new();
    let mut cycles = Vec::new();
    for n in g.keys() {
        if colour.get(n.as_str()).copied().unwrap_or(0) == 0 {
            visit(n, &g, &mut colour, &mut Vec::new(), &mut cycles);
        }
    }
    assert!(
        cycles.is_empty(),
        "cycles in the module graph:\n{}",
        cycles.join("\n")
    );
}

#[test]
fn the_library_never_reaches_the_command() {
    let root = src();
    let mut files = Vec::new();
    rust_files(&root, &mut files);
    for f in files {
        let rel = f.strip_prefix(&root).expect("under src");
        if module_of(rel).is_none() {
            continue;
        }
        let code = code_only(&std::fs::read_to_string(&f).expect("source file"));
        assert!(
            !code.contains("crate::cli") && !code.contains("sixalign::"),
            "{} reaches the command or names the crate from inside",
            rel.display()
        );
    }
}
