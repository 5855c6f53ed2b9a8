//! The review page: one self-contained HTML file (inline style and script,
//! nothing fetched, opens from a file with no server).
//!
//! The [`Review`] goes in as JSON inside `<script type="application/json">`,
//! with `<`, `>`, `&`, U+2028 and U+2029 written as `\u` escapes: text that
//! holds `</script>` or `<img onerror=…>` cannot end the element or become
//! markup, and the script shows every text through `textContent`-safe
//! escaping. The script (`review.js`) and the style (`review.css`) are
//! files of their own, included as they are.

use std::io::{self, Write};

use super::Review;
use crate::qa::html::escape;

/// The page's script.
pub const SCRIPT: &str = include_str!("review.js");
/// The page's style.
pub const STYLE: &str = include_str!("review.css");

const BODY: &str = r#"<header>
<h1>Review <span id="title"></span></h1><span class="stats" id="stats"></span>
<div class="bar">
<span class="group"><label>pair <select id="pair" title="the language pair shown"></select></label></span>
<span class="group"><strong>show</strong>
<label title="score below the threshold, or nothing on one side"><input type="checkbox" id="f-low"> score &lt;</label><input type="number" id="f-thr" min="0" max="1" step="0.05" value="0.5">
<label><input type="checkbox" id="f-find"> findings</label>
<label><input type="checkbox" id="f-unconf"> unconfirmed</label>
<select id="f-region" title="one region"><option value="">all regions</option></select></span>
<span class="group"><strong>go</strong>
<button data-act="next-low" title="next low-score bead (n; N back)">low ↓</button>
<button data-act="next-find" title="next bead with a finding (f; F back)">finding ↓</button>
<button data-act="next-unconf" title="next unconfirmed bead (u)">unconfirmed ↓</button></span>
<span class="group"><strong>edit</strong>
<button data-act="merge-prev" id="b-merge-prev" title="merge with the previous bead (M)">merge ↑</button>
<button data-act="merge-next" id="b-merge-next" title="merge with the next bead (m)">merge ↓</button>
<button data-act="split" id="b-split" title="split before the picked sentence (s); click a sentence to pick it">split</button>
<button data-act="detach" id="b-detach" title="the picked (else the last hub) sentence has no counterpart: 1-0 / 0-1 (x)">1-0 / 0-1</button>
<button data-act="src-up" title="first hub sentence to the previous bead ([)"><span data-hubcode></span> ⤒</button>
<button data-act="src-down" title="last hub sentence to the next bead (])"><span data-hubcode></span> ⤓</button>
<button data-act="tgt-up" title="first sentence of the other version to the previous bead ({)"><span data-other></span> ⤒</button>
<button data-act="tgt-down" title="last sentence of the other version to the next bead (})"><span data-other></span> ⤓</button>
<button data-act="confirm" id="b-confirm" title="confirm / unconfirm (c); Enter confirms and goes to the next unconfirmed">confirm</button>
<button data-act="undo" id="undo" title="undo (Ctrl+Z)">undo</button>
<button data-act="redo" id="redo" title="redo (Ctrl+Y, Ctrl+Shift+Z)">redo</button>
<button data-act="revert" title="put back the aligner's beads for this pair">revert</button></span>
<span class="group"><strong>export</strong>
<button data-act="export-tmx" id="x-tmx" title="TMX 1.4b, as sixalign align -f tmx writes it">TMX</button>
<button data-act="export-jsonl" id="x-jsonl" title="JSON Lines, as sixalign align writes it">JSONL</button>
<button data-act="export-tsv" id="x-tsv" title="TSV, as sixalign align -f tsv writes it">TSV</button>
<button data-act="export-beads" id="x-beads" title="the bead list of this pair ([0]:[0, 1]), for sixalign eval">beads</button></span>
<span class="group"><strong>work</strong>
<button data-act="save" id="x-save" title="save the work as a file (Ctrl+S): sixalign review --apply FILE writes the corrected alignment">save</button>
<button data-act="open" title="open a saved work file">open</button><input type="file" id="open-file" accept=".json,application/json" hidden>
<button data-act="help" title="the keys (?)">?</button></span>
</div>
</header>
<div id="status"></div>
<div id="colhead"><div>bead · region · score</div><div id="h-src"></div><div id="h-tgt"></div></div>
<div id="list" tabindex="0"><div id="spacer"></div><div id="empty" hidden>No bead matches the filters.</div></div>
<div id="help" hidden><strong>Keys</strong><table>
<tr><td><kbd>↓</kbd> <kbd>j</kbd> / <kbd>↑</kbd> <kbd>k</kbd></td><td>next / previous bead</td></tr>
<tr><td><kbd>n</kbd> / <kbd>N</kbd></td><td>next / previous low-score bead</td></tr>
<tr><td><kbd>f</kbd> / <kbd>F</kbd></td><td>next / previous bead with a finding</td></tr>
<tr><td><kbd>u</kbd></td><td>next unconfirmed bead</td></tr>
<tr><td><kbd>Tab</kbd> / click</td><td>pick a sentence of the bead</td></tr>
<tr><td><kbd>m</kbd> / <kbd>M</kbd></td><td>merge with the next / previous bead</td></tr>
<tr><td><kbd>s</kbd></td><td>split before the picked sentence</td></tr>
<tr><td><kbd>x</kbd></td><td>picked sentence has no counterpart (1-0 / 0-1)</td></tr>
<tr><td><kbd>[</kbd> <kbd>]</kbd></td><td>hub: first sentence to the previous bead / last to the next</td></tr>
<tr><td><kbd>{</kbd> <kbd>}</kbd></td><td>other version: the same</td></tr>
<tr><td><kbd>c</kbd> / <kbd>Enter</kbd></td><td>confirm / confirm and go to the next unconfirmed</td></tr>
<tr><td><kbd>Ctrl+Z</kbd> / <kbd>Ctrl+Y</kbd></td><td>undo / redo</td></tr>
<tr><td><kbd>Ctrl+S</kbd></td><td>save the work as a file</td></tr>
</table><p>Your work is kept in this browser as you go; save it as a file to apply it:<br><code>sixalign review --apply FILE -o out.tmx -f tmx</code></p></div>
"#;

