//! Many documents at once: discovery, pairing of language versions by
//! symbol and language, a streaming run over the corpus, pipe mode for
//! cluster engines, and batches of pre-split sentence files.
//!
//! **Discovery** ([`discover`]) walks a directory tree, or reads a manifest
//! (CSV or JSON Lines with `id`, `lang`, `path`), and groups the language
//! versions of each document by its symbol. The symbol and language come
//! from the file name in the usual UN forms ([`key_from_path`]):
//!
//! | form | symbol | language |
//! |---|---|---|
//! | `A_RES_74_28_C.txt` | `A/RES/74/28` | UN letter code (A=ar C=zh E=en F=fr R=ru S=es) |
//! | `A-RES-74-28-ZH.md`, `A_RES_74_28_en.txt` | `A/RES/74/28` | ISO code after the last `-`/`_` |
//! | `A-RES-74-28.zh.md` | `A/RES/74/28` | ISO code before the extension |
//! | `zh/A_RES_74_28.txt` | `A/RES/74/28` | a directory named by a language code |
//! | `en/2019/a/res/74/28.txt` | `A/RES/74/28` | the same; the path below it (less a leading year) is the symbol |
//!
//! and, when the name says neither, from the text itself (its language and
//! the symbol it carries). Files that cannot be keyed, and duplicates, are
//! reported as [`Problem`]s, never a failure of the whole batch.
//!
//! ```
//! use std::path::Path;
//! use sixalign::corpus::key_from_path;
//! use sixalign::Lang;
//!
//! let k = |p: &str| key_from_path(Path::new(p)).map(|k| (k.id, k.lang));
//! assert_eq!(k("A_RES_74_28_C.txt"), Some(("A/RES/74/28".into(), Lang::Zh)));
//! assert_eq!(k("A-RES-74-28-ZH.md"), Some(("A/RES/74/28".into(), Lang::Zh)));
//! assert_eq!(k("zh/A_RES_74_28.txt"), Some(("A/RES/74/28".into(), Lang::Zh)));
//! assert_eq!(k("en/2019/a/res/74/28.txt"), Some(("A/RES/74/28".into(), Lang::En)));
//! ```
//!
//! **Streaming** ([`run()`]): see [`run`](mod@run) for how documents are held a
//! bounded number at a time, how output is made atomic, and how `--resume`
//! knows what is done.

use std::collections::BTreeMap;
use std::collections::btree_map::Entry;
use std::io::Read;
use std::path::{Component, Path, PathBuf};

use serde::Serialize;

use crate::error::{Error, Result};
use crate::lang::{self, Lang};

pub mod batch;
pub mod pipe;
pub mod run;

pub use batch::{
    FirstPass, Job, JobResult, check_jobs, learn_batch, read_jobfile, run_batch, run_batch_guided,
    run_batch_keeping,
};
pub use pipe::{PipeOptions, PipeSummary, pipe};
pub use run::{
    DocReport, DocStatus, LEARN_DOCS, Learned, Loaded, PairFigures, RunOptions, Summary,
    learn_lexicons, learn_lexicons_with, learning_sample, output_stem, run, run_found,
};

/// The language versions of one document.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct DocFiles {
    /// The document id: its symbol (`A/RES/74/28`) or the manifest's id.
    pub id: String,
    /// One file per language found.
    pub files: BTreeMap<Lang, PathBuf>,
}

/// A file that could not be placed in a document, with the reason.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Problem {
    /// The file concerned (in JSON, a name that is not UTF-8 is written
    /// with U+FFFD in place of its bad bytes, as in messages).
    #[serde(serialize_with = "lossy_path")]
    pub path: PathBuf,
    /// What is wrong and what to do about it.
    pub reason: String,
}

fn lossy_path<S: serde::Serializer>(p: &Path, s: S) -> std::result::Result<S::Ok, S::Error> {
    s.serialize_str(&p.to_string_lossy())
}

