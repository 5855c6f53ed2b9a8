//! One error type for the whole crate: an opaque [`Error`] around an
//! [`ErrorKind`] that carries the numbers, plus the file and line it concerns.

use std::fmt;
use std::io;
use std::path::{Path, PathBuf};

/// What went wrong. Matched on by callers that want to react to one case.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ErrorKind {
    /// Reading or writing failed at the operating-system level.
    #[error("{0}")]
    Io(#[from] io::Error),
    /// The input has no bytes, or only white space.
    #[error("the document is empty")]
    Empty,
    /// The input looks like a binary file (NUL bytes or many control characters).
    #[error("binary data at byte {offset}: this is not a text document")]
    Binary {
        /// Byte offset of the first offending byte.
        offset: usize,
    },
    /// The input is not valid UTF-8 and carries no UTF-16 byte-order mark.
    #[error(
        "invalid UTF-8 at byte {offset}; convert the file to UTF-8 (or UTF-16 with a byte-order mark)"
    )]
    InvalidUtf8 {
        /// Byte offset of the first invalid sequence.
        offset: usize,
    },
    /// A UTF-16 file (by its byte-order mark) holds an invalid code unit sequence.
    #[error("invalid UTF-16 at byte {offset}")]
    InvalidUtf16 {
        /// Byte offset of the first invalid code unit.
        offset: usize,
    },
    /// The input is larger than the 4 GiB a document may hold.
    #[error("the document is {len} bytes; documents over 4 GiB are not supported")]
    TooLarge {
        /// Its size in bytes.
        len: usize,
    },
    /// The input is over the size limit (see [`crate::input::max_input`]).
    #[error("{}", over_limit(*len, *limit))]
    OverLimit {
        /// Its size, when known before reading (a regular file).
        len: Option<u64>,
        /// The limit in force.
        limit: u64,
    },
    /// The input is a directory, a device, a socket or (in a corpus) a FIFO.
    #[error("is {0}, not a regular file; give a text document")]
    NotRegular(&'static str),
    /// A Word, PDF or HTML file that cannot be turned into text: corrupt,
    /// truncated, encrypted, or with no text in it (a scanned PDF).
    #[error("cannot read this {format} file: {reason}; {fix}")]
    Unreadable {
        /// The format the file was taken for (`.docx`, `PDF`, …).
        format: &'static str,
        /// What is wrong with it.
        reason: String,
        /// What the user can do about it.
        fix: String,
    },
    /// A format whose reader is an external program that is not installed.
    #[error(
        "reading {} {format} file needs `{tool}`, which is not on PATH; install it (Debian/Ubuntu package {package}) or convert the file to text first",
        article(format)
    )]
    MissingTool {
        /// The format (`PDF`, `.doc`).
        format: &'static str,
        /// The program looked for.
        tool: &'static str,
        /// The Debian package that installs it.
        package: &'static str,
    },
    /// The language could not be told from the text; give it with `--lang`.
    #[error(
        "cannot tell the language of this document; give it with --lang (ar, zh, en, es, fr, ru)"
    )]
    UnknownLanguage,
    /// A language code that is not one of ar, zh, en, es, fr, ru.
    #[error("unknown language code {0:?}: expected one of ar, zh, en, es, fr, ru")]
    BadLanguageCode(String),
    /// A structured input (bead file, JSON line, manifest, job file) is malformed.
    #[error("{0}")]
    Malformed(String),
    /// The request does not make sense (wrong combination of options and the like).
    #[error("{0}")]
    Usage(String),
}

/// A byte count for messages: `256 MiB`, `1.5 KiB`, `12 bytes`.
pub(crate) fn human_bytes(n: u64) -> String {
    const UNITS: [(&str, u64); 3] = [("GiB", 1 << 30), ("MiB", 1 << 20), ("KiB", 1 << 10)];
    for (unit, size) in UNITS {
        if n >= size {
            let x = n as f64 / size as f64;
            return if n % size == 0 {
                format!("{} {unit}", n / size)
            } else {
                format!("{x:.1} {unit}")
            };
        }
    }
    format!("{n} bytes")
}

