//! # sixalign
//!
//! Aligns UN documents across the six official languages (Arabic, Chinese,
//! English, French, Russian, Spanish), with the Chinese text as the hub.
//!
//! The pipeline, one module per stage, data flowing one way:
//!
//! ```text
//! bytes ──load──▶ Text ──parse──▶ Document ──anchor──▶ regions
//!       ──segment──▶ sentences ──score+align──▶ beads ──output──▶ tsv | jsonl | tmx | moses | beads
//! ```
#![deny(missing_docs)]
#![deny(rustdoc::broken_intra_doc_links)]

pub mod align;
pub mod anchor;
pub mod corpus;
pub mod document;
pub mod engine;
pub mod error;
pub mod eval;
pub mod finding;
pub mod input;
pub mod lang;
pub mod lexicon;
pub mod load;
pub mod normalize;
pub mod output;
pub mod parse;
pub mod qa;
pub mod review;
pub mod score;
pub mod segment;

pub use document::{Block, BlockKind, Document, Footnote, Label};
pub use error::{Error, ErrorKind, Result};
pub use lang::Lang;
