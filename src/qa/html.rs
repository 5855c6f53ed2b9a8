//! The side-by-side HTML report: one self-contained file (inline CSS and a
//! few lines of inline script, nothing fetched), the hub and every other
//! version in columns, one row per group of aligned sentences, findings
//! highlighted in their cells and listed with links to their rows, Arabic
//! right to left, and a filter by finding kind.

use std::collections::BTreeSet;
use std::io::{self, Write};

use crate::document::Document;
use crate::engine::{MultiRow, PairAlignment, Sentence, multiway};
use crate::lang::Lang;

use super::{FindingKind, PairFinding, PairReport, Severity, SeverityCounts, Side};

/// Escapes text for HTML element content and attribute values.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + s.len() / 8);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

const STYLE: &str = r#"
body{font-family:system-ui,"Noto Sans","Noto Sans CJK SC","Noto Naskh Arabic",sans-serif;margin:0;color:#1d2330;background:#f6f7f9}
header{padding:12px 20px;background:#1d3a5f;color:#fff}
header h1{font-size:18px;margin:0 0 4px}
header .counts span{margin-right:14px}
main{display:flex;gap:0;align-items:flex-start}
#findings{width:340px;flex:none;max-height:calc(100vh - 70px);overflow:auto;position:sticky;top:0;padding:10px 14px;box-sizing:border-box;background:#fff;border-right:1px solid #d5d9e0;font-size:13px}
#findings h2{font-size:14px;margin:10px 0 4px}
#findings ul{list-style:none;padding:0;margin:0}
#findings li{padding:3px 0;border-bottom:1px solid #eef0f3}
#findings li.hidden{display:none}
#filter label{display:inline-block;margin:2px 8px 2px 0;font-size:12px}
.sev{display:inline-block;border-radius:3px;padding:0 4px;font-size:11px;color:#fff}
.sev-error{background:#c0392b}.sev-warning{background:#d68910}.sev-info{background:#2e86c1}
#table{flex:1;overflow:auto;padding:10px}
table{border-collapse:collapse;width:100%;background:#fff;font-size:14px}
th,td{border:1px solid #d5d9e0;padding:5px 7px;vertical-align:top;text-align:start}
th{background:#e8ecf2;position:sticky;top:0}
td.lab{white-space:nowrap;color:#5a6475;font-size:12px}
td.empty{background:#fafafa}
td.hl-error{background:#fde2df;box-shadow:inset 3px 0 0 #c0392b}
td.hl-warning{background:#fdf0d5;box-shadow:inset 3px 0 0 #d68910}
td.hl-info{background:#e3f0fa;box-shadow:inset 3px 0 0 #2e86c1}
tr:target td{outline:2px solid #1d3a5f}
tr.clean.only-findings{display:none}
td[dir=rtl]{font-family:"Noto Naskh Arabic","Noto Sans Arabic",serif;font-size:15px}
.sent{display:inline}
.sent+.sent:before{content:" "}
"#;

const SCRIPT: &str = r#"
(function(){
  var boxes=document.querySelectorAll('#filter input[data-kind]');
  function apply(){
    var on={};
    boxes.forEach(function(b){on[b.dataset.kind]=b.checked;});
    document.querySelectorAll('#findings li[data-kind]').forEach(function(li){
      li.classList.toggle('hidden',!on[li.dataset.kind]);
    });
    document.querySelectorAll('td[data-kinds]').forEach(function(td){
      var best='';
      td.dataset.kinds.split(' ').forEach(function(ks){
        var p=ks.split(':');
        if(on[p[0]]){if(p[1]==='error'||(p[1]==='warning'&&best!=='error')||best===''){best=p[1];}}
      });
      td.classList.remove('hl-error','hl-warning','hl-info');
      if(best){td.classList.add('hl-'+best);}
    });
    var only=document.getElementById('only-findings').checked;
    document.querySelectorAll('tr.row').forEach(function(tr){
      var any=tr.querySelector('td.hl-error,td.hl-warning,td.hl-info');
      tr.classList.toggle('clean',!any);
      tr.classList.toggle('only-findings',only);
    });
  }
  boxes.forEach(function(b){b.addEventListener('change',apply);});
  document.getElementById('only-findings').addEventListener('change',apply);
  // `report.html#only-findings` opens with the clean rows hidden.
  if(location.hash==='#only-findings'){document.getElementById('only-findings').checked=true;}
  apply();
  document.querySelectorAll('td[dir]').forEach(function(td){
    td.setAttribute('data-computed-dir',getComputedStyle(td).direction);
  });
  document.body.setAttribute('data-ready','1');
})();
"#;

/// Which row each finding links to, and which cells it marks.
struct Placed<'a> {
    finding: &'a PairFinding,
    pair: usize,
    row: usize,
}

fn row_of_hub(rows: &[MultiRow], pos: usize) -> usize {
    rows.iter()
        .position(|r| r.hub.contains(&pos) || (r.hub.is_empty() && r.hub.start == pos))
        .or_else(|| rows.iter().position(|r| r.hub.start >= pos))
        .unwrap_or(rows.len().saturating_sub(1))
}

fn row_of_tgt(rows: &[MultiRow], pair: usize, pos: usize) -> Option<usize> {
    rows.iter().position(|r| {
        r.cells
            .get(pair)
            .is_some_and(|(c, _)| c.contains(&pos) || (c.is_empty() && c.start == pos))
    })
}

fn overlaps(a: &std::ops::Range<usize>, b: &std::ops::Range<usize>) -> bool {
    a.start < b.end && b.start < a.end
}

/// The findings marked in one cell: (kind, severity, finding index).
type Marks = BTreeSet<(String, String, usize)>;

/// Writes the report of one hub against its other versions.
pub fn write_html(hub: &Document, reports: &[PairReport], out: &mut impl Write) -> io::Result<()> {
    let pas: Vec<PairAlignment> = reports.iter().map(|r| r.alignment.clone()).collect();
    let rows = multiway(&pas);
    let counts = SeverityCounts::of(reports.iter().flat_map(|r| &r.findings));
    let placed = place(reports, &rows);
    let marks = cell_marks(&placed, &rows, reports.len() + 1);

    let title = format!(
        "QA {} ({})",
        hub.symbol.as_deref().unwrap_or(&hub.name),
        std::iter::once(hub.lang)
            .chain(reports.iter().map(|r| r.alignment.tgt_lang))
            .map(Lang::code)
            .collect::<Vec<_>>()
            .join(", ")
    );
    writeln!(out, "<!DOCTYPE html>")?;
    writeln!(
        out,
        "<html lang=\"en\"><head><meta charset=\"utf-8\"><title>{}</title>",
        escape(&title)
    )?;
    writeln!(
        out,
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><style>{STYLE}</style></head><body>"
    )?;
    writeln!(
        out,
        "<header><h1>{}</h1><div class=\"counts\"><span class=\"sev sev-error\">{} errors</span><span class=\"sev sev-warning\">{} warnings</span><span class=\"sev sev-info\">{} info</span> <span>{} rows</span></div></header>",
        escape(&title),
        counts.error,
        counts.warning,
        counts.info,
        rows.len()
    )?;
    write_findings(&placed, out)?;
    write_table(hub, reports, &pas, &rows, &marks, &placed, out)?;
    writeln!(out, "<script>{SCRIPT}</script></body></html>")?;
    Ok(())
}

/// Every finding with the row it is listed under.
fn place<'a>(reports: &'a [PairReport], rows: &[MultiRow]) -> Vec<Placed<'a>> {
    let mut placed: Vec<Placed<'_>> = Vec::new();
    for (p, r) in reports.iter().enumerate() {
        for f in &r.findings {
            let row = if !f.src.is_empty() && f.side != Side::Tgt {
                row_of_hub(rows, f.src.start)
            } else if !f.tgt.is_empty() {
                row_of_tgt(rows, p, f.tgt.start).unwrap_or_else(|| row_of_hub(rows, f.src.start))
            } else {
                row_of_hub(rows, f.src.start)
            };
            placed.push(Placed {
                finding: f,
                pair: p,
                row,
            });
        }
    }
    placed
}

/// The marks of every cell: `[row][column]`, column 0 the hub.
fn cell_marks(placed: &[Placed<'_>], rows: &[MultiRow], ncol: usize) -> Vec<Vec<Marks>> {
    let mut marks: Vec<Vec<Marks>> = vec![vec![BTreeSet::new(); ncol]; rows.len()];
    for (i, pl) in placed.iter().enumerate() {
        let f = pl.finding;
        // A finding about a whole region (the preamble's paragraph count)
        // would colour every row of it; it is listed, not marked.
        if f.kind == FindingKind::PreambleCount {
            continue;
        }
        let tag = |f: &PairFinding| (f.kind.name().to_string(), f.severity.name().to_string());
        let mut any = false;
        for (k, row) in rows.iter().enumerate() {
            let cell = row.cells.get(pl.pair).map(|c| &c.0);
            let in_hub = overlaps(&row.hub, &f.src);
            let in_tgt = cell.is_some_and(|c| overlaps(c, &f.tgt));
            // Hub text with no counterpart marks its own cell and the empty
            // cell beside it, where the translation should be. (Added target
            // text shares its row with the hub text before it, which is not
            // at fault.)
            if f.side != Side::Tgt && in_hub {
                let (a, b) = tag(f);
                marks[k][0].insert((a, b, i));
                any = true;
            }
            if (f.side != Side::Src && in_tgt) || (f.tgt.is_empty() && in_hub) {
                let (a, b) = tag(f);
                marks[k][pl.pair + 1].insert((a, b, i));
                any = true;
            }
        }
        if !any && let Some(m) = marks.get_mut(pl.row) {
            // Nothing to point at (a block missing on the other side): mark
            // the cell where it is missing.
            let col = if f.side == Side::Src { pl.pair + 1 } else { 0 };
            let (a, b) = tag(f);
            m[col].insert((a, b, i));
        }
    }
    marks
}

/// The side panel: the filter by kind, then the findings by severity.
fn write_findings(placed: &[Placed<'_>], out: &mut impl Write) -> io::Result<()> {
    writeln!(out, "<main><nav id=\"findings\">")?;
    // The filter: one box per kind present.
    let present: BTreeSet<&str> = placed.iter().map(|p| p.finding.kind.name()).collect();
    writeln!(out, "<div id=\"filter\"><strong>Show</strong><br>")?;
    for k in FindingKind::ALL
        .iter()
        .filter(|k| present.contains(k.name()))
    {
        let n = placed.iter().filter(|p| p.finding.kind == *k).count();
        writeln!(
            out,
            "<label><input type=\"checkbox\" checked data-kind=\"{0}\"> {0} ({n})</label>",
            k.name()
        )?;
    }
    writeln!(
        out,
        "<br><label><input type=\"checkbox\" id=\"only-findings\"> only rows with findings</label></div>"
    )?;
    for sev in [Severity::Error, Severity::Warning, Severity::Info] {
        let these: Vec<(usize, &Placed<'_>)> = placed
            .iter()
            .enumerate()
            .filter(|(_, p)| p.finding.severity == sev)
            .collect();
        if these.is_empty() {
            continue;
        }
        writeln!(out, "<h2>{} ({})</h2><ul>", sev.name(), these.len())?;
        for (i, p) in these {
            let f = p.finding;
            writeln!(
                out,
                "<li id=\"f{i}\" class=\"finding\" data-kind=\"{kind}\" data-severity=\"{sev}\"><span class=\"sev sev-{sev}\">{sev}</span> <a href=\"#r{row}\">{sl}-{tl} [{label}] {kind}</a>: {msg}</li>",
                kind = f.kind.name(),
                sev = f.severity.name(),
                row = p.row,
                sl = f.src_lang,
                tl = f.tgt_lang,
                label = escape(f.label.as_deref().unwrap_or(&f.region)),
                msg = escape(&f.message)
            )?;
        }
        writeln!(out, "</ul>")?;
    }
    Ok(())
}

/// The table: one column per version, one row per group of aligned sentences.
fn write_table(
    hub: &Document,
    reports: &[PairReport],
    pas: &[PairAlignment],
    rows: &[MultiRow],
    marks: &[Vec<Marks>],
    placed: &[Placed<'_>],
    out: &mut impl Write,
) -> io::Result<()> {
    writeln!(
        out,
        "</nav><section id=\"table\"><table id=\"rows\"><thead><tr><th>#</th><th>region</th>"
    )?;
    let head = |lang: Lang, name: &str| {
        format!(
            "<th lang=\"{0}\"{1}>{0} <small>{2}</small></th>",
            lang.code(),
            if lang.is_rtl() { " dir=\"rtl\"" } else { "" },
            escape(name)
        )
    };
    write!(out, "{}", head(hub.lang, &hub.name))?;
    for r in reports {
        write!(out, "{}", head(r.alignment.tgt_lang, &r.other_name))?;
    }
    writeln!(out, "</tr></thead><tbody>")?;
    let hub_sents = pas.first().map(|p| p.src.as_slice()).unwrap_or_default();
    for (k, row) in rows.iter().enumerate() {
        write!(
            out,
            "<tr id=\"r{k}\" class=\"row\"><td class=\"lab\">{k}</td><td class=\"lab\">{}</td>",
            escape(&row.region)
        )?;
        write!(
            out,
            "{}",
            cell(hub.lang, hub_sents, &row.hub, &marks[k][0], placed)
        )?;
        for (p, pa) in pas.iter().enumerate() {
            let range = row.cells.get(p).map(|c| c.0.clone()).unwrap_or(0..0);
            write!(
                out,
                "{}",
                cell(pa.tgt_lang, &pa.tgt, &range, &marks[k][p + 1], placed)
            )?;
        }
        writeln!(out, "</tr>")?;
    }
    writeln!(out, "</tbody></table></section></main>")
}

/// One cell: its sentences, highlighted by the worst finding marked in it.
fn cell(
    lang: Lang,
    sents: &[Sentence],
    range: &std::ops::Range<usize>,
    mk: &Marks,
    placed: &[Placed<'_>],
) -> String {
    let mut s = String::new();
    s.push_str(&format!("<td lang=\"{}\"", lang.code()));
    if lang.is_rtl() {
        s.push_str(" dir=\"rtl\"");
    }
    let mut classes = Vec::new();
    if range.is_empty() {
        classes.push("empty".to_string());
    }
    if !mk.is_empty() {
        let worst = mk
            .iter()
            .map(|(_, sev, _)| match sev.as_str() {
                "error" => 2,
                "warning" => 1,
                _ => 0,
            })
            .max()
            .unwrap_or(0);
        classes.push(format!("hl-{}", ["info", "warning", "error"][worst]));
        let kinds: BTreeSet<String> = mk.iter().map(|(k, sev, _)| format!("{k}:{sev}")).collect();
        s.push_str(&format!(
            " data-kinds=\"{}\"",
            kinds.into_iter().collect::<Vec<_>>().join(" ")
        ));
        let ids: Vec<String> = mk.iter().map(|(_, _, i)| format!("f{i}")).collect();
        s.push_str(&format!(" data-findings=\"{}\"", ids.join(" ")));
        let tips: Vec<String> = mk
            .iter()
            .filter_map(|(_, _, i)| placed.get(*i))
            .map(|p| format!("{}: {}", p.finding.kind.name(), p.finding.message))
            .collect();
        s.push_str(&format!(" title=\"{}\"", escape(&tips.join("\n"))));
    }
    if !classes.is_empty() {
        s.push_str(&format!(" class=\"{}\"", classes.join(" ")));
    }
    s.push('>');
    for i in range.clone() {
        if let Some(x) = sents.get(i) {
            s.push_str(&format!(
                "<span class=\"sent\" data-i=\"{i}\">{}</span>",
                escape(&x.text)
            ));
        }
    }
    s.push_str("</td>");
    s
}
