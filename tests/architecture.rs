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
//! | 6 | `output`, `qa` | writers; QA |
//! | 7 | `corpus`, `eval`, `review` | many documents, pipe, batch; scoring against gold; the review page and its edits |
//!
//! Above the library, each a package of the workspace that reaches it only
//! as `sixalign::…`: the test tooling (`testkit/`: the synthetic generator,
//! the projection onto its gold units and the corpus benchmark) and the
//! command (`cli/`, which runs `sixalign bench` from the testkit). The
//! library names neither and depends on the testkit only for its own benches
//! and examples (a dev-dependency).
//!
//! In every crate of the workspace, the top-level modules must not use each
//! other in a circle, and inside every module that is a directory
//! (`testkit`'s `synth/`, `qa/checks/`, `cli/`, …) the files and folders it
//! holds must not either; the directory's own `mod.rs` is their face (it may
//! re-export and call them, they may use what it defines).

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
    ("corpus", 7),
    ("eval", 7),
    ("review", 7),
];

fn src() -> PathBuf {
    Path::new(crate::ROOT).join("src")
}

/// The source folders of the workspace's crates, with their root files and
/// directory modules each holds (so that a test can see they were read, and
/// their files checked for circles): the library (with the rooms `engine`
/// and `load::html` were split into), the test tooling, the command.
const CRATES: &[(&str, &str, &[&str])] = &[
    ("src", "lib.rs", &["qa", "engine", "load::html"]),
    ("testkit/src", "lib.rs", &["synth"]),
    ("cli/src", "main.rs", &["cli"]),
];

pub(crate) fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
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

/// The top-level module a file belongs to (`src/qa/tokens.rs` → `qa`);
/// `None` for the crate root (`lib.rs`, `main.rs`).
fn module_of(rel: &Path) -> Option<String> {
    let first = rel.components().next()?.as_os_str().to_str()?.to_string();
    let name = first.strip_suffix(".rs").unwrap_or(&first).to_string();
    (!matches!(name.as_str(), "lib" | "main")).then_some(name)
}

