//! `sixalign._native`: the Python binding of the sixalign library.
//!
//! Every function takes plain Python values, releases the GIL while the
//! library loads, parses and aligns, and returns plain Python data with the
//! fields of the command line's JSON outputs: the records are written by the
//! library's own writers ([`JsonlWriter`], [`qa_report::write_json`],
//! [`output::write_inspect_json`]) and converted to Python objects, so the
//! two cannot drift apart. Library errors become the exceptions of
//! `sixalign.errors`, carrying the file and line.

use std::path::PathBuf;

use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict, PyString};
use rayon::prelude::*;
use serde_json::Value;

use sixalign::corpus;
use sixalign::engine::{self, Aligner, LangHints, PairAlignment};
use sixalign::lang::detect;
use sixalign::load::Text;
use sixalign::output::{
    self, JsonlWriter, PairWriter, write_alignment, write_line_beads, write_multiway,
};
use sixalign::parse::{self, ParseOptions};
use sixalign::qa::{self as qa_report, PairReport};
use sixalign::{Document, Error, ErrorKind, Lang};

/// A document given to a function: its text (or bytes, decoded as the CLI
/// decodes files), or a file to read.
enum Source {
    Text(String),
    Bytes(Vec<u8>),
    File(PathBuf),
}

/// One language version to parse: its language when given, the name used
/// in errors, and where its text comes from.
struct Version {
    lang: Option<Lang>,
    name: String,
    source: Source,
}

impl Version {
    fn parse(&self, symbol: &Option<String>) -> sixalign::Result<Document> {
        let opts = ParseOptions {
            lang: self.lang,
            symbol: symbol.clone(),
        };
        match &self.source {
            Source::File(p) => parse::parse_path(p, &opts),
            Source::Text(s) => {
                let text = Text::from_string(&self.name, s.clone())?;
                parse::parse(&text, &opts).map_err(|e| e.with_path(&self.name))
            }
            Source::Bytes(b) => {
                let text = Text::from_bytes(&self.name, b)?;
                parse::parse(&text, &opts).map_err(|e| e.with_path(&self.name))
            }
        }
    }
}

/// Raises the `sixalign.errors` exception for a library error.
fn py_err(py: Python<'_>, e: Error) -> PyErr {
    let (class, kind, offset) = match e.kind() {
        ErrorKind::Io(_) => ("FileError", "io", None),
        ErrorKind::Empty => ("EmptyDocumentError", "empty", None),
        ErrorKind::Binary { offset } => ("DecodeError", "binary", Some(*offset)),
        ErrorKind::InvalidUtf8 { offset } => ("DecodeError", "invalid_utf8", Some(*offset)),
        ErrorKind::InvalidUtf16 { offset } => ("DecodeError", "invalid_utf16", Some(*offset)),
        ErrorKind::TooLarge { .. } => ("DocumentError", "too_large", None),
        ErrorKind::UnknownLanguage => ("LanguageError", "unknown_language", None),
        ErrorKind::BadLanguageCode(_) => ("LanguageError", "bad_language_code", None),
        ErrorKind::Malformed(_) => ("MalformedError", "malformed", None),
        ErrorKind::Usage(_) => ("UsageError", "usage", None),
        _ => ("Error", "other", None),
    };
    let build = || -> PyResult<PyErr> {
        let cls = py.import("sixalign.errors")?.getattr(class)?;
        let kwargs = PyDict::new(py);
        kwargs.set_item("kind", kind)?;
        kwargs.set_item("path", e.path().map(|p| p.to_string_lossy().into_owned()))?;
        kwargs.set_item("line", e.line())?;
        kwargs.set_item("offset", offset)?;
        if let ErrorKind::Io(io) = e.kind() {
            kwargs.set_item("errno", io.raw_os_error())?;
        }
        Ok(PyErr::from_value(
            cls.call((e.to_string(),), Some(&kwargs))?,
        ))
    };
    build().unwrap_or_else(|err| err)
}

/// Runs `f` without the GIL and turns its error into a Python exception.
fn detached<T: Send>(
    py: Python<'_>,
    f: impl FnOnce() -> sixalign::Result<T> + Send,
) -> PyResult<T> {
    py.detach(f).map_err(|e| py_err(py, e))
}

