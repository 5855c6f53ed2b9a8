//! The versions of one document: parsed in parallel, and the Chinese hub
//! separated from the others — the one place the command, its `review`
//! and the Python binding do it.

use rayon::prelude::*;

use crate::document::Document;
use crate::error::{Error, Result};
use crate::lang::Lang;

/// How a front end's user gives a version's language: the hints that close
/// the errors of [`split_hub_with`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LangHints {
    /// When two versions are in one language.
    pub twice: &'static str,
    /// When no version is Chinese.
    pub no_hub: &'static str,
}

impl LangHints {
    /// The command line's: a language is given with `--lang xx=FILE`.
    pub const COMMAND: LangHints = LangHints {
        twice: "give the language with --lang xx=FILE if one was detected wrongly",
        no_hub: "give it with --lang zh=FILE if it was detected wrongly",
    };
}

/// Separates the Chinese hub from the other versions, refusing two versions
/// in one language (naming both) and a set without a Chinese version; the
/// errors end with the command line's hints ([`LangHints::COMMAND`]).
pub fn split_hub(docs: Vec<Document>) -> Result<(Document, Vec<Document>)> {
    split_hub_with(docs, LangHints::COMMAND)
}

/// [`split_hub`] with the hints of another front end.
pub fn split_hub_with(docs: Vec<Document>, hints: LangHints) -> Result<(Document, Vec<Document>)> {
    for (i, d) in docs.iter().enumerate() {
        if let Some(e) = docs[..i].iter().find(|e| e.lang == d.lang) {
            return Err(Error::usage(format!(
                "{} and {} are both {} ({})",
                e.name, d.name, d.lang, hints.twice
            )));
        }
    }
    let Some(h) = docs.iter().position(|d| d.lang == Lang::Zh) else {
        return Err(Error::usage(format!(
            "no Chinese version among the inputs: Chinese is the hub every version is aligned to ({})",
            hints.no_hub
        )));
    };
    let mut others = docs;
    let hub = others.remove(h);
    Ok((hub, others))
}

/// Parses every version with `parse` (in parallel) and separates the hub
/// ([`split_hub_with`]). When several fail, the error is the first in input
/// order, whichever thread met its own first.
pub fn parse_versions<V: Sync>(
    versions: &[V],
    parse: impl Fn(&V) -> Result<Document> + Sync + Send,
    hints: LangHints,
) -> Result<(Document, Vec<Document>)> {
    let docs = versions
        .par_iter()
        .map(parse)
        // Each result kept, then the first error in input order (rayon's
        // collect into a Result returns whichever error came first).
        .collect::<Vec<Result<Document>>>()
        .into_iter()
        .collect::<Result<Vec<_>>>()?;
    split_hub_with(docs, hints)
}
