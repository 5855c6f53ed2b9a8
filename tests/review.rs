//! `sixalign review`: the review page driven in a real browser (Debian's
//! Chromium, headless, through the DevTools protocol over a pipe) — merge,
//! split, 1-0, shifts, undo, redo, confirm, reload, export — and its exports
//! checked against `sixalign align` and `sixalign review --apply`; the TMX
//! validated with xmllint; markup in the text stays text; a 10,000-bead page
//! opened and an edit timed. Without Chromium these tests fail; they never skip.

use std::io::{BufRead, BufReader, Write};
use std::os::fd::{AsRawFd, FromRawFd, OwnedFd};
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

use sixalign::Lang;
use sixalign::engine::Aligner;
use sixalign::load::Text;
use sixalign::parse::{ParseOptions, parse};
use sixalign::review::{Review, page};

const UDHR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../data/udhr");
const DTD: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/fixtures/tmx14.dtd");
const MARKUP: &str = "</script><img src=x onerror=\"document.title='pwned'\"> & <b>bold</b>";

// --- a DevTools-protocol client over --remote-debugging-pipe -------------------

/// Headless Chromium, driven through the DevTools protocol on file
/// descriptors 3 (commands in) and 4 (replies and events out), messages
/// ending in a NUL byte. No port, no WebSocket.
struct Browser {
    child: Child,
    to: std::fs::File,
    from: BufReader<std::fs::File>,
    next: u64,
    session: String,
    _profile: tempfile::TempDir,
}

fn chromium() -> PathBuf {
    for name in ["chromium", "chromium-browser", "google-chrome"] {
        for dir in std::env::split_paths(&std::env::var_os("PATH").unwrap_or_default()) {
            let p = dir.join(name);
            if p.is_file() {
                return p;
            }
        }
    }
    panic!(
        "chromium not found: the review page tests need headless Chromium \
         (apt-get install -y chromium; .ci/test installs it)"
    );
}

fn pipe() -> (OwnedFd, OwnedFd) {
    let mut fds = [0; 2];
    // SAFETY: `fds` has room for the two descriptors pipe2 writes.
    let r = unsafe { libc::pipe2(fds.as_mut_ptr(), libc::O_CLOEXEC) };
    assert_eq!(r, 0, "pipe2: {}", std::io::Error::last_os_error());
    // SAFETY: both descriptors were just opened and are owned by nobody else.
    unsafe { (OwnedFd::from_raw_fd(fds[0]), OwnedFd::from_raw_fd(fds[1])) }
}

