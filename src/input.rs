//! The one reader: every input sixalign reads (documents, line files,
//! lexicons, manifests, job files, gold files, each `pipe` line) is read
//! against one size limit, and only from something that ends.
//!
//! - The limit is [`DEFAULT_MAX_INPUT`] (256 MiB) unless set with
//!   [`set_max_input`]; the CLI sets it from `--max-input SIZE` or the
//!   `SIXALIGN_MAX_INPUT` environment variable. A regular file over it is
//!   refused by its size before a byte is read; a stream (standard input, a
//!   FIFO) is refused as soon as it passes the limit, so memory and time
//!   stay bounded.
//! - [`read_input`] reads regular files, FIFOs (`<(cmd)`) and standard
//!   input (`-`); a directory, a device (`/dev/zero`, `/dev/urandom`) or a
//!   socket is refused before it is opened.
//! - [`read_regular_file`] reads regular files only: what corpus runs use,
//!   where nobody is there to feed a pipe.
//!
//! Errors name the path as given ([`ErrorKind::OverLimit`],
//! [`ErrorKind::NotRegular`]).

use std::io::Read;
use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};

use crate::error::{Error, ErrorKind, Result};

/// The input size limit when nothing else is set: 256 MiB, far above the
/// largest UN document (a few MiB) and small enough that a mistaken input
/// (`/dev/zero` through a pipe, a disk image) fails fast in bounded memory.
pub const DEFAULT_MAX_INPUT: u64 = 256 << 20;

static MAX_INPUT: AtomicU64 = AtomicU64::new(DEFAULT_MAX_INPUT);

/// Sets the size limit every input is read against (documents, line files,
/// lexicons, manifests, job files, gold files, each `pipe` line), in bytes.
/// The CLI sets it from `--max-input` or `SIXALIGN_MAX_INPUT`.
pub fn set_max_input(bytes: u64) {
    MAX_INPUT.store(bytes.max(1), Ordering::Relaxed);
}

/// The size limit inputs are read against ([`set_max_input`]).
pub fn max_input() -> u64 {
    MAX_INPUT.load(Ordering::Relaxed)
}

/// The one reader: the bytes of `path` (`-` for standard input), read
/// against [`max_input`]. Regular files, FIFOs (`<(cmd)`) and standard input
/// are read; a directory, a device (`/dev/zero`, `/dev/urandom`) or a socket
/// is refused before reading. Anything over the limit is refused, a regular
/// file by its size before reading, a stream once the limit is passed, so
/// memory and time stay bounded. Errors name `path`.
pub fn read_input(path: &Path) -> Result<Vec<u8>> {
    read_limited(path, true, max_input())
}

/// Like [`read_input`], but only regular files (a FIFO is refused as well):
/// what corpus runs read, where nobody is there to feed a pipe.
pub fn read_regular_file(path: &Path) -> Result<Vec<u8>> {
    read_limited(path, false, max_input())
}

fn read_limited(path: &Path, streams: bool, limit: u64) -> Result<Vec<u8>> {
    let at = |e: Error| e.with_path(path);
    if path.as_os_str() == "-" {
        if !streams {
            return Err(at(ErrorKind::NotRegular("standard input").into()));
        }
        return read_capped(std::io::stdin().lock(), limit, None).map_err(|e| e.with_path("-"));
    }
    // Refuse what is not a file before opening it: opening a FIFO blocks
    // until someone writes, and a device never ends.
    let meta = std::fs::metadata(path).map_err(|e| at(e.into()))?;
    check_kind(&meta, streams).map_err(|k| at(k.into()))?;
    if meta.is_file() && meta.len() > limit {
        return Err(at(ErrorKind::OverLimit {
            len: Some(meta.len()),
            limit,
        }
        .into()));
    }
    let file = std::fs::File::open(path).map_err(|e| at(e.into()))?;
    let hint = meta.is_file().then_some(meta.len());
    read_capped(file, limit, hint).map_err(at)
}

fn check_kind(meta: &std::fs::Metadata, streams: bool) -> std::result::Result<(), ErrorKind> {
    if meta.is_file() || (streams && is_fifo(meta)) {
        Ok(())
    } else {
        Err(ErrorKind::NotRegular(kind_name(meta)))
    }
}

/// Reads at most `limit` bytes from `r`; one more is an
/// [`ErrorKind::OverLimit`]. `hint` is the expected size, when known.
pub fn read_capped(r: impl Read, limit: u64, hint: Option<u64>) -> Result<Vec<u8>> {
    let cap = hint.unwrap_or(64 * 1024).min(limit) as usize;
    let mut buf = Vec::with_capacity(cap.saturating_add(1));
    r.take(limit.saturating_add(1)).read_to_end(&mut buf)?;
    if buf.len() as u64 > limit {
        return Err(ErrorKind::OverLimit { len: None, limit }.into());
    }
    Ok(buf)
}

fn is_fifo(meta: &std::fs::Metadata) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        meta.file_type().is_fifo()
    }
    #[cfg(not(unix))]
    {
        let _ = meta;
        false
    }
}

/// What a file is, for messages: "a FIFO (named pipe)", "a device", …
pub fn kind_name(m: &std::fs::Metadata) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        let t = m.file_type();
        if t.is_fifo() {
            return "a FIFO (named pipe)";
        }
        if t.is_char_device() || t.is_block_device() {
            return "a device";
        }
        if t.is_socket() {
            return "a socket";
        }
    }
    if m.is_dir() {
        "a directory"
    } else if m.is_file() {
        "a regular file"
    } else {
        "not a regular file"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn streams_are_cut_at_the_limit() {
        let r = std::io::repeat(0).take(10_000);
        match read_capped(r, 4096, None) {
            Err(e) => assert!(matches!(
                e.kind(),
                ErrorKind::OverLimit {
                    len: None,
                    limit: 4096
                }
            )),
            Ok(b) => panic!("read {} bytes past the limit", b.len()),
        }
        let ok = read_capped(std::io::repeat(1).take(4096), 4096, None).unwrap();
        assert_eq!(ok.len(), 4096, "exactly the limit is allowed");
    }

    #[test]
    fn files_are_refused_by_size_and_kind() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("big.txt");
        std::fs::write(&p, vec![b'a'; 2048]).unwrap();
        let e = read_limited(&p, true, 1024).unwrap_err();
        assert!(matches!(
            e.kind(),
            ErrorKind::OverLimit {
                len: Some(2048),
                ..
            }
        ));
        assert_eq!(e.path(), Some(p.as_path()));
        let e = read_input(dir.path()).unwrap_err();
        assert!(e.to_string().contains("a directory"), "{e}");
        #[cfg(unix)]
        {
            let e = read_input(Path::new("/dev/zero")).unwrap_err();
            assert!(e.to_string().contains("a device"), "{e}");
        }
    }
}
