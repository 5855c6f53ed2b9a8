//! The external converters (`soffice` for Word 97–2003 and RTF files,
//! `pdftotext` for PDF), run so that nothing outlives sixalign:
//!
//! - each runs in **its own process group**, so that it and everything it
//!   starts (LibreOffice's `oosplash` → `soffice.bin`) is ended together;
//! - each runs under a **time limit** ([`set_timeout`], default
//!   [`DEFAULT_TIMEOUT`]; the CLI sets it from `--convert-timeout SECS` or
//!   `SIXALIGN_CONVERT_TIMEOUT`): a converter that hangs is killed and the
//!   document fails with an error saying so, as does one killed by a signal;
//! - every running converter and every working directory (the copy of a
//!   `.doc` handed to LibreOffice, its private profile) is kept in a
//!   process-wide registry: [`stop_all`] kills the groups and removes the
//!   directories, and no converter starts after it. The CLI's signal
//!   handler calls it (through
//!   [`crate::output::atomic::remove_temporaries_and_exit`]), so SIGINT,
//!   SIGTERM or SIGHUP leave no converter running and no copy behind.

use std::collections::{BTreeMap, BTreeSet};
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Mutex, MutexGuard};
use std::time::{Duration, Instant};

/// How long a converter may run when nothing else is set: two minutes,
/// far above what LibreOffice needs for a UN document (a few seconds, the
/// first run included) and short enough that a hung converter does not
/// stall a corpus run for good.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(120);

/// The limit in milliseconds; 0 means none. `u64::MAX`: not set (default).
static TIMEOUT_MS: AtomicU64 = AtomicU64::new(u64::MAX);

/// Sets how long an external converter may run before it is killed and
/// its document fails; `None` for no limit.
pub fn set_timeout(limit: Option<Duration>) {
    let ms = match limit {
        // At least a millisecond: 0 is "no limit".
        Some(d) => (d.as_millis().min(u64::MAX as u128 - 1) as u64).max(1),
        None => 0,
    };
    TIMEOUT_MS.store(ms, Ordering::Relaxed);
}

/// The time limit converters run under ([`set_timeout`]); `None`: none.
pub fn timeout() -> Option<Duration> {
    match TIMEOUT_MS.load(Ordering::Relaxed) {
        u64::MAX => Some(DEFAULT_TIMEOUT),
        0 => None,
        ms => Some(Duration::from_millis(ms)),
    }
}

/// Running converters (process group id → program) and working directories.
struct Registry {
    groups: BTreeMap<u32, &'static str>,
    dirs: BTreeSet<PathBuf>,
    /// Set by [`stop_all`]: nothing new starts.
    stopped: bool,
}

static LIVE: Mutex<Registry> = Mutex::new(Registry {
    groups: BTreeMap::new(),
    dirs: BTreeSet::new(),
    stopped: false,
});

static COUNTER: AtomicU64 = AtomicU64::new(0);

fn registry() -> MutexGuard<'static, Registry> {
    LIVE.lock().unwrap_or_else(|e| e.into_inner())
}

/// Kills every running converter with everything it started, waits (up to
/// two seconds) until they are gone, and removes every working directory;
/// no converter or working directory is made afterwards. For the signal
/// handler: call it just before the process exits.
pub fn stop_all() {
    let mut reg = registry();
    reg.stopped = true;
    for &pgid in reg.groups.keys() {
        kill_group(pgid);
    }
    // A killed process may still be finishing a write into its directory:
    // remove the directories once the groups are gone.
    let deadline = Instant::now() + Duration::from_secs(2);
    for &pgid in reg.groups.keys() {
        while group_alive(pgid) && Instant::now() < deadline {
            reap(pgid);
            std::thread::sleep(Duration::from_millis(2));
        }
    }
    for d in &reg.dirs {
        let _ = std::fs::remove_dir_all(d);
    }
    reg.dirs.clear();
}

/// The converters running now, by program name (for tests and diagnostics).
pub fn running() -> Vec<&'static str> {
    registry().groups.values().copied().collect()
}

/// Why a converter gave no result.
#[derive(Debug)]
pub(super) enum Failure {
    /// It could not be started, or its pipes failed.
    Io(io::Error),
    /// It ran past the time limit and was killed.
    TimedOut(Duration),
    /// It was killed by a signal sixalign did not send.
    Killed(i32),
    /// sixalign is stopping (a signal): nothing new is started.
    Stopping,
}