/// What discovery found: documents in id order, and the files it could not use.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Discovery {
    /// The documents, sorted by id.
    pub docs: Vec<DocFiles>,
    /// Files left out because something is wrong with them (no language
    /// in the name or text, not a regular file, a second version, …).
    pub problems: Vec<Problem>,
    /// Files the walk passes over by design: hidden ones (a leading dot,
    /// as the `.partial` files of an interrupted run) and files that are
    /// not documents by their extension. Listed in the report, not errors.
    pub left_out: Vec<Problem>,
}

/// A document key: the symbol-like id and the language.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Key {
    /// The id (a UN symbol in upper case, `/`-separated).
    pub id: String,
    /// The language of this version.
    pub lang: Lang,
}

/// File extensions taken for documents during a directory walk (the format
/// itself is then told by content, see [`crate::load::sniff`]).
const DOC_EXTENSIONS: [&str; 11] = [
    "txt", "md", "markdown", "text", "docx", "pdf", "html", "htm", "xhtml", "doc", "rtf",
];

/// Finds the documents under `input`: a directory tree, or a manifest file
/// (`.csv` or `.jsonl`/`.json`, fields `id`, `lang`, `path`; relative paths
/// are taken from the manifest's directory).
pub fn discover(input: &Path) -> Result<Discovery> {
    let meta = std::fs::metadata(input).map_err(|e| Error::from(e).with_path(input))?;
    let mut keyed: Vec<(Key, PathBuf)> = Vec::new();
    let mut problems = Vec::new();
    let mut left_out = Vec::new();
    if meta.is_dir() {
        let mut files = Vec::new();
        let mut found = Found {
            files: &mut files,
            problems: &mut problems,
            left_out: &mut left_out,
        };
        walk(input, &mut found).map_err(|e| e.with_path(input))?;
        files.sort();
        for path in files {
            let rel = path.strip_prefix(input).unwrap_or(&path);
            if rel.to_str().is_none() {
                problems.push(Problem {
                    reason: "its name is not valid UTF-8, so it gives no id or language; rename it (like A_RES_74_28_C.txt or zh/A_RES_74_28.txt); skipped".into(),
                    path,
                });
                continue;
            }
            match key_from_path(rel)
                .map(Ok)
                .unwrap_or_else(|| key_from_text(&path))
            {
                Ok(k) => keyed.push((k, path)),
                Err(reason) => problems.push(Problem { path, reason }),
            }
        }
    } else {
        for (key, path) in read_manifest(input)? {
            keyed.push((key, path));
        }
    }
    let (docs, dup) = group(keyed);
    problems.extend(dup);
    Ok(Discovery {
        docs,
        problems,
        left_out,
    })
}

/// Groups keyed files into documents; a second file for the same id and
/// language, or an id whose output name collides with another's, is a problem.
fn group(keyed: Vec<(Key, PathBuf)>) -> (Vec<DocFiles>, Vec<Problem>) {
    let mut by_id: BTreeMap<String, BTreeMap<Lang, PathBuf>> = BTreeMap::new();
    let mut problems = Vec::new();
    for (key, path) in keyed {
        match by_id.entry(key.id.clone()).or_default().entry(key.lang) {
            Entry::Vacant(v) => {
                v.insert(path);
            }
            Entry::Occupied(o) => problems.push(Problem {
                reason: format!(
                    "a second {} version of {} (the first is {}); left out",
                    key.lang,
                    key.id,
                    o.get().display()
                ),
                path,
            }),
        }
    }
    let mut stems: BTreeMap<String, String> = BTreeMap::new();
    let mut docs = Vec::with_capacity(by_id.len());
    for (id, files) in by_id {
        let stem = output_stem(&id);
        if let Some(first) = stems.get(&stem) {
            for path in files.into_values() {
                problems.push(Problem {
                    path,
                    reason: format!(
                        "document id {id:?} gives the same output name as {first:?}; left out"
                    ),
                });
            }
            continue;
        }
        stems.insert(stem, id.clone());
        docs.push(DocFiles { id, files });
    }
    (docs, problems)
}

