//! The types rayon carries between threads are `Send + Sync` (aho-corasick's
//! `testoibits`): the aligner and its lexicons are shared by reference
//! across a batch, documents and results cross from worker threads back to
//! the writer. A field that loses either bound (an `Rc`, a `Cell`, a raw
//! pointer) stops this file from compiling, so the check is made by the
//! compiler; the test only names it in the test run.

use sixalign::align::{Bead, PairLexicons, Params, Pass, ShapePriors};
use sixalign::corpus::batch::FirstPass;
use sixalign::corpus::{
    DocFiles, DocReport, Job, JobResult, Learned, Loaded, PairFigures, RunOptions, Summary,
};
use sixalign::engine::{
    Aligner, AlignerBuilder, LangHints, LineFile, MultiRow, PairAlignment, RegionAlignment,
    Sentence, Stats,
};
use sixalign::eval::Scores;
use sixalign::lexicon::Lexicon;
use sixalign::load::Text;
use sixalign::parse::ParseOptions;
use sixalign::qa::{PairFinding, PairReport};
use sixalign::score::Features;
use sixalign::{Block, Document, Error, Footnote, Lang};

const fn send_sync<T: Send + Sync>() {}

// Evaluated at compile time: a type that is not `Send + Sync` is a build error.
const _: () = {
    // The front door and what it is built from.
    send_sync::<Aligner>();
    send_sync::<AlignerBuilder>();
    send_sync::<Lexicon>();
    send_sync::<PairLexicons>();
    send_sync::<Params>();
    send_sync::<ShapePriors>();
    send_sync::<Features>();
    // The documents the workers parse and align.
    send_sync::<Text>();
    send_sync::<Document>();
    send_sync::<Block>();
    send_sync::<Footnote>();
    send_sync::<ParseOptions>();
    send_sync::<Lang>();
    send_sync::<LangHints>();
    // The results they hand back.
    send_sync::<Bead>();
    send_sync::<Sentence>();
    send_sync::<RegionAlignment>();
    send_sync::<PairAlignment>();
    send_sync::<Stats>();
    send_sync::<MultiRow>();
    send_sync::<LineFile>();
    send_sync::<PairFinding>();
    send_sync::<PairReport>();
    send_sync::<Scores>();
    send_sync::<Error>();
    // The corpus and batch runs: jobs in, reports out, the shared cache.
    send_sync::<RunOptions>();
    send_sync::<DocFiles>();
    send_sync::<Job>();
    send_sync::<JobResult>();
    send_sync::<Learned>();
    send_sync::<Loaded>();
    send_sync::<DocReport>();
    send_sync::<PairFigures>();
    send_sync::<Summary>();
    // A batch's first pass, kept for the second: the features it reuses.
    send_sync::<Pass>();
    send_sync::<FirstPass>();
};

#[test]
fn types_rayon_carries_are_send_and_sync() {
    // The assertions above are made by the compiler; this names them in the run.
    send_sync::<Aligner>();
    send_sync::<PairAlignment>();
}