impl Failure {
    /// What happened, for the reason part of an error message.
    pub(super) fn reason(&self, tool: &str) -> String {
        match self {
            Failure::Io(e) => format!("`{tool}` could not be run ({e})"),
            Failure::TimedOut(d) => format!(
                "`{tool}` did not finish within {} and was stopped",
                seconds(*d)
            ),
            Failure::Killed(sig) => {
                format!("`{tool}` was killed by signal {sig} before it finished")
            }
            Failure::Stopping => "sixalign is stopping (interrupted)".into(),
        }
    }

    /// What the user can do about it.
    pub(super) fn fix(&self) -> &'static str {
        match self {
            Failure::TimedOut(_) => {
                "give it more time with --convert-timeout SECS (or SIXALIGN_CONVERT_TIMEOUT; 0: no limit), or convert the file to .docx or text first"
            }
            _ => "run it again; if it fails again, convert the file to .docx or text first",
        }
    }
}

fn seconds(d: Duration) -> String {
    let s = d.as_secs_f64();
    if s.fract() == 0.0 {
        format!("{s:.0} s")
    } else {
        format!("{s} s")
    }
}

/// What a converter that ended by itself gave.
#[derive(Debug)]
pub(super) struct Output {
    pub status: ExitStatus,
    pub stdout: Vec<u8>,
    pub stderr: Vec<u8>,
}

/// Runs `cmd` (program `tool`) in its own process group under the time
/// limit, with `input` on its standard input (none: `/dev/null`), and
/// collects its output. Whatever it started is killed when it ends, when
/// the limit passes, and by [`stop_all`].
pub(super) fn run(
    tool: &'static str,
    mut cmd: Command,
    input: Option<Vec<u8>>,
) -> Result<Output, Failure> {
    cmd.stdin(if input.is_some() {
        Stdio::piped()
    } else {
        Stdio::null()
    })
    .stdout(Stdio::piped())
    .stderr(Stdio::piped());
    #[cfg(unix)]
    {
        use std::os::unix::process::CommandExt;
        cmd.process_group(0);
    }
    let mut child = {
        let mut reg = registry();
        if reg.stopped {
            return Err(Failure::Stopping);
        }
        // Spawned under the lock: a cleanup that has begun cannot miss it.
        let child = cmd.spawn().map_err(Failure::Io)?;
        reg.groups.insert(child.id(), tool);
        child
    };
    let pgid = child.id();
    let result = supervise(&mut child, input);
    // Anything it left running (the leader is not reaped yet, so the group
    // id is still ours), then the leader itself.
    kill_group(pgid);
    let _ = child.kill();
    let waited = child.wait();
    registry().groups.remove(&pgid);
    let (ended, stdout, stderr) = result?;
    let status = waited.map_err(Failure::Io)?;
    match ended {
        Ended::TimedOut(d) => Err(Failure::TimedOut(d)),
        Ended::Exited => match signal_of(&status) {
            Some(sig) => Err(Failure::Killed(sig)),
            None => Ok(Output {
                status,
                stdout,
                stderr,
            }),
        },
    }
}

enum Ended {
    Exited,
    TimedOut(Duration),
}

/// Feeds the input, reads both outputs and waits (without reaping) for the
/// leader to end or the limit to pass.
fn supervise(
    child: &mut Child,
    input: Option<Vec<u8>>,
) -> Result<(Ended, Vec<u8>, Vec<u8>), Failure> {
    // Fed and read from threads: an output pipe fills while the input is written.
    let feeder = child.stdin.take().zip(input).map(|(mut stdin, bytes)| {
        std::thread::spawn(move || {
            let _ = stdin.write_all(&bytes);
        })
    });
    let reader = |pipe: Option<Box<dyn Read + Send>>| {
        std::thread::spawn(move || {
            let mut buf = Vec::new();
            if let Some(mut p) = pipe {
                let _ = p.read_to_end(&mut buf);
            }
            buf
        })
    };
    let out = reader(child.stdout.take().map(|p| Box::new(p) as _));
    let err = reader(child.stderr.take().map(|p| Box::new(p) as _));
    let limit = timeout();
    let start = Instant::now();
    let mut pause = Duration::from_millis(1);
    let ended = loop {
        if exited(child).map_err(Failure::Io)? {
            break Ended::Exited;
        }
        if let Some(limit) = limit.filter(|&l| start.elapsed() >= l) {
            break Ended::TimedOut(limit);
        }
        std::thread::sleep(pause);
        pause = (pause * 2).min(Duration::from_millis(20));
    };
    // The pipes close once the whole group is gone: kill it first.
    kill_group(child.id());
    let _ = child.kill();
    // Something outside the group holding a pipe must not hang sixalign.
    let deadline = Instant::now() + Duration::from_secs(5);
    while !(out.is_finished()
        && err.is_finished()
        && feeder.as_ref().is_none_or(|f| f.is_finished()))
    {
        if Instant::now() >= deadline {
            return Err(Failure::Io(io::Error::other(
                "it left its output open after it ended",
            )));
        }
        std::thread::sleep(Duration::from_millis(2));
    }
    if let Some(f) = feeder {
        let _ = f.join();
    }
    let stdout = out.join().unwrap_or_default();
    let stderr = err.join().unwrap_or_default();
    Ok((ended, stdout, stderr))
}