/// Collects the document files under `dir`. Only regular files are taken:
/// a FIFO, socket or device is skipped with a [`Problem`] (reading one would
/// block or never end); a symbolic link is followed to a regular file, never
/// to a directory (no cycles).
fn walk(dir: &Path, found: &mut Found<'_>) -> Result<()> {
    let entries = std::fs::read_dir(dir).map_err(|e| Error::from(e).with_path(dir))?;
    for entry in entries {
        let entry = entry.map_err(|e| Error::from(e).with_path(dir))?;
        let name = entry.file_name();
        let path = entry.path();
        let ft = entry
            .file_type()
            .map_err(|e| Error::from(e).with_path(&path))?;
        // Hidden files include the `.NAME.partial` files of an interrupted
        // run; a hidden directory (`.git`) is listed once, not file by file.
        if name.to_string_lossy().starts_with('.') {
            found.left_out.push(Problem {
                reason: format!(
                    "a hidden {} (its name starts with a dot); skipped",
                    if ft.is_dir() { "directory" } else { "file" }
                ),
                path,
            });
            continue;
        }
        if ft.is_dir() {
            walk(&path, found)?;
            continue;
        }
        let (out, problems) = (&mut *found.files, &mut *found.problems);
        let meta = if ft.is_symlink() {
            match std::fs::metadata(&path) {
                Ok(m) => m,
                Err(e) => {
                    problems.push(Problem {
                        reason: format!("a symbolic link that cannot be followed ({e}); skipped"),
                        path,
                    });
                    continue;
                }
            }
        } else {
            entry
                .metadata()
                .map_err(|e| Error::from(e).with_path(&path))?
        };
        if meta.is_dir() {
            continue;
        }
        if !meta.is_file() {
            problems.push(Problem {
                reason: format!(
                    "{}, not a regular file; skipped",
                    crate::input::kind_name(&meta)
                ),
                path,
            });
            continue;
        }
        if path
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| DOC_EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()))
        {
            out.push(path);
        } else {
            found.left_out.push(Problem {
                reason: format!(
                    "not a document by its extension (documents end in .{}); skipped",
                    DOC_EXTENSIONS.join(", .")
                ),
                path,
            });
        }
    }
    Ok(())
}

/// What the walk collects.
struct Found<'a> {
    files: &'a mut Vec<PathBuf>,
    problems: &'a mut Vec<Problem>,
    left_out: &'a mut Vec<Problem>,
}

/// The language of a UN one-letter code as used in file names of the
/// Official Document System (`A_RES_74_28_C.txt`).
fn un_letter(s: &str) -> Option<Lang> {
    Some(match s {
        "A" | "a" => Lang::Ar,
        "C" | "c" => Lang::Zh,
        "E" | "e" => Lang::En,
        "F" | "f" => Lang::Fr,
        "R" | "r" => Lang::Ru,
        "S" | "s" => Lang::Es,
        _ => return None,
    })
}

/// A two-letter (or three-letter) code only: `Lang::from_code` also takes
/// `zh-CN`, which must not make a symbol part like `ES-10` a language.
fn iso_code(s: &str) -> Option<Lang> {
    if (2..=3).contains(&s.len()) && s.chars().all(|c| c.is_ascii_alphabetic()) {
        Lang::from_code(s)
    } else {
        None
    }
}

/// Upper-case symbol from tokens, leading all-digit tokens (a year
/// directory) dropped since no UN symbol starts with a number.
fn symbol_of(tokens: &[&str]) -> Option<String> {
    let start = tokens
        .iter()
        .position(|t| !t.chars().all(|c| c.is_ascii_digit()))?;
    let parts: Vec<String> = tokens[start..]
        .iter()
        .filter(|t| !t.is_empty())
        .map(|t| t.to_uppercase())
        .collect();
    (!parts.is_empty()).then(|| parts.join("/"))
}

fn split_tokens(s: &str) -> Vec<&str> {
    s.split(['_', '-', ' ']).filter(|t| !t.is_empty()).collect()
}

