//! Writing alignments, as `align` and `review --apply` both do: the
//! output begun, written and committed in one step, and the check of a
//! format that holds one language pair.

use std::io;
use std::path::{Path, PathBuf};

use sixalign::output::{Format, Output, PairWriter};
use sixalign::{Error, Result};

/// Writes through `out`: begun, `write`, committed (renamed into place).
/// The files written, none for standard output.
pub(crate) fn commit(
    mut out: Output,
    write: impl FnOnce(&mut dyn PairWriter) -> io::Result<()>,
) -> Result<Vec<PathBuf>> {
    let w = out.writer();
    w.begin()?;
    write(w)?;
    let written = out.paths().map(Path::to_path_buf).collect();
    out.commit()?;
    Ok(written)
}

/// Bead files hold one language pair: no six-way rows in them.
pub(crate) fn check_six_way(format: Format, six_way: bool) -> Result<()> {
    if six_way && format == Format::Beads {
        return Err(Error::usage(
            "bead files hold one language pair; --six-way needs tsv, jsonl, tmx or moses",
        ));
    }
    Ok(())
}