/// Whether the child has ended, without reaping it (its process id, which
/// is its group's id, stays reserved until it is reaped).
#[cfg(target_os = "linux")]
fn exited(child: &mut Child) -> io::Result<bool> {
    // SAFETY: waitid with a zeroed siginfo_t it fills in; WNOWAIT leaves
    // the child to be reaped by Child::wait.
    unsafe {
        let mut info: libc::siginfo_t = std::mem::zeroed();
        let r = libc::waitid(
            libc::P_PID,
            child.id() as libc::id_t,
            &mut info,
            libc::WEXITED | libc::WNOHANG | libc::WNOWAIT,
        );
        if r != 0 {
            return Err(io::Error::last_os_error());
        }
        Ok(info.si_pid() != 0)
    }
}

#[cfg(not(target_os = "linux"))]
fn exited(child: &mut Child) -> io::Result<bool> {
    child.try_wait().map(|s| s.is_some())
}

/// SIGKILL to every process of the group.
fn kill_group(pgid: u32) {
    #[cfg(unix)]
    // SAFETY: kill(2) with a negative id signals a process group; no memory involved.
    unsafe {
        libc::kill(-(pgid as libc::pid_t), libc::SIGKILL);
    }
    #[cfg(not(unix))]
    let _ = pgid;
}

/// Whether any process of the group is still there.
fn group_alive(pgid: u32) -> bool {
    #[cfg(unix)]
    // SAFETY: signal 0 only checks that the group exists.
    unsafe {
        libc::kill(-(pgid as libc::pid_t), 0) == 0
    }
    #[cfg(not(unix))]
    {
        let _ = pgid;
        false
    }
}

/// Reaps the group's leader if it is dead and not reaped yet (a dead,
/// unreaped leader keeps the group alive).
fn reap(pgid: u32) {
    #[cfg(unix)]
    // SAFETY: waitpid on our own child, not blocking; no memory involved.
    unsafe {
        let mut status = 0;
        libc::waitpid(pgid as libc::pid_t, &mut status, libc::WNOHANG);
    }
    #[cfg(not(unix))]
    let _ = pgid;
}

#[cfg(unix)]
fn signal_of(status: &ExitStatus) -> Option<i32> {
    use std::os::unix::process::ExitStatusExt;
    status.signal()
}

#[cfg(not(unix))]
fn signal_of(_: &ExitStatus) -> Option<i32> {
    None
}

/// A private working directory for one conversion, under the system's
/// temporary directory; removed on drop and by [`stop_all`].
#[derive(Debug)]
pub(super) struct WorkDir {
    path: PathBuf,
}

impl WorkDir {
    /// Creates `sixalign-PREFIX-PID-N` and writes `name` into it, under the
    /// registry's lock (no copy of the document appears once a cleanup has
    /// begun).
    pub(super) fn with_file(prefix: &str, name: &str, bytes: &[u8]) -> io::Result<WorkDir> {
        let mut reg = registry();
        if reg.stopped {
            return Err(io::Error::new(
                io::ErrorKind::Interrupted,
                "sixalign is stopping",
            ));
        }
        let n = COUNTER.fetch_add(1, Ordering::Relaxed);
        let path =
            std::env::temp_dir().join(format!("sixalign-{prefix}-{}-{n}", std::process::id()));
        std::fs::create_dir(&path)?;
        if let Err(e) = std::fs::write(path.join(name), bytes) {
            let _ = std::fs::remove_dir_all(&path);
            return Err(e);
        }
        reg.dirs.insert(path.clone());
        Ok(WorkDir { path })
    }

    /// Where it is.
    pub(super) fn path(&self) -> &Path {
        &self.path
    }
}

impl Drop for WorkDir {
    fn drop(&mut self) {
        let mut reg = registry();
        let _ = std::fs::remove_dir_all(&self.path);
        reg.dirs.remove(&self.path);
    }
}