/// The document key a file name gives, for a path relative to the corpus
/// root (see the table in the [module docs](self)); `None` when the name
/// names no language.
pub fn key_from_path(rel: &Path) -> Option<Key> {
    let comps: Vec<&str> = rel
        .components()
        .filter_map(|c| match c {
            Component::Normal(s) => s.to_str(),
            _ => None,
        })
        .collect();
    let (file, dirs) = comps.split_last()?;
    let stem = Path::new(file).file_stem()?.to_str()?;

    // A language directory: everything below it names the document.
    if let Some(k) = dirs.iter().position(|d| iso_code(d).is_some()) {
        let lang = iso_code(dirs[k])?;
        let mut tokens: Vec<&str> = Vec::new();
        for d in &dirs[k + 1..] {
            tokens.extend(split_tokens(d));
        }
        tokens.extend(split_tokens(stem));
        return symbol_of(&tokens).map(|id| Key { id, lang });
    }
    // `A-RES-74-28.zh.md`: the code before the extension.
    if let Some((base, code)) = stem.rsplit_once('.')
        && let Some(lang) = iso_code(code)
    {
        return symbol_of(&split_tokens(base)).map(|id| Key { id, lang });
    }
    // `A_RES_74_28_C`, `A-RES-74-28-ZH`: the last token.
    let tokens = split_tokens(stem);
    let (last, rest) = tokens.split_last()?;
    if rest.is_empty() {
        return None;
    }
    let lang = if last.len() == 1 {
        un_letter(last)?
    } else {
        iso_code(last)?
    };
    symbol_of(rest).map(|id| Key { id, lang })
}

/// Bytes of a file read to find its language and symbol: the front matter
/// holds the symbol, and a few kilobytes tell the script.
const SNIFF_BYTES: u64 = 16 * 1024;

/// The key a file's text gives: its language by script and stop words, and
/// the UN symbol it carries (an `A/RES/…` symbol, or a symbol alone on a line).
pub fn key_from_text(path: &Path) -> std::result::Result<Key, String> {
    let mut buf = Vec::new();
    std::fs::File::open(path)
        .and_then(|f| f.take(SNIFF_BYTES).read_to_end(&mut buf))
        .map_err(|e| format!("cannot read: {e}"))?;
    // A Word, PDF or HTML file: its text comes from its reader.
    if crate::load::sniff(&buf) != crate::load::SourceFormat::Text {
        let text = crate::load::Text::from_path(path).map_err(|e| e.kind().to_string())?;
        let head: String = text.original().chars().take(SNIFF_BYTES as usize).collect();
        return key_of_text(&head);
    }
    // The sniffed prefix may end inside a character.
    let text = match std::str::from_utf8(&buf) {
        Ok(s) => s.to_string(),
        Err(e) if e.error_len().is_none() => {
            String::from_utf8_lossy(&buf[..e.valid_up_to()]).into()
        }
        Err(_) => {
            return Err(
                "the name gives no language and the text is not UTF-8; name it like A_RES_74_28_C.txt or zh/A_RES_74_28.txt"
                    .into(),
            );
        }
    };
    key_of_text(&text)
}

fn key_of_text(text: &str) -> std::result::Result<Key, String> {
    let text = text.to_string();
    let lang = lang::detect(&text).ok_or(
        "the name gives no language and the text is too short to tell; name it like A_RES_74_28_C.txt or zh/A_RES_74_28.txt",
    )?;
    let id = find_symbol(&text).ok_or(
        "the name gives no language and the text no symbol; name it like A_RES_74_28_C.txt or zh/A_RES_74_28.txt",
    )?;
    Ok(Key { id, lang })
}

fn find_symbol(text: &str) -> Option<String> {
    lang::symbol::document_symbol(text).map(str::to_string)
}