/// Writes the review page of `review`.
pub fn write_page(review: &Review, out: &mut impl Write) -> io::Result<()> {
    let langs: Vec<&str> = std::iter::once(review.hub.lang.code())
        .chain(review.pairs.iter().map(|p| p.other.lang.code()))
        .collect();
    let title = format!("Review {} ({})", review.doc, langs.join(", "));
    write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>{}</title>\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<style>\n{STYLE}</style></head>\n<body>\n",
        escape(&title)
    )?;
    out.write_all(
        BODY.replace(
            "<span id=\"title\"></span>",
            &format!(
                "<span id=\"title\">{}</span>",
                escape(&format!("{} ({})", review.doc, langs.join(", ")))
            ),
        )
        .as_bytes(),
    )?;
    out.write_all(b"<script type=\"application/json\" id=\"review-data\">")?;
    write_script_json(out, &review.to_json())?;
    out.write_all(b"</script>\n<script>\n")?;
    out.write_all(SCRIPT.as_bytes())?;
    out.write_all(b"</script>\n</body></html>\n")
}

/// Writes JSON so that it cannot end a `<script>` element or open markup:
/// `<`, `>`, `&` and the two JavaScript line terminators as `\u` escapes,
/// which JSON reads back as the same characters (they can only occur
/// inside strings).
pub fn write_script_json(out: &mut impl Write, json: &str) -> io::Result<()> {
    let mut start = 0;
    for (i, c) in json.char_indices() {
        let rep = match c {
            '<' => "\\u003c",
            '>' => "\\u003e",
            '&' => "\\u0026",
            '\u{2028}' => "\\u2028",
            '\u{2029}' => "\\u2029",
            _ => continue,
        };
        out.write_all(&json.as_bytes()[start..i])?;
        out.write_all(rep.as_bytes())?;
        start = i + c.len_utf8();
    }
    out.write_all(&json.as_bytes()[start..])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_json_cannot_close_the_element() {
        let mut out = Vec::new();
        write_script_json(
            &mut out,
            r#"["</script><img src=x onerror=alert(1)>&amp;"]"#,
        )
        .unwrap();
        let s = String::from_utf8(out).unwrap();
        assert!(!s.contains('<') && !s.contains('>') && !s.contains('&'));
        let back: Vec<String> = serde_json::from_str(&s).unwrap();
        assert_eq!(back[0], "</script><img src=x onerror=alert(1)>&amp;");
    }

    #[test]
    fn assets_do_not_end_their_element() {
        assert!(!SCRIPT.to_ascii_lowercase().contains("</script"));
        assert!(!STYLE.to_ascii_lowercase().contains("</style"));
        assert!(!SCRIPT.contains("http://") && !SCRIPT.contains("https://"));
    }
}