fn lang_of(py: Python<'_>, code: &str) -> PyResult<Lang> {
    code.parse::<Lang>().map_err(|e: Error| py_err(py, e))
}

fn optional_lang(py: Python<'_>, code: Option<&str>) -> PyResult<Option<Lang>> {
    code.map(|c| lang_of(py, c)).transpose()
}

/// The text of one value: `str`, `bytes`, or (when `files`) a path.
fn source_of(value: &Bound<'_, PyAny>, files: bool) -> PyResult<Source> {
    if files {
        return Ok(Source::File(value.extract::<PathBuf>()?));
    }
    if let Ok(s) = value.cast::<PyString>() {
        return Ok(Source::Text(s.extract::<String>()?));
    }
    if let Ok(b) = value.cast::<PyBytes>() {
        return Ok(Source::Bytes(b.as_bytes().to_vec()));
    }
    Err(PyTypeError::new_err(format!(
        "expected the text of a document (str or bytes), got {}",
        value.get_type().name()?
    )))
}

/// Versions from a mapping of language code to text or path, in its order.
fn versions_of(py: Python<'_>, given: &Bound<'_, PyAny>, files: bool) -> PyResult<Vec<Version>> {
    if given.hasattr("items")? {
        let mut out = Vec::new();
        for item in given.call_method0("items")?.try_iter()? {
            let (code, value): (String, Bound<'_, PyAny>) = item?.extract()?;
            let lang = lang_of(py, &code)?;
            let source = source_of(&value, files)?;
            let name = match &source {
                Source::File(p) => p.to_string_lossy().into_owned(),
                _ => format!("<{lang} text>"),
            };
            out.push(Version {
                lang: Some(lang),
                name,
                source,
            });
        }
        return Ok(out);
    }
    if files && !given.is_instance_of::<PyString>() {
        // A sequence of paths: languages told from the text, as `sixalign align`.
        let mut out = Vec::new();
        for item in given.try_iter()? {
            let path: PathBuf = item?.extract()?;
            out.push(Version {
                lang: None,
                name: path.to_string_lossy().into_owned(),
                source: Source::File(path),
            });
        }
        return Ok(out);
    }
    Err(PyTypeError::new_err(if files {
        "expected a mapping of language code to path ({\"zh\": \"a.zh.txt\", …}) or a sequence of paths"
    } else {
        "expected a mapping of language code to text ({\"zh\": zh_text, \"en\": en_text, …})"
    }))
}

/// How a user of the binding gives a version's language: under its code.
const HINTS: LangHints = LangHints {
    twice: "give each version under its own language code",
    no_hub: "give it under \"zh\"",
};

/// Parses every version (in parallel) and separates the Chinese hub, as
/// the command does ([`engine::parse_versions`]).
fn hub_and_others(
    versions: &[Version],
    symbol: &Option<String>,
) -> sixalign::Result<(Document, Vec<Document>)> {
    let (hub, others) = engine::parse_versions(versions, |v| v.parse(symbol), HINTS)?;
    if others.is_empty() {
        return Err(Error::usage(
            "give the Chinese version and at least one other",
        ));
    }
    Ok((hub, others))
}

/// The aligner `sixalign align` uses by default (built-in CC-CEDICT, a
/// learned lexicon per pair), with every table of `lexicon` added.
fn aligner(lexicon: &Option<PathBuf>, learn: bool) -> sixalign::Result<Aligner> {
    let mut b = Aligner::builder();
    b.learn_lexicon(learn);
    if let Some(p) = lexicon {
        b.add_lexicon_file(p)?;
    }
    Ok(b.build())
}

/// JSON Lines written by `write` (with the library's JSONL writer), as values.
fn jsonl(
    write: impl FnOnce(&mut dyn PairWriter) -> std::io::Result<()>,
) -> sixalign::Result<Vec<Value>> {
    let mut buf = Vec::new();
    {
        let mut w = JsonlWriter::new(&mut buf);
        write(&mut w)?;
        w.finish()?;
    }
    let text = String::from_utf8(buf).map_err(|e| Error::malformed(e.to_string()))?;
    text.lines()
        .map(|l| serde_json::from_str(l).map_err(|e| Error::malformed(e.to_string())))
        .collect()
}

/// What `align` and `align_files` return, as JSON values.
fn alignment_value(pairs: &[PairAlignment]) -> sixalign::Result<Value> {
    let records = jsonl(|w| {
        for p in pairs {
            write_alignment(w, p)?;
        }
        Ok(())
    })?;
    let rows = jsonl(|w| write_multiway(w, pairs))?;
    Ok(serde_json::json!({
        "doc": pairs.first().map(|p| p.doc.clone()),
        "pairs": records,
        "rows": rows,
    }))
}

fn to_py(py: Python<'_>, v: &Value) -> PyResult<Py<PyAny>> {
    Ok(pythonize::pythonize(py, v)?.unbind())
}

fn align_versions(
    py: Python<'_>,
    versions: Vec<Version>,
    symbol: Option<String>,
    doc: Option<String>,
    lexicon: Option<PathBuf>,
    learn: bool,
) -> PyResult<Py<PyAny>> {
    let in_memory = versions
        .iter()
        .all(|v| !matches!(v.source, Source::File(_)));
    let v = detached(py, move || {
        let (hub, others) = hub_and_others(&versions, &symbol)?;
        let mut pairs = aligner(&lexicon, learn)?.align_all(&hub, &others);
        // A text given in memory has no file name to take an id from.
        let id = doc.or_else(|| (in_memory && hub.symbol.is_none()).then(String::new));
        if let Some(id) = id {
            for p in &mut pairs {
                p.doc.clone_from(&id);
            }
        }
        alignment_value(&pairs)
    })?;
    to_py(py, &v)
}

/// Aligns the Chinese version of a document with its other language versions.
///
/// `texts` maps language codes (`ar`, `zh`, `en`, `es`, `fr`, `ru`) to the
/// text of each version (`str`, or `bytes` decoded as files are: UTF-8 or
/// UTF-16 with a byte-order mark). `symbol` is the document's UN symbol when
/// the text does not carry it. `doc` is the id written in every record
/// (default: the symbol, given or found in the text, else `""`).
///
/// Returns `{"doc": …, "pairs": [...], "rows": [...]}`: `pairs` are the
/// records of `sixalign align -f jsonl` (one per bead and language pair:
/// `doc`, `region`, `src_lang`, `tgt_lang`, `src`, `tgt`, `src_sents`,
/// `tgt_sents` as `[start, end)` sentence indices, `score`), `rows` those of
/// `--six-way -f jsonl` (`doc`, `region`, one text per language, `ranges`,
/// `scores`). The GIL is released while aligning.
///
/// `lexicon` is the path of a lexicon table for any language pair, as
/// `sixalign align --lexicon FILE` reads it (a file written by
/// `--save-lexicon`, or `headword<TAB>English gloss` lines such as
/// CC-CEDICT); it is used with the built-in CC-CEDICT (zh–en).
///
/// `learn` (default `True`, as `sixalign align`): align twice, the second
/// time with a lexicon per language pair learned from the first pass
/// (anchored paragraphs and confident 1-1 beads). `learn=False` aligns once
/// with the built-in and given lexicons only, as `sixalign align --no-learn`
/// and `sixalign corpus --no-learn` do; each document then aligns the same
/// whatever else is aligned with it (what a cluster job needs).
#[pyfunction]
#[pyo3(signature = (texts, *, symbol=None, doc=None, lexicon=None, learn=true))]
fn align(
    py: Python<'_>,
    texts: &Bound<'_, PyAny>,
    symbol: Option<String>,
    doc: Option<String>,
    lexicon: Option<PathBuf>,
    learn: bool,
) -> PyResult<Py<PyAny>> {
    let versions = versions_of(py, texts, false)?;
    align_versions(py, versions, symbol, doc, lexicon, learn)
}

/// Like `align`, reading the versions from files: a mapping of language code
/// to path, or a sequence of paths whose languages are told from the text
/// (as `sixalign align zh.txt en.txt …`). `doc` defaults to the symbol, else
/// the hub's file name without extension and language code, as the CLI's.
/// With `symbol` and every language given, the records are those of
/// `sixalign corpus` for that document. `lexicon` and `learn` as for
/// `align`: a lexicon table read with the built-in one, and whether a first
/// pass learns a lexicon (default `True`; `learn=False` is `--no-learn`).
#[pyfunction]
#[pyo3(signature = (files, *, symbol=None, doc=None, lexicon=None, learn=true))]
fn align_files(
    py: Python<'_>,
    files: &Bound<'_, PyAny>,
    symbol: Option<String>,
    doc: Option<String>,
    lexicon: Option<PathBuf>,
    learn: bool,
) -> PyResult<Py<PyAny>> {
    let versions = versions_of(py, files, true)?;
    align_versions(py, versions, symbol, doc, lexicon, learn)
}

/// Lines of a `str` (split at line breaks) or a sequence of `str`.
fn lines_of(value: &Bound<'_, PyAny>) -> PyResult<Vec<String>> {
    if let Ok(s) = value.cast::<PyString>() {
        return Ok(s.extract::<String>()?.lines().map(str::to_owned).collect());
    }
    value
        .try_iter()?
        .map(|item| item?.extract::<String>())
        .collect()
}

/// Aligns two texts that hold one sentence per line and no structure (as
/// `sixalign align --lines`): `src` and `tgt` are lists of sentences, or
/// strings split at line breaks. Languages are told from the text when not
/// given. Returns the pair records (`region` is empty, `doc` is `doc`).
#[pyfunction]
#[pyo3(signature = (src, tgt, *, src_lang=None, tgt_lang=None, doc="", lexicon=None))]
fn align_lines(
    py: Python<'_>,
    src: &Bound<'_, PyAny>,
    tgt: &Bound<'_, PyAny>,
    src_lang: Option<&str>,
    tgt_lang: Option<&str>,
    doc: &str,
    lexicon: Option<PathBuf>,
) -> PyResult<Py<PyAny>> {
    let src = lines_of(src)?;
    let tgt = lines_of(tgt)?;
    let src_lang = optional_lang(py, src_lang)?;
    let tgt_lang = optional_lang(py, tgt_lang)?;
    let doc = doc.to_owned();
    let v = detached(py, move || {
        let lang = |given: Option<Lang>, lines: &[String], side: &str| {
            given.or_else(|| detect(&lines.join("\n"))).ok_or_else(|| {
                Error::new(ErrorKind::UnknownLanguage).with_path(format!("<{side} lines>"))
            })
        };
        let src_lang = lang(src_lang, &src, "src")?;
        let tgt_lang = lang(tgt_lang, &tgt, "tgt")?;
        let s: Vec<&str> = src.iter().map(String::as_str).collect();
        let t: Vec<&str> = tgt.iter().map(String::as_str).collect();
        let beads = aligner(&lexicon, true)?.align_lines(src_lang, tgt_lang, &s, &t);
        jsonl(|w| write_line_beads(w, &doc, (src_lang, tgt_lang), &s, &t, &beads))
    })?;
    to_py(py, &Value::Array(v))
}

fn inspect_version(py: Python<'_>, v: Version, symbol: Option<String>) -> PyResult<Py<PyAny>> {
    let value = detached(py, move || {
        let doc = v.parse(&symbol)?;
        let mut buf = Vec::new();
        output::write_inspect_json(&doc, &mut buf)?;
        serde_json::from_slice::<Value>(&buf).map_err(|e| Error::malformed(e.to_string()))
    })?;
    to_py(py, &value)
}

/// The structure the parser finds in one document (as `sixalign inspect
/// --json`): `lang`, `script` (`Hans`/`Hant` for Chinese), `symbol`, `blocks` (`kind`, `label`, `text`),
/// `footnotes` and `findings` (with their 1-based `line`). `text` is a `str`
/// or `bytes`; `name` is used in errors. The shape is
/// `sixalign.types.Inspection`.
#[pyfunction]
#[pyo3(signature = (text, *, lang=None, symbol=None, name="<text>"))]
fn inspect(
    py: Python<'_>,
    text: &Bound<'_, PyAny>,
    lang: Option<&str>,
    symbol: Option<String>,
    name: &str,
) -> PyResult<Py<PyAny>> {
    let v = Version {
        lang: optional_lang(py, lang)?,
        name: name.to_owned(),
        source: source_of(text, false)?,
    };
    inspect_version(py, v, symbol)
}

/// The structure the parser finds in a file (as `sixalign inspect --json
/// FILE`); the same fields as `inspect`. Errors name the file.
#[pyfunction]
#[pyo3(signature = (path, *, lang=None, symbol=None))]
fn inspect_file(
    py: Python<'_>,
    path: PathBuf,
    lang: Option<&str>,
    symbol: Option<String>,
) -> PyResult<Py<PyAny>> {
    let v = Version {
        lang: optional_lang(py, lang)?,
        name: path.to_string_lossy().into_owned(),
        source: Source::File(path),
    };
    inspect_version(py, v, symbol)
}

fn qa_versions(
    py: Python<'_>,
    versions: Vec<Version>,
    symbol: Option<String>,
    doc: Option<String>,
) -> PyResult<Py<PyAny>> {
    let in_memory = versions
        .iter()
        .all(|v| !matches!(v.source, Source::File(_)));
    let value = detached(py, move || {
        let (hub, others) = hub_and_others(&versions, &symbol)?;
        let aligner = Aligner::new();
        let mut reports: Vec<PairReport> = others
            .par_iter()
            .map(|other| PairReport::new(&aligner, &hub, other))
            .collect();
        let id = doc.or_else(|| (in_memory && hub.symbol.is_none()).then(String::new));
        if let Some(id) = id {
            for r in &mut reports {
                r.alignment.doc.clone_from(&id);
                for f in &mut r.findings {
                    f.doc.clone_from(&id);
                }
            }
        }
        let mut buf = Vec::new();
        qa_report::write_json(&hub, &reports, &mut buf)?;
        serde_json::from_slice::<Value>(&buf).map_err(|e| Error::malformed(e.to_string()))
    })?;
    to_py(py, &value)
}

/// Translation QA of the Chinese version against each other version (as
/// `sixalign qa --json`, schema `sixalign-qa/1`): `hub`, `counts` and one
/// entry per language pair with its `findings` (`kind`, `severity`,
/// `src_line`/`tgt_line`, texts, `message`). `texts`, `symbol` and `doc` as
/// for `align`. The shape is `sixalign.types.QaReport`.
#[pyfunction]
#[pyo3(signature = (texts, *, symbol=None, doc=None))]
fn qa(
    py: Python<'_>,
    texts: &Bound<'_, PyAny>,
    symbol: Option<String>,
    doc: Option<String>,
) -> PyResult<Py<PyAny>> {
    let versions = versions_of(py, texts, false)?;
    qa_versions(py, versions, symbol, doc)
}

/// Translation QA of files (as `sixalign qa --json ZH_FILE OTHER_FILE…`): a
/// mapping of language code to path, or a sequence of paths whose languages
/// are told from the text. Returns the same report as `qa`.
#[pyfunction]
#[pyo3(signature = (files, *, symbol=None, doc=None))]
fn qa_files(
    py: Python<'_>,
    files: &Bound<'_, PyAny>,
    symbol: Option<String>,
    doc: Option<String>,
) -> PyResult<Py<PyAny>> {
    let versions = versions_of(py, files, true)?;
    qa_versions(py, versions, symbol, doc)
}

/// The documents of a corpus as `sixalign corpus` finds them: a directory
/// tree or a manifest (`.csv` or `.jsonl` with `id`, `lang`, `path`).
/// Returns `{"docs": [{"id": …, "files": {lang: path}}], "problems":
/// [{"path": …, "reason": …}]}`.
#[pyfunction]
fn discover(py: Python<'_>, path: PathBuf) -> PyResult<Py<PyAny>> {
    let found = detached(py, move || corpus::discover(&path))?;
    Ok(pythonize::pythonize(py, &found)?.unbind())
}

/// The native part of the `sixalign` package; import `sixalign` instead.
#[pymodule]
fn _native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add_function(wrap_pyfunction!(align, m)?)?;
    m.add_function(wrap_pyfunction!(align_files, m)?)?;
    m.add_function(wrap_pyfunction!(align_lines, m)?)?;
    m.add_function(wrap_pyfunction!(inspect, m)?)?;
    m.add_function(wrap_pyfunction!(inspect_file, m)?)?;
    m.add_function(wrap_pyfunction!(qa, m)?)?;
    m.add_function(wrap_pyfunction!(qa_files, m)?)?;
    m.add_function(wrap_pyfunction!(discover, m)?)?;
    Ok(())
}