/// Reads a manifest: CSV with a header naming `id`, `lang` and `path` (in
/// any order, other columns ignored), or JSON Lines with those fields.
/// Relative paths are resolved against the manifest's directory.
pub fn read_manifest(path: &Path) -> Result<Vec<(Key, PathBuf)>> {
    let text = crate::load::read_text_file(path)?;
    let base = path.parent().unwrap_or(Path::new(""));
    let is_json = path
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("jsonl") || e.eq_ignore_ascii_case("json"));
    let mut out = Vec::new();
    let mut cols: Option<[usize; 3]> = None;
    for (n, line) in crate::load::lines(&text).enumerate() {
        let at = |e: Error| e.with_path(path).with_line(n + 1);
        if line.trim().is_empty() {
            continue;
        }
        let (id, code, file) = if is_json {
            #[derive(serde::Deserialize)]
            struct Entry {
                id: String,
                lang: String,
                path: String,
            }
            let e: Entry = serde_json::from_str(line)
                .map_err(|e| at(Error::malformed(format!("manifest line: {e}"))))?;
            (e.id, e.lang, e.path)
        } else {
            let fields = csv_fields(line);
            let Some(c) = cols else {
                let find = |name: &str| {
                    fields
                        .iter()
                        .position(|f| f.trim().eq_ignore_ascii_case(name))
                        .ok_or_else(|| {
                            at(Error::malformed(format!(
                                "the CSV manifest header has no {name:?} column (expected id,lang,path)"
                            )))
                        })
                };
                cols = Some([find("id")?, find("lang")?, find("path")?]);
                continue;
            };
            let get = |i: usize| {
                fields.get(i).map(|s| s.trim().to_string()).ok_or_else(|| {
                    at(Error::malformed(format!(
                        "expected {} fields, found {}",
                        c.iter().max().map_or(0, |m| m + 1),
                        fields.len()
                    )))
                })
            };
            (get(c[0])?, get(c[1])?, get(c[2])?)
        };
        let lang: Lang = code.parse().map_err(at)?;
        if id.trim().is_empty() {
            return Err(at(Error::malformed("empty document id")));
        }
        let p = PathBuf::from(&file);
        let p = if p.is_absolute() { p } else { base.join(p) };
        out.push((
            Key {
                id: id.trim().to_string(),
                lang,
            },
            p,
        ));
    }
    Ok(out)
}

/// Splits one CSV line (RFC 4180 quoting; no newlines inside fields).
fn csv_fields(line: &str) -> Vec<String> {
    let mut fields = Vec::new();
    let mut cur = String::new();
    let mut quoted = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                chars.next();
                cur.push('"');
            }
            ('"', true) => quoted = false,
            ('"', false) if cur.is_empty() => quoted = true,
            (',', false) => fields.push(std::mem::take(&mut cur)),
            (c, _) => cur.push(c),
        }
    }
    fields.push(cur);
    fields
}

/// Which of a sequence of inputs (each a set of files) a first pass keeps
/// in memory for the second: in order, while their sizes fit in `budget`
/// bytes. Decided from file sizes before anything is read, so it does not
/// depend on the number of threads; a file whose size cannot be read is
/// not kept.
pub(crate) fn keep_within<'a, I, P>(inputs: I, budget: u64) -> Vec<bool>
where
    I: IntoIterator<Item = P>,
    P: IntoIterator<Item = &'a std::path::PathBuf>,
{
    let mut left = budget;
    inputs
        .into_iter()
        .map(|files| {
            let size = files
                .into_iter()
                .map(|p| std::fs::metadata(p).map_or(u64::MAX, |m| m.len()))
                .fold(0, u64::saturating_add);
            let fits = size <= left;
            if fits {
                left -= size;
            }
            fits
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_quoting() {
        assert_eq!(csv_fields(r#"a,"b,c","d""e""#), ["a", "b,c", "d\"e"]);
    }

    #[test]
    fn symbol_in_text() {
        assert_eq!(
            find_symbol("Distr.: General\nA/RES/74/28\n大会"),
            Some("A/RES/74/28".to_string())
        );
        assert_eq!(find_symbol("no symbol here"), None);
    }

    #[test]
    fn names_that_give_no_language() {
        assert_eq!(key_from_path(Path::new("A_RES_74_28.txt")), None);
        assert_eq!(key_from_path(Path::new("README.md")), None);
    }
}
