//! Writing alignments, as `align` and `review --apply` both do: the
//! output begun, written and committed in one step.

use std::io;
use std::path::{Path, PathBuf};

use sixalign::Result;
use sixalign::output::{Output, PairWriter};

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