/// `a` or `an` before a format's name, as it is read aloud: `an RTF`,
/// `an HTML`, `a PDF`, `a Word`.
fn article(name: &str) -> &'static str {
    let mut c = name.chars();
    let (first, second) = (c.next().unwrap_or(' '), c.next().unwrap_or(' '));
    let acronym = first.is_ascii_uppercase() && second.is_ascii_uppercase();
    if "AEIOUaeiou".contains(first) || (acronym && "FHLMNRSX".contains(first)) {
        "an"
    } else {
        "a"
    }
}

fn over_limit(len: Option<u64>, limit: u64) -> String {
    let size = match len {
        Some(n) => format!("is {}, over", human_bytes(n)),
        None => "is over".to_string(),
    };
    format!(
        "the input {size} the input size limit of {}; raise it with --max-input SIZE or SIXALIGN_MAX_INPUT (e.g. 1G)",
        human_bytes(limit)
    )
}

/// An error with the file and line it concerns.
#[derive(Debug)]
pub struct Error {
    kind: ErrorKind,
    path: Option<PathBuf>,
    line: Option<usize>,
}

impl Error {
    /// An error of this kind with no file attached yet.
    pub fn new(kind: ErrorKind) -> Error {
        Error {
            kind,
            path: None,
            line: None,
        }
    }

    /// Attach the file the error concerns (keeps one already attached).
    pub fn with_path(mut self, path: impl AsRef<Path>) -> Error {
        if self.path.is_none() {
            self.path = Some(path.as_ref().to_path_buf());
        }
        self
    }

    /// Attach the 1-based line the error concerns.
    pub fn with_line(mut self, line: usize) -> Error {
        self.line = Some(line);
        self
    }

    /// What went wrong.
    pub fn kind(&self) -> &ErrorKind {
        &self.kind
    }

    /// The file, when known.
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// The 1-based line, when known.
    pub fn line(&self) -> Option<usize> {
        self.line
    }

    /// Shorthand for a [`ErrorKind::Malformed`] error.
    pub fn malformed(msg: impl Into<String>) -> Error {
        Error::new(ErrorKind::Malformed(msg.into()))
    }

    /// Shorthand for a [`ErrorKind::Usage`] error.
    pub fn usage(msg: impl Into<String>) -> Error {
        Error::new(ErrorKind::Usage(msg.into()))
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (&self.path, self.line) {
            (Some(p), Some(l)) => write!(f, "{}:{}: {}", p.display(), l, self.kind),
            (Some(p), None) => write!(f, "{}: {}", p.display(), self.kind),
            (None, Some(l)) => write!(f, "line {}: {}", l, self.kind),
            (None, None) => write!(f, "{}", self.kind),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match &self.kind {
            ErrorKind::Io(e) => Some(e),
            _ => None,
        }
    }
}

impl From<io::Error> for Error {
    /// An error made by [`io_at`] comes back with its path.
    fn from(e: io::Error) -> Error {
        if e.get_ref().is_some_and(|r| r.is::<AtPath>()) {
            let kind = e.kind();
            match e.into_inner().map(|b| b.downcast::<AtPath>()) {
                Some(Ok(at)) => return Error::new(ErrorKind::Io(at.source)).with_path(at.path),
                // Not reached (checked above); keep the kind at least.
                _ => return Error::new(ErrorKind::Io(kind.into())),
            }
        }
        Error::new(ErrorKind::Io(e))
    }
}

/// An I/O error with the file it happened on, carried inside an
/// [`io::Error`] through code that knows only `io::Write` (format writers,
/// `BufWriter`), to come out as an [`Error`] naming the file.
#[derive(Debug)]
struct AtPath {
    path: PathBuf,
    source: io::Error,
}

impl fmt::Display for AtPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path.display(), self.source)
    }
}

impl std::error::Error for AtPath {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&self.source)
    }
}

/// `e`, marked as having happened on `path` (of the same kind, so a closed
/// pipe is still [`io::ErrorKind::BrokenPipe`]); converted into an
/// [`Error`], it names `path`. An error already marked keeps its path.
pub fn io_at(path: impl AsRef<Path>, e: io::Error) -> io::Error {
    if e.get_ref().is_some_and(|r| r.is::<AtPath>()) {
        return e;
    }
    io::Error::new(
        e.kind(),
        AtPath {
            path: path.as_ref().to_path_buf(),
            source: e,
        },
    )
}

impl From<ErrorKind> for Error {
    fn from(kind: ErrorKind) -> Error {
        Error::new(kind)
    }
}

/// The crate's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;