impl Browser {
    fn launch(width: u32, height: u32) -> Browser {
        let profile = tempfile::tempdir().expect("tempdir");
        let (cmd_read, cmd_write) = pipe();
        let (out_read, out_write) = pipe();
        let (a, b) = (cmd_read.as_raw_fd(), out_write.as_raw_fd());
        let mut cmd = Command::new(chromium());
        cmd.args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--disable-extensions",
            "--hide-scrollbars",
            "--remote-debugging-pipe",
        ])
        .arg(format!("--window-size={width},{height}"))
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .arg("about:blank")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null());
        // SAFETY: only async-signal-safe calls (dup2, fcntl) between fork and exec.
        unsafe {
            cmd.pre_exec(move || {
                for (from, to) in [(a, 3), (b, 4)] {
                    if from == to {
                        let fl = libc::fcntl(to, libc::F_GETFD);
                        libc::fcntl(to, libc::F_SETFD, fl & !libc::FD_CLOEXEC);
                    } else if libc::dup2(from, to) < 0 {
                        return Err(std::io::Error::last_os_error());
                    }
                }
                Ok(())
            });
        }
        let child = cmd.spawn().expect("start chromium");
        drop((cmd_read, out_write));
        let mut br = Browser {
            child,
            to: std::fs::File::from(cmd_write),
            from: BufReader::new(std::fs::File::from(out_read)),
            next: 0,
            session: String::new(),
            _profile: profile,
        };
        let target = br.call("Target.createTarget", json!({"url": "about:blank"}));
        let id = target["targetId"].as_str().expect("targetId").to_string();
        let s = br.call(
            "Target.attachToTarget",
            json!({"targetId": id, "flatten": true}),
        );
        br.session = s["sessionId"].as_str().expect("sessionId").to_string();
        br.send("Page.enable", json!({}));
        br.send("Runtime.enable", json!({}));
        br
    }

    fn call(&mut self, method: &str, params: Value) -> Value {
        self.next += 1;
        let id = self.next;
        let mut msg = json!({"id": id, "method": method, "params": params});
        if !self.session.is_empty()
            && !method.starts_with("Target.")
            && !method.starts_with("Browser.")
        {
            msg["sessionId"] = json!(self.session);
        }
        let mut bytes = serde_json::to_vec(&msg).unwrap();
        bytes.push(0);
        self.to.write_all(&bytes).expect("write to chromium");
        loop {
            let mut buf = Vec::new();
            let n = self
                .from
                .read_until(0, &mut buf)
                .expect("read from chromium");
            assert!(n > 0, "chromium closed the pipe");
            buf.pop();
            let v: Value = serde_json::from_slice(&buf).expect("a DevTools message");
            if v["id"].as_u64() == Some(id) {
                if let Some(e) = v.get("error") {
                    panic!("{method}: {e}");
                }
                return v["result"].clone();
            }
        }
    }

    fn send(&mut self, method: &str, params: Value) {
        self.call(method, params);
    }

    /// Evaluates `expr` in the page (awaiting a promise) and returns its value.
    fn eval(&mut self, expr: &str) -> Value {
        let r = self.call(
            "Runtime.evaluate",
            json!({"expression": expr, "returnByValue": true, "awaitPromise": true}),
        );
        if let Some(e) = r.get("exceptionDetails") {
            panic!("{expr}: {e}");
        }
        r["result"]["value"].clone()
    }

    fn eval_str(&mut self, expr: &str) -> String {
        match self.eval(expr) {
            Value::String(s) => s,
            v => panic!("{expr} gave {v}"),
        }
    }

    /// Opens `url` and waits for the page's script to be ready.
    fn open(&mut self, url: &str) -> Duration {
        let t = Instant::now();
        self.send("Page.navigate", json!({"url": url}));
        self.wait_ready(t)
    }

    fn reload(&mut self) {
        let t = Instant::now();
        self.send("Page.reload", json!({}));
        // The old document may still answer for a moment.
        std::thread::sleep(Duration::from_millis(200));
        self.wait_ready(t);
    }

    fn wait_ready(&mut self, t: Instant) -> Duration {
        loop {
            let v = self.eval("document.readyState === 'complete' && document.body && document.body.getAttribute('data-ready')");
            if v == json!("1") {
                return t.elapsed();
            }
            assert!(
                t.elapsed() < Duration::from_secs(60),
                "the page did not get ready"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Presses a key as a person does (keydown, keyup): `m`, `M`, `ctrl+z`, `ArrowDown`, `Enter`.
    fn key(&mut self, spec: &str) {
        let (mods, key) = match spec.strip_prefix("ctrl+") {
            Some(k) => (2, k),
            None => (0, spec),
        };
        let (code, vk, text) = match key {
            "ArrowDown" => ("ArrowDown".to_string(), 40, ""),
            "ArrowUp" => ("ArrowUp".to_string(), 38, ""),
            "Enter" => ("Enter".to_string(), 13, "\r"),
            "Tab" => ("Tab".to_string(), 9, ""),
            k if k.len() == 1 && k.chars().all(|c| c.is_ascii_alphabetic()) => {
                let up = k.to_ascii_uppercase();
                (format!("Key{up}"), i64::from(up.as_bytes()[0]), k)
            }
            "[" => ("BracketLeft".into(), 219, "["),
            "]" => ("BracketRight".into(), 221, "]"),
            "{" => ("BracketLeft".into(), 219, "{"),
            "}" => ("BracketRight".into(), 221, "}"),
            k => panic!("no key {k}"),
        };
        let shift = if key.len() == 1
            && (key.chars().all(|c| c.is_ascii_uppercase()) || "{}".contains(key))
        {
            8
        } else {
            0
        };
        let text = if mods == 2 { "" } else { text };
        let mut down = json!({"type": if text.is_empty() {"rawKeyDown"} else {"keyDown"}, "key": key, "code": code,
            "windowsVirtualKeyCode": vk, "modifiers": mods | shift});
        if !text.is_empty() {
            down["text"] = json!(text);
        }
        self.send("Input.dispatchKeyEvent", down);
        self.send(
            "Input.dispatchKeyEvent",
            json!({"type": "keyUp", "key": key, "code": code, "windowsVirtualKeyCode": vk, "modifiers": mods | shift}),
        );
    }

    /// Clicks the centre of the first element `selector` matches, with the mouse.
    fn click(&mut self, selector: &str) {
        // Scrolling re-renders the rows on screen (only those are in the
        // page) on the next frames: the target is found again after two
        // frames, so the click lands on the element as drawn.
        let s = serde_json::to_string(selector).unwrap();
        self.eval(&format!(
            "(function(){{var e=document.querySelector({s});if(e)e.scrollIntoView({{block:'nearest'}});return new Promise(function(ok){{requestAnimationFrame(function(){{requestAnimationFrame(function(){{ok(true);}});}});}});}})()"
        ));
        let r = self.eval(&format!(
            "(function(){{var e=document.querySelector({s});if(!e)return null;var r=e.getClientRects()[0];return [r.left+Math.min(r.width/2,20),r.top+r.height/2];}})()"
        ));
        let xy = r
            .as_array()
            .unwrap_or_else(|| panic!("nothing matches {selector}"));
        let (x, y) = (xy[0].as_f64().unwrap(), xy[1].as_f64().unwrap());
        for kind in ["mousePressed", "mouseReleased"] {
            self.send(
                "Input.dispatchMouseEvent",
                json!({"type": kind, "x": x, "y": y, "button": "left", "clickCount": 1}),
            );
        }
    }

    fn screenshot(&mut self) -> Vec<u8> {
        let r = self.call("Page.captureScreenshot", json!({"format": "png"}));
        base64(r["data"].as_str().expect("screenshot data"))
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn base64(s: &str) -> Vec<u8> {
    let val = |c: u8| match c {
        b'A'..=b'Z' => c - b'A',
        b'a'..=b'z' => c - b'a' + 26,
        b'0'..=b'9' => c - b'0' + 52,
        b'+' => 62,
        b'/' => 63,
        _ => panic!("not base64: {c}"),
    };
    let bytes: Vec<u8> = s
        .bytes()
        .filter(|c| *c != b'=' && !c.is_ascii_whitespace())
        .collect();
    let mut out = Vec::with_capacity(bytes.len() * 3 / 4);
    for chunk in bytes.chunks(4) {
        let v: Vec<u32> = chunk.iter().map(|c| u32::from(val(*c))).collect();
        let n = v
            .iter()
            .enumerate()
            .fold(0, |acc, (i, x)| acc | (x << (18 - 6 * i)));
        out.push((n >> 16) as u8);
        if v.len() > 2 {
            out.push((n >> 8) as u8);
        }
        if v.len() > 3 {
            out.push(n as u8);
        }
    }
    out
}

// --- helpers ----------------------------------------------------------------

fn sixalign(args: &[&str]) -> Vec<u8> {
    let r = Command::new(env!("CARGO_BIN_EXE_sixalign"))
        .args(args)
        .output()
        .expect("run sixalign");
    assert!(
        r.status.success(),
        "sixalign {}: {}",
        args.join(" "),
        String::from_utf8_lossy(&r.stderr)
    );
    r.stdout
}

fn read(p: &Path) -> String {
    std::fs::read_to_string(p).unwrap_or_else(|e| panic!("cannot read {}: {e}", p.display()))
}

fn s(p: &Path) -> &str {
    p.to_str().expect("utf-8 path")
}

fn xmllint(tmx: &Path) {
    let r = Command::new("xmllint")
        .args(["--noout", "--dtdvalid", DTD])
        .arg(tmx)
        .output()
        .expect("xmllint is needed (Debian's libxml2-utils; bash .ci/test installs it)");
    assert!(
        r.status.success(),
        "{} is not valid TMX 1.4b: {}",
        tmx.display(),
        String::from_utf8_lossy(&r.stderr)
    );
}

/// The UDHR in Chinese, English (one sentence replaced by markup) and Arabic.
fn udhr_inputs(dir: &Path) -> [PathBuf; 3] {
    let zh = dir.join("udhr.zh.txt");
    let en = dir.join("udhr.en.txt");
    let ar = dir.join("udhr.ar.txt");
    std::fs::copy(Path::new(UDHR).join("zh.txt"), &zh).unwrap();
    std::fs::copy(Path::new(UDHR).join("ar.txt"), &ar).unwrap();
    let text = read(&Path::new(UDHR).join("en.txt"));
    let from = "No one shall be held in slavery or servitude;";
    assert!(text.contains(from));
    std::fs::write(
        &en,
        text.replace(
            from,
            &format!("No one shall be held in {MARKUP} slavery or servitude;"),
        ),
    )
    .unwrap();
    [zh, en, ar]
}

/// Waits for a download to land in `dir` and returns its path.
fn downloaded(dir: &Path, name: &str) -> PathBuf {
    let p = dir.join(name);
    let t = Instant::now();
    while !p.exists() || std::fs::metadata(&p).map(|m| m.len()).unwrap_or(0) == 0 {
        assert!(
            t.elapsed() < Duration::from_secs(20),
            "{name} was not downloaded"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    std::thread::sleep(Duration::from_millis(100));
    p
}

// --- the page in a browser ------------------------------------------------------

#[test]
fn review_page_edits_and_exports_in_chromium() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let [zh, en, ar] = udhr_inputs(d);
    let page_path = d.join("review.html");
    sixalign(&["review", s(&zh), s(&en), s(&ar), "-o", s(&page_path), "-q"]);
    let html = read(&page_path);
    // One self-contained page: nothing fetched, the markup in the text escaped.
    assert!(
        !html.contains("http://") && !html.contains("https://"),
        "no network"
    );
    assert!(
        !html.contains("<script src") && !html.contains("<link"),
        "self-contained"
    );
    assert_eq!(
        html.matches("</script>").count(),
        2,
        "only the page's own two scripts end"
    );
    assert!(
        !html.contains("<img"),
        "markup reaches the page only escaped"
    );
    let align = |fmt: &str| -> String {
        let out = d.join(format!("align.{fmt}"));
        sixalign(&[
            "align",
            s(&zh),
            s(&en),
            s(&ar),
            "-f",
            fmt,
            "-o",
            s(&out),
            "-q",
        ]);
        read(&out)
    };
    let (a_jsonl, a_tmx, a_tsv) = (align("jsonl"), align("tmx"), align("tsv"));

    let downloads = d.join("downloads");
    std::fs::create_dir(&downloads).unwrap();
    let mut b = Browser::launch(1200, 760);
    b.call(
        "Browser.setDownloadBehavior",
        json!({"behavior": "allow", "downloadPath": s(&downloads)}),
    );
    b.open(&format!("file://{}", page_path.display()));

    // Markup in the text is shown as text, never run or parsed.
    assert!(!b.eval_str("document.title").contains("pwned"));
    let parsed = "document.querySelectorAll('img').length + [].filter.call(document.querySelectorAll('b'), function (e) { return e.textContent === 'bold'; }).length";
    assert_eq!(b.eval(parsed), json!(0));
    let markup_bead = b.eval(&format!(
        "(function(){{var d=JSON.parse(document.getElementById('review-data').textContent);var k=d.pairs[0].other.sentences.findIndex(function(t){{return t.indexOf({m})>=0;}});var bs=sixalignReview.beads(0);for(var i=0;i<bs.length;i++)if(bs[i][2]<=k&&k<bs[i][3])return i;return -1;}})()",
        m = serde_json::to_string(MARKUP).unwrap()
    ));
    b.eval(&format!("sixalignReview.select({markup_bead})"));
    let shown = b.eval_str("document.querySelector('.bead.sel').textContent");
    assert!(
        shown.contains(MARKUP),
        "the markup is shown as text: {shown}"
    );
    assert_eq!(b.eval(parsed), json!(0), "and not parsed");
    assert!(!b.eval_str("document.title").contains("pwned"));

    // Unedited, the page exports exactly what `sixalign align` writes.
    assert_eq!(
        b.eval_str("sixalignReview.exportText('jsonl')"),
        a_jsonl,
        "JSONL"
    );
    assert_eq!(b.eval_str("sixalignReview.exportText('tmx')"), a_tmx, "TMX");
    assert_eq!(b.eval_str("sixalignReview.exportText('tsv')"), a_tsv, "TSV");
    // Also through the button and the browser's download.
    b.click("#x-tmx");
    let tmx_file = downloaded(&downloads, "udhr.tmx");
    assert_eq!(read(&tmx_file), a_tmx, "the downloaded TMX");
    xmllint(&tmx_file);

    // Arabic is right to left, in the browser's own computation.
    b.eval("sixalignReview.setPair(1)");
    assert_eq!(
        b.eval_str("getComputedStyle(document.querySelector('.bead .side[lang=ar]')).direction"),
        "rtl"
    );
    assert_eq!(
        b.eval_str("getComputedStyle(document.querySelector('.bead .side[lang=zh]')).direction"),
        "ltr"
    );
    b.eval("sixalignReview.setPair(0)");

    let beads = |b: &mut Browser| -> Vec<Value> {
        b.eval("sixalignReview.beads(0)")
            .as_array()
            .unwrap()
            .clone()
    };
    let range = |v: &Value| -> [u64; 4] { [0, 1, 2, 3].map(|k| v[k].as_u64().unwrap()) };
    let initial = beads(&mut b);
    let n = initial.len();
    let ok = |b: &mut Browser| {
        for pi in 0..2 {
            assert_eq!(b.eval(&format!("sixalignReview.check({pi})")), json!(""));
        }
    };

    // Merge: click bead 5 and press m.
    b.eval("sixalignReview.select(5)");
    b.click(".bead.sel .meta");
    assert_eq!(b.eval("sixalignReview.state().bead"), json!(5));
    b.key("m");
    let merged = beads(&mut b);
    assert_eq!(merged.len(), n - 1, "m merges with the next bead");
    let (r5, r6) = (range(&initial[5]), range(&initial[6]));
    assert_eq!(range(&merged[5]), [r5[0], r6[1], r5[2], r6[3]]);
    assert_eq!(merged[5][7], json!(2), "marked as edited");
    ok(&mut b);
    // Undo and redo.
    b.key("ctrl+z");
    assert_eq!(beads(&mut b), initial, "undo puts the beads back");
    b.key("ctrl+y");
    assert_eq!(beads(&mut b), merged, "redo merges again");
    // Split the merged bead: back to two.
    b.key("s");
    let split = beads(&mut b);
    assert_eq!(split.len(), n);
    assert_eq!(split[5][0], initial[5][0]);
    ok(&mut b);
    // Merge with the previous (M).
    b.eval("sixalignReview.select(9)");
    b.key("M");
    assert_eq!(beads(&mut b).len(), n - 1);
    let before_detach = beads(&mut b);
    // 1-0: pick the last hub sentence of bead 12 with the mouse, press x.
    b.eval("sixalignReview.select(12)");
    let r12 = range(&before_detach[12]);
    b.click(&format!(
        ".bead.sel .sent[data-side=src][data-k='{}']",
        r12[1] - 1
    ));
    assert_eq!(b.eval("sixalignReview.state().sentence"), json!(r12[1] - 1));
    b.key("x");
    let detached = beads(&mut b);
    assert_eq!(
        detached.len(),
        before_detach.len() + 1,
        "x makes a bead of its own"
    );
    // One hub sentence beside its translation: a 1-0 bead, then a 0-1.
    assert_eq!(r12[1] - r12[0], 1, "bead 12 is {r12:?}");
    assert_eq!(
        range(&detached[12]),
        [r12[0], r12[1], r12[2], r12[2]],
        "a 1-0 bead"
    );
    assert_eq!(
        range(&detached[13]),
        [r12[1], r12[1], r12[2], r12[3]],
        "a 0-1 bead"
    );
    assert_eq!(detached[12][4], json!(0), "score 0 for 1-0");
    ok(&mut b);
    // Move a boundary: the last hub sentence of bead 20 to bead 21, then back.
    b.eval("sixalignReview.select(20)");
    let before_shift = beads(&mut b);
    b.key("]");
    let shifted = beads(&mut b);
    assert_eq!(
        shifted[20][1].as_u64(),
        before_shift[20][1].as_u64().map(|x| x - 1)
    );
    assert_eq!(shifted[21][0], shifted[20][1]);
    b.eval("sixalignReview.select(21)");
    b.key("[");
    assert_eq!(
        beads(&mut b),
        before_shift,
        "back where it was, with its original score"
    );
    b.key("}");
    ok(&mut b);
    b.key("ctrl+z");
    // Confirm bead 0 (c) and bead 1 (Enter confirms and moves on).
    b.eval("sixalignReview.select(0)");
    b.key("c");
    b.key("Enter");
    let confirmed = beads(&mut b);
    assert_eq!(confirmed[0][7], json!(1));
    assert_eq!(
        confirmed[1][7],
        json!(0),
        "Enter confirms the current bead: 0 was"
    );
    b.key("Enter");
    assert_eq!(beads(&mut b)[1][7], json!(1));
    // The filters: unconfirmed hides the confirmed ones.
    b.click("#f-unconf");
    let shown = b.eval("sixalignReview.state().shown").as_u64().unwrap() as usize;
    assert_eq!(shown, beads(&mut b).len() - 2);
    b.click("#f-unconf");
    // Keyboard navigation: next bead with a finding.
    b.eval("sixalignReview.select(0)");
    b.key("f");
    let at = b.eval("sixalignReview.state().bead").as_u64().unwrap();
    assert!(at > 0, "f goes to a bead with a finding");
    assert!(
        b.eval("document.querySelectorAll('.bead.sel .finds').length")
            .as_u64()
            .unwrap()
            == 1,
        "findings shown inline"
    );

    // The work survives a reload.
    let edited = beads(&mut b);
    assert!(b.eval("sixalignReview.flush()").as_bool().unwrap());
    b.reload();
    assert_eq!(beads(&mut b), edited, "the edits are kept in the browser");
    assert!(!b.eval_str("sixalignReview.state().restored").is_empty());

    // Export the edited alignment, and the work file; `review --apply` gives the same bytes.
    b.click("#x-save");
    let work = downloaded(&downloads, "udhr.review.json");
    for fmt in ["jsonl", "tmx", "tsv"] {
        let page = b.eval_str(&format!("sixalignReview.exportText('{fmt}')"));
        let out = d.join(format!("applied.{fmt}"));
        sixalign(&[
            "review",
            "--apply",
            s(&work),
            "-f",
            fmt,
            "-o",
            s(&out),
            "-q",
        ]);
        assert_eq!(page, read(&out), "the page's {fmt} and review --apply's");
        assert_ne!(page, align(fmt), "{fmt}: the edits are in it");
        if fmt == "tmx" {
            xmllint(&out);
        }
    }
    b.click("#x-beads");
    let beads_file = downloaded(&downloads, "udhr.zh-en.beads");
    let out = d.join("applied.beads");
    sixalign(&[
        "review",
        "--apply",
        s(&work),
        "--pair",
        "en",
        "-f",
        "beads",
        "-o",
        s(&out),
        "-q",
    ]);
    assert_eq!(read(&beads_file), read(&out), "the bead list");
    // The corrected alignment serves as gold for `sixalign eval`.
    let report = sixalign(&["eval", s(&beads_file), s(&out), "--json"]);
    assert!(String::from_utf8_lossy(&report).contains("\"f1\""));

    // A screenshot for the README (`SIXALIGN_REVIEW_SCREENSHOT=docs/review.png`).
    b.eval("sixalignReview.setPair(0)");
    b.eval("sixalignReview.select(22)");
    b.eval("sixalignReview.select(15, 'tgt', 17)");
    let png = b.screenshot();
    assert!(
        png.starts_with(b"\x89PNG\r\n\x1a\n") && png.len() > 10_000,
        "{} bytes",
        png.len()
    );
    if let Some(dest) = std::env::var_os("SIXALIGN_REVIEW_SCREENSHOT") {
        std::fs::write(Path::new(crate::ROOT).join(dest), &png).unwrap();
    }
}

/// A document of `n` numbered paragraphs in Chinese and English.
fn big_docs(n: usize) -> (sixalign::Document, sixalign::Document) {
    let mut zh = String::new();
    let mut en = String::new();
    for i in 1..=n {
        let k = i % 7;
        zh.push_str(&format!(
            "{i}. 大会请秘书长在第{k}次会议上报告第{i}号决议的执行情况。"
        ));
        en.push_str(&format!("{i}. The Assembly requests the Secretary-General to report at its {k}th meeting on the implementation of resolution {i}."));
        if k == 3 {
            zh.push_str("又决定继续审议该问题。");
            en.push_str(" Also decides to remain seized of the matter.");
        }
        zh.push_str("\n\n");
        en.push_str("\n\n");
    }
    let doc = |name: &str, text: &str, lang| {
        let t = Text::from_bytes(name, text.as_bytes()).unwrap();
        parse(
            &t,
            &ParseOptions {
                lang: Some(lang),
                symbol: Some("A/RES/99/1".into()),
            },
        )
        .unwrap()
    };
    (
        doc("big.zh.txt", &zh, Lang::Zh),
        doc("big.en.txt", &en, Lang::En),
    )
}

fn big_page(n: usize) -> Vec<u8> {
    let (zh, en) = big_docs(n);
    let pairs = Aligner::new()
        .single_pass()
        .align_all(&zh, std::slice::from_ref(&en));
    let findings = vec![sixalign::qa::check_pair(&zh, &en, &pairs[0])];
    let review = Review::new(&zh, &[&en], &pairs, &findings);
    let mut html = Vec::new();
    page::write_page(&review, &mut html).unwrap();
    html
}

#[test]
fn review_large_page_opens_fast_and_edits_fast() {
    let t = Instant::now();
    let html = big_page(10_000);
    let made = t.elapsed();
    let small = big_page(1_000);
    let ratio = html.len() as f64 / small.len() as f64;
    assert!(
        (8.0..12.0).contains(&ratio),
        "the page grows linearly: 1,000 beads {} bytes, 10,000 {}",
        small.len(),
        html.len()
    );
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.html");
    std::fs::write(&path, &html).unwrap();

    let mut b = Browser::launch(1280, 900);
    let open = b.open(&format!("file://{}", path.display()));
    let ready_ms = b.eval("sixalignReview.readyMs").as_f64().unwrap();
    let st = b.eval("sixalignReview.state()");
    let n = b.eval("sixalignReview.beads(0).length").as_u64().unwrap();
    assert!(n >= 10_000, "{n} beads");
    let rendered = st["rendered"].as_u64().unwrap();
    assert!(
        rendered < 100,
        "only what is on screen is rendered: {rendered} rows"
    );

    // Edits by key, deep in the document: the page's own time for each
    // (model, filters, layout of the rows on screen), and for one the time
    // until the next frame is painted.
    let mut edits = Vec::new();
    for at in [5000, 5000, 7000, 100, 11000] {
        b.eval(&format!("sixalignReview.select({at})"));
        b.key("m");
        edits.push(
            b.eval("sixalignReview.state().lastEditMs")
                .as_f64()
                .unwrap(),
        );
    }
    assert_eq!(
        b.eval("sixalignReview.beads(0).length").as_u64().unwrap(),
        n - 5
    );
    let frame_ms = b
        .eval("new Promise(function(done){var t=performance.now();sixalignReview.edit('split',5000);requestAnimationFrame(function(){setTimeout(function(){done(performance.now()-t);},0);});})")
        .as_f64()
        .unwrap();
    assert_eq!(b.eval("sixalignReview.check(0)"), json!(""));
    let undo_ms = b
        .eval("(function(){var t=performance.now();sixalignReview.undo();return performance.now()-t;})()")
        .as_f64()
        .unwrap();
    let first = edits[0];
    let max = edits.iter().copied().fold(0.0, f64::max);
    edits.sort_by(f64::total_cmp);
    let median = edits[edits.len() / 2];
    eprintln!(
        "review timings: {n} beads, page {:.1} MB (built in {:.2} s); opened in {:.2} s (page ready {:.0} ms after navigation); \
         merge by key: first {first:.1} ms, median {median:.1} ms, slowest {max:.1} ms (of 5); split to next frame {frame_ms:.1} ms, undo {undo_ms:.1} ms; {rendered} rows in the DOM",
        html.len() as f64 / 1e6,
        made.as_secs_f64(),
        open.as_secs_f64(),
        ready_ms
    );
    // Generous bounds (a busy CI machine): the issue asks a few seconds and 100 ms.
    assert!(open < Duration::from_secs(15), "opened in {open:?}");
    assert!(max < 1000.0, "an edit took {max} ms");
}

// --- without a browser -------------------------------------------------------------

#[test]
fn review_from_jsonl_and_apply_give_align_bytes() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let [zh, en, _] = udhr_inputs(d);
    let a = d.join("a.jsonl");
    sixalign(&["align", s(&zh), s(&en), "-o", s(&a), "-q", "--no-learn"]);
    // A page from that alignment, its data taken out as a work file and applied.
    let page_path = d.join("p.html");
    sixalign(&[
        "review",
        s(&zh),
        s(&en),
        "--from",
        s(&a),
        "-o",
        s(&page_path),
        "-q",
    ]);
    let html = read(&page_path);
    let start = html.find("id=\"review-data\">").unwrap() + "id=\"review-data\">".len();
    let end = start + html[start..].find("</script>").unwrap();
    let work = d.join("w.json");
    std::fs::write(&work, &html[start..end]).unwrap();
    let review = Review::read(&work).unwrap();
    assert!(
        review.pairs[0]
            .other
            .sentences
            .iter()
            .any(|t| t.contains(MARKUP))
    );
    let out = sixalign(&["review", "--apply", s(&work)]);
    assert_eq!(String::from_utf8(out).unwrap(), read(&a));
    let six = sixalign(&["review", "--apply", s(&work), "--six-way", "-f", "tsv"]);
    let six_align = sixalign(&[
        "align",
        s(&zh),
        s(&en),
        "--six-way",
        "-f",
        "tsv",
        "-q",
        "--no-learn",
    ]);
    assert_eq!(six, six_align);

    // A work file whose beads leave a sentence out is refused, with its name.
    let mut v: Value = serde_json::from_str(&html[start..end]).unwrap();
    v["pairs"][0]["beads"].as_array_mut().unwrap().remove(3);
    let bad = d.join("bad.json");
    std::fs::write(&bad, v.to_string()).unwrap();
    let r = Command::new(env!("CARGO_BIN_EXE_sixalign"))
        .args(["review", "--apply", s(&bad)])
        .output()
        .unwrap();
    assert_eq!(r.status.code(), Some(2));
    let err = String::from_utf8_lossy(&r.stderr);
    assert!(err.contains("bad.json") && err.contains("bead 3"), "{err}");

    // A JSONL of other versions is refused.
    let other = d.join("other.jsonl");
    std::fs::write(&other, read(&a).replacen("\"src\":\"", "\"src\":\"x", 1)).unwrap();
    let r = Command::new(env!("CARGO_BIN_EXE_sixalign"))
        .args([
            "review",
            s(&zh),
            s(&en),
            "--from",
            s(&other),
            "-o",
            s(&d.join("x.html")),
        ])
        .output()
        .unwrap();
    assert_eq!(r.status.code(), Some(2));
    let err = String::from_utf8_lossy(&r.stderr);
    assert!(err.contains("other.jsonl:1:"), "{err}");
}