/// Drops comments, string and character literals, so that a path in a doc
/// comment or a message is not an import. The line breaks they held stay,
/// so that the code keeps its line numbers.
pub(crate) fn code_only(text: &str) -> String {
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
                keep_break(&mut out, c[i]);
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
                keep_break(&mut out, c[j]);
                j += 1;
            }
            i = j;
        } else if c[i] == '"' {
            i += 1;
            while i < c.len() && c[i] != '"' {
                if c[i] == '\\' {
                    i += 1;
                }
                if let Some(&ch) = c.get(i) {
                    keep_break(&mut out, ch);
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

/// Keeps the line breaks of what [`code_only`] drops.
fn keep_break(out: &mut String, ch: char) {
    if ch == '\n' {
        out.push('\n');
    }
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

/// The library's module graph.
fn graph() -> BTreeMap<String, BTreeSet<String>> {
    graph_of(&src(), "lib.rs")
}

/// The graph of the top-level modules of the crate in `root`, whose root
/// file is `root_file` (re-exports read from it).
fn graph_of(root: &Path, root_file: &str) -> BTreeMap<String, BTreeSet<String>> {
    let lib = std::fs::read_to_string(root.join(root_file)).expect("crate root");
    let reexports = root_reexports(&lib);
    let mut files = Vec::new();
    rust_files(root, &mut files);
    let mut g: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for f in &files {
        let rel = f.strip_prefix(root).expect("under src");
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

/// The cycles of a graph, each as `a → b → a` (depth-first search with
/// colours: a grey node met again closes a cycle).
fn cycles(g: &BTreeMap<String, BTreeSet<String>>) -> Vec<String> {
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
    let mut found = Vec::new();
    for n in g.keys() {
        if colour.get(n.as_str()).copied().unwrap_or(0) == 0 {
            visit(n, g, &mut colour, &mut Vec::new(), &mut found);
        }
    }
    found
}

#[test]
fn module_graph_is_acyclic() {
    let mut found = Vec::new();
    for (dir, root_file, _) in CRATES {
        let g = graph_of(&Path::new(crate::ROOT).join(dir), root_file);
        found.extend(cycles(&g).into_iter().map(|c| format!("{dir}: {c}")));
    }
    assert!(
        found.is_empty(),
        "cycles in the module graph:\n{}",
        found.join("\n")
    );
}

#[test]
fn the_library_never_reaches_the_command_or_the_test_tooling() {
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
        // `sixalign_testkit::…`, `sixalign_cli::…` (the check above sees
        // only `sixalign::`).
        assert!(
            !code.contains("sixalign_"),
            "{} names another crate of the workspace (the test tooling or the command)",
            rel.display()
        );
    }
}

/// The module path a file defines: `src/synth/plan.rs` → `synth::plan`,
/// `src/qa/checks/mod.rs` → `qa::checks`, `src/lib.rs` → the root.
fn module_path(rel: &Path) -> Vec<String> {
    let mut segs: Vec<String> = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    let last = segs.pop().unwrap_or_default();
    let stem = last.strip_suffix(".rs").unwrap_or(&last);
    if !(segs.is_empty() && matches!(stem, "lib" | "main")) && stem != "mod" {
        segs.push(stem.to_string());
    }
    segs
}

/// Every path a file's code names from `crate::`, `super::` or `self::`, as
/// written (the prefix kept), with grouped imports spread out
/// (`use super::{plan::{Rng, bare}, Corpus}` → `super::plan::Rng`,
/// `super::plan::bare`, `super::Corpus`), each with the inline modules
/// (`mod tests { … }`) it stands in.
fn relative_paths(code: &str) -> Vec<(Vec<String>, Vec<String>)> {
    let c: Vec<char> = code.chars().collect();
    let ident = |ch: char| ch.is_alphanumeric() || ch == '_';
    let word_at = |i: usize| -> String { c[i..].iter().take_while(|&&ch| ident(ch)).collect() };
    let skip_ws = |mut i: usize| {
        while i < c.len() && c[i].is_whitespace() {
            i += 1;
        }
        i
    };
    // A path tree from `i`: segments, `::`, groups `{a, b::c}` and globs.
    fn tree(
        c: &[char],
        mut i: usize,
        prefix: Vec<String>,
        out: &mut Vec<Vec<String>>,
        word_at: &dyn Fn(usize) -> String,
        skip_ws: &dyn Fn(usize) -> usize,
    ) -> usize {
        let mut path = prefix;
        loop {
            i = skip_ws(i);
            if c.get(i) == Some(&'{') {
                i += 1;
                loop {
                    i = skip_ws(i);
                    match c.get(i) {
                        Some('}') => return i + 1,
                        Some(',') => i += 1,
                        None => return i,
                        _ => {
                            let before = i;
                            i = tree(c, i, path.clone(), out, word_at, skip_ws);
                            if i == before {
                                i += 1;
                            }
                        }
                    }
                }
            }
            let w = word_at(i);
            if w.is_empty() {
                // `*`, or the end of the path.
                out.push(path);
                return if c.get(i) == Some(&'*') { i + 1 } else { i };
            }
            i += w.chars().count();
            path.push(w);
            let j = skip_ws(i);
            if c.get(j) == Some(&':') && c.get(j + 1) == Some(&':') {
                i = j + 2;
            } else {
                out.push(path);
                return i;
            }
        }
    }
    let mut found = Vec::new();
    // Inline modules open here: (name, brace depth outside it).
    let mut inline: Vec<(String, usize)> = Vec::new();
    let mut depth = 0usize;
    let mut i = 0;
    while i < c.len() {
        let ch = c[i];
        if ch == '{' {
            depth += 1;
            i += 1;
            continue;
        }
        if ch == '}' {
            depth = depth.saturating_sub(1);
            if inline.last().is_some_and(|(_, d)| *d == depth) {
                inline.pop();
            }
            i += 1;
            continue;
        }
        if !ident(ch) || (i > 0 && ident(c[i - 1])) {
            i += 1;
            continue;
        }
        let w = word_at(i);
        let after = skip_ws(i + w.chars().count());
        if w == "mod" {
            let name_at = skip_ws(i + 3);
            let name = word_at(name_at);
            let brace = skip_ws(name_at + name.chars().count());
            if !name.is_empty() && c.get(brace) == Some(&'{') {
                inline.push((name, depth));
            }
        } else if matches!(w.as_str(), "crate" | "super" | "self")
            && c.get(after) == Some(&':')
            && c.get(after + 1) == Some(&':')
            // Not the middle of a longer path (`super::super::x`, `a::self`).
            && !(i >= 2 && c[i - 1] == ':' && c[i - 2] == ':')
        {
            let mut paths = Vec::new();
            let end = tree(&c, i, Vec::new(), &mut paths, &word_at, &skip_ws);
            let inside: Vec<String> = inline.iter().map(|(n, _)| n.clone()).collect();
            found.extend(paths.into_iter().map(|p| (inside.clone(), p)));
            i = end.max(i + 1);
            continue;
        }
        i += w.chars().count();
    }
    found
}

/// `path` as written in module `at`, made absolute (`super::plan::Rng` in
/// `synth::generate` → `synth::plan::Rng`).
fn resolve(at: &[String], path: &[String]) -> Vec<String> {
    let mut abs: Vec<String> = at.to_vec();
    let mut rest = path;
    match rest.first().map(String::as_str) {
        Some("crate") => {
            abs.clear();
            rest = &rest[1..];
        }
        Some("self") => rest = &rest[1..],
        _ => {}
    }
    while rest.first().is_some_and(|s| s == "super") {
        abs.pop();
        rest = &rest[1..];
    }
    abs.extend(rest.iter().filter(|s| *s != "self").cloned());
    abs
}

/// The modules each directory module holds, by its module path.
type Children = BTreeMap<Vec<String>, BTreeSet<String>>;

/// For every directory module (`synth`, `qa::checks`, `cli`, …), the graph
/// between the modules it holds: `generate → plan` when a file of
/// `synth::generate` names `synth::plan`. `files` are module paths with
/// their code; `children` the modules each directory holds.
fn submodule_graphs(
    files: &[(Vec<String>, String)],
    children: &Children,
) -> BTreeMap<Vec<String>, BTreeMap<String, BTreeSet<String>>> {
    let mut graphs: BTreeMap<Vec<String>, BTreeMap<String, BTreeSet<String>>> = BTreeMap::new();
    for (dir, kids) in children {
        let g = graphs.entry(dir.clone()).or_default();
        for k in kids {
            g.entry(k.clone()).or_default();
        }
    }
    for (module, code) in files {
        for (inline, path) in relative_paths(code) {
            let at: Vec<String> = module.iter().chain(&inline).cloned().collect();
            let target = resolve(&at, &path);
            // Every directory above the file, the crate root left to the floors.
            for k in 1..module.len() {
                let dir = &module[..k];
                let Some(kids) = children.get(dir) else {
                    continue;
                };
                if target.len() > k
                    && target[..k] == *dir
                    && target[k] != module[k]
                    && kids.contains(&target[k])
                {
                    graphs
                        .entry(dir.to_vec())
                        .or_default()
                        .entry(module[k].clone())
                        .or_default()
                        .insert(target[k].clone());
                }
            }
        }
    }
    graphs
}

/// The code of every file under a crate's source folder `root` with its
/// module path, and the modules each directory holds (`x.rs`, or `x/` with
/// a `mod.rs`).
fn tree_of(root: &Path) -> (Vec<(Vec<String>, String)>, Children) {
    let mut paths = Vec::new();
    rust_files(root, &mut paths);
    let files: Vec<(Vec<String>, String)> = paths
        .iter()
        .map(|f| {
            let rel = f.strip_prefix(root).expect("under src");
            let text = std::fs::read_to_string(f).expect("source file");
            (module_path(rel), code_only(&text))
        })
        .collect();
    let children = children_of(files.iter().map(|(m, _)| m));
    (files, children)
}

/// The modules each directory holds, from the modules' paths (`qa::checks`
/// is one of `qa`'s).
fn children_of<'a>(modules: impl IntoIterator<Item = &'a Vec<String>>) -> Children {
    let mut children = Children::new();
    for module in modules {
        if let Some((name, dir)) = module.split_last() {
            if !dir.is_empty() {
                children
                    .entry(dir.to_vec())
                    .or_default()
                    .insert(name.clone());
            }
        }
    }
    children
}

#[test]
fn parser_of_relative_paths_sees_groups_supers_and_inline_modules() {
    let code = code_only(
        "use super::plan::{self, Rng, bare};\nuse super::{Corpus, layout::{wrap, Wrap}};\nuse crate::synth::render::*;\nfn f() { super::super::qa::x(); }\n#[cfg(test)]\nmod tests {\n    use super::*;\n}\n",
    );
    let module: Vec<String> = ["synth", "generate"].map(String::from).to_vec();
    let got: Vec<String> = relative_paths(&code)
        .into_iter()
        .map(|(inline, p)| {
            let at: Vec<String> = module.iter().chain(&inline).cloned().collect();
            resolve(&at, &p).join("::")
        })
        .collect();
    assert_eq!(
        got,
        [
            "synth::plan",
            "synth::plan::Rng",
            "synth::plan::bare",
            "synth::Corpus",
            "synth::layout::wrap",
            "synth::layout::Wrap",
            "synth::render",
            "qa::x",
            // `use super::*` inside `mod tests` is the file's own module.
            "synth::generate",
        ]
    );
}

#[test]
fn a_circle_between_files_of_one_directory_is_found() {
    // synth as it was: generate and layout used each other, render and
    // generate too (the search reports each circle where it closes it);
    // lines used both, which is no circle.
    let m = |p: &str| -> Vec<String> { p.split("::").map(String::from).collect() };
    let files = vec![
        (m("synth"), "pub use generate::generate;".to_string()),
        (
            m("synth::generate"),
            "use super::layout::*;\nuse super::render::*;\nuse super::Corpus;".to_string(),
        ),
        (
            m("synth::layout"),
            "use super::generate::*;\nuse super::render::*;".to_string(),
        ),
        (
            m("synth::render"),
            "use super::generate::*;\nuse super::{Corpus, SynthConfig};".to_string(),
        ),
        (
            m("synth::lines"),
            "use super::generate::{Rng, bare};\nuse super::render::{merge, split};".to_string(),
        ),
        (
            m("qa::checks::numbers"),
            "use super::super::tokens;\nuse crate::qa::checks::evidence::Evidence;".to_string(),
        ),
        (
            m("qa::checks::evidence"),
            "use crate::qa::Side;".to_string(),
        ),
        (m("qa::tokens"), "use super::checks::numbers;".to_string()),
    ];
    let mut children = children_of(files.iter().map(|(m, _)| m));
    children
        .entry(m("qa"))
        .or_default()
        .insert("checks".to_string());
    let graphs = submodule_graphs(&files, &children);
    let synth = &graphs[&m("synth")];
    assert_eq!(
        synth["lines"].iter().collect::<Vec<_>>(),
        ["generate", "render"]
    );
    assert_eq!(
        cycles(synth),
        [
            "generate → layout → generate",
            "generate → layout → render → generate"
        ]
    );
    // One level up: qa::checks (its numbers) and qa::tokens use each other.
    assert_eq!(cycles(&graphs[&m("qa")]), ["checks → tokens → checks"]);
    assert!(cycles(&graphs[&m("qa::checks")]).is_empty());
}

#[test]
fn no_circle_between_the_files_of_any_directory() {
    let mut found = Vec::new();
    for (krate, _, held) in CRATES {
        let (files, children) = tree_of(&Path::new(crate::ROOT).join(krate));
        let graphs = submodule_graphs(&files, &children);
        for dir in *held {
            let path: Vec<String> = dir.split("::").map(String::from).collect();
            assert!(
                graphs.get(&path).is_some_and(|g| g.len() > 1),
                "{krate}/{}/ is read, with its files",
                path.join("/")
            );
        }
        for (dir, g) in &graphs {
            for c in cycles(g) {
                found.push(format!("{krate}/{}/: {c}", dir.join("/")));
            }
        }
    }
    assert!(
        found.is_empty(),
        "modules of one directory that import each other in a circle:\n{}",
        found.join("\n")
    );
}

/// The test tooling's modules (in `testkit/`), which the library must not
/// hold again.
const TOOLING: &[&str] = &["synth", "bench"];

/// The modules `src/lib.rs` declares `pub`, each with whether it is
/// `#[doc(hidden)]`.
fn public_modules(lib: &str) -> Vec<(String, bool)> {
    let mut out = Vec::new();
    let mut hidden = false;
    for line in code_only(lib).lines().map(str::trim) {
        if line.is_empty() {
            continue;
        }
        if line.starts_with("#[") {
            hidden |= line.replace(' ', "").contains("#[doc(hidden)]");
            continue;
        }
        if let Some(name) = line
            .strip_prefix("pub mod ")
            .and_then(|r| r.strip_suffix(';'))
        {
            out.push((name.trim().to_string(), hidden));
        }
        hidden = false;
    }
    out
}

#[test]
fn public_modules_are_read_with_their_doc_hidden() {
    let lib = "pub mod align;\n// a comment\n#[doc(hidden)]\npub mod bench;\nmod private;\n#[doc(hidden)]\npub fn f() {}\npub mod corpus;\n";
    assert_eq!(
        public_modules(lib),
        [
            ("align".to_string(), false),
            ("bench".to_string(), true),
            ("corpus".to_string(), false)
        ]
    );
}

/// The sections of a Cargo manifest that name `dep` (`[dependencies]`,
/// `[dev-dependencies]`, `[target.'cfg(unix)'.dependencies]`, …).
fn sections_naming(manifest: &str, dep: &str) -> Vec<String> {
    let mut section = String::new();
    let mut found = Vec::new();
    for line in manifest.lines().map(str::trim) {
        if line.starts_with('[') {
            section = line.to_string();
        } else if line.split(['=', '.', ' ']).next() == Some(dep) {
            found.push(section.clone());
        }
    }
    found
}

#[test]
fn manifest_sections_are_read() {
    let toml = "[package]\nname = \"x\"\n[dependencies]\nsixalign-testkit = { path = \"t\" }\n[dev-dependencies]\nsixalign-testkit.path = \"t\"\nsixalign-testkit-extra = \"1\"\n";
    assert_eq!(
        sections_naming(toml, "sixalign-testkit"),
        ["[dependencies]", "[dev-dependencies]"]
    );
}

#[test]
fn test_tooling_is_not_in_the_library() {
    // No module of the library is the tooling again, hidden or not, and the
    // library hides nothing from its documentation.
    let lib = std::fs::read_to_string(src().join("lib.rs")).expect("src/lib.rs");
    for (m, hidden) in public_modules(&lib) {
        assert!(
            !TOOLING.contains(&m.as_str()),
            "src/lib.rs declares {m}: test tooling belongs in testkit/"
        );
        assert!(
            !hidden,
            "src/lib.rs hides {m} from the documentation: public API is documented, test tooling is in testkit/"
        );
    }
    assert!(
        graph().keys().all(|m| !TOOLING.contains(&m.as_str())),
        "a folder or file of src/ is named as the test tooling"
    );
    // The library's manifest takes the tooling only for its own benches and
    // examples, and never the command.
    let manifest =
        std::fs::read_to_string(Path::new(crate::ROOT).join("Cargo.toml")).expect("Cargo.toml");
    assert_eq!(
        sections_naming(&manifest, "sixalign-testkit"),
        ["[dev-dependencies]"],
        "Cargo.toml: sixalign-testkit is a dev-dependency of the library and nothing else"
    );
    assert!(
        sections_naming(&manifest, "sixalign-cli").is_empty(),
        "Cargo.toml: the library depends on the command"
    );
}

/// The longest a source file may grow: past it, a file holds several rooms.
const MAX_FILE_LINES: usize = 800;

#[test]
fn no_source_file_is_over_800_lines() {
    let mut long = Vec::new();
    for dir in [
        "src",
        "cli/src",
        "testkit/src",
        "python/src",
        "benches",
        "examples",
    ] {
        let mut files = Vec::new();
        rust_files(&Path::new(crate::ROOT).join(dir), &mut files);
        for f in files {
            let rel = f.strip_prefix(crate::ROOT).expect("under the root");
            let rel = rel.to_string_lossy().replace('\\', "/");
            let lines = std::fs::read_to_string(&f)
                .expect("source file")
                .lines()
                .count();
            if lines > MAX_FILE_LINES {
                long.push(format!("{rel}: {lines} lines"));
            }
        }
    }
    assert!(
        long.is_empty(),
        "source files over {MAX_FILE_LINES} lines (split them into rooms):\n{}",
        long.join("\n")
    );
}
