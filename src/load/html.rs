//! HTML pages to text: block elements become paragraphs (one per line,
//! blank-line separated), `<ol>` items get their number written out as a
//! label (`start`, `type` and `value` honoured), superscript footnote
//! references stay as `<sup>N</sup>` for the normalized view to take aside,
//! and `<head>`, scripts, styles and templates are dropped.
//!
//! Real pages are not well-formed XML, so this is a tolerant scanner, not a
//! parser: unclosed `<p>` and `<li>`, stray end tags, attributes without
//! quotes and unknown entities are taken as a browser would show them.

use quick_xml::escape::resolve_html5_entity;

/// Elements whose content is never text of the document.
const SKIPPED: [&str; 8] = [
    "head", "script", "style", "template", "noscript", "svg", "math", "select",
];

/// Elements that open a new paragraph.
const BLOCKS: [&str; 32] = [
    "p",
    "div",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "ul",
    "ol",
    "dl",
    "dt",
    "dd",
    "tr",
    "td",
    "th",
    "table",
    "caption",
    "blockquote",
    "section",
    "article",
    "header",
    "footer",
    "main",
    "nav",
    "aside",
    "pre",
    "hr",
    "br",
    "figcaption",
    "address",
];

struct List {
    ordered: bool,
    kind: char,
    next: i64,
}

#[derive(Default)]
struct Out {
    text: String,
    para: String,
    label: Option<String>,
}

impl Out {
    fn block(&mut self) {
        let p = self.para.trim();
        if !p.is_empty() {
            self.text.push_str(p);
            self.text.push_str("\n\n");
        }
        self.para.clear();
    }

    fn push_text(&mut self, s: &str) {
        for ch in s.chars() {
            // The back-link of a footnote (`↩︎`, as pandoc writes it) is navigation.
            if matches!(ch, '↩' | '\u{fe0e}') {
                continue;
            }
            if ch.is_whitespace() && ch != '\u{a0}' {
                if !self.para.is_empty() && !self.para.ends_with(' ') {
                    self.para.push(' ');
                }
            } else {
                if let Some(l) = self.label.take() {
                    self.para.push_str(&l);
                }
                self.para.push(ch);
            }
        }
    }
}

/// The text of an HTML page.
pub(super) fn to_text(html: &str) -> String {
    let mut out = Out::default();
    let mut lists: Vec<List> = Vec::new();
    // Inside a footnote list (`<section class="footnotes">`, `<li id="fn1">`):
    // depth of the element that opened it.
    let mut notes_depth: Option<usize> = None;
    let mut depth = 0usize;
    let mut sup: Option<String> = None;
    let b = html.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if b[i] != b'<' {
            let end = memchr::memchr(b'<', &b[i..]).map_or(b.len(), |p| i + p);
            let text = decode_entities(&html[i..end]);
            match &mut sup {
                Some(s) => s.push_str(&text),
                None => out.push_text(&text),
            }
            i = end;
            continue;
        }
        let rest = &html[i..];
        if rest.starts_with("<!--") {
            i += rest.find("-->").map_or(rest.len(), |p| p + 3);
            continue;
        }
        if rest.starts_with("<!") || rest.starts_with("<?") {
            i += rest.find('>').map_or(rest.len(), |p| p + 1);
            continue;
        }
        let Some(tag) = Tag::read(rest) else {
            // A `<` that opens no tag is text.
            out.push_text("<");
            i += 1;
            continue;
        };
        i += tag.len;
        let name = tag.name.as_str();
        if !tag.end && SKIPPED.contains(&name) && !tag.self_closing {
            // Skip to the matching end tag (these elements do not nest text).
            let close = format!("</{name}");
            let lower = html[i..].to_ascii_lowercase();
            i += lower.find(&close).map_or(html.len() - i, |p| {
                p + lower[p..].find('>').map_or(lower.len() - p, |q| q + 1)
            });
            continue;
        }
        if name == "sup" {
            if tag.end {
                if let Some(s) = sup.take() {
                    let s = s.trim().to_string();
                    let is_ref = !s.is_empty()
                        && s.chars().count() <= 4
                        && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '*');
                    if is_ref {
                        // The view takes `<sup>N</sup>` aside as a footnote mark.
                        out.push_text(&format!("<sup>{s}</sup>"));
                    } else {
                        out.push_text(&s);
                    }
                }
            } else if !tag.self_closing {
                sup = Some(String::new());
            }
            continue;
        }
        if !BLOCKS.contains(&name) {
            continue;
        }
        if let Some(s) = sup.take() {
            out.push_text(&s);
        }
        out.block();
        if tag.self_closing || matches!(name, "br" | "hr") {
            continue;
        }
        if tag.end {
            depth = depth.saturating_sub(1);
            if notes_depth.is_some_and(|d| depth < d) {
                notes_depth = None;
            }
            if matches!(name, "ol" | "ul") {
                lists.pop();
            }
            if name == "li" {
                out.label = None;
            }
            continue;
        }
        depth += 1;
        let id_class = format!(
            "{} {}",
            tag.attr("id").unwrap_or_default(),
            tag.attr("class").unwrap_or_default()
        )
        .to_ascii_lowercase();
        if notes_depth.is_none() && (id_class.contains("footnote") || id_class.contains("endnote"))
        {
            notes_depth = Some(depth);
        }
        match name {
            "ol" | "ul" => {
                let start = tag.attr("start").and_then(|s| s.trim().parse().ok());
                let kind = tag
                    .attr("type")
                    .and_then(|t| t.trim().chars().next())
                    .unwrap_or('1');
                lists.push(List {
                    ordered: name == "ol",
                    kind,
                    next: start.unwrap_or(1),
                });
            }
            "li" => {
                let fn_item =
                    notes_depth.is_some() || id_class.starts_with("fn") || id_class.contains(" fn");
                if let Some(list) = lists.last_mut().filter(|l| l.ordered) {
                    if let Some(v) = tag.attr("value").and_then(|s| s.trim().parse().ok()) {
                        list.next = v;
                    }
                    let n = list.next;
                    list.next += 1;
                    out.label = Some(if fn_item {
                        format!("<sup>{n}</sup> ")
                    } else {
                        format!("{} ", list_label(n, list.kind))
                    });
                }
            }
            _ => {}
        }
    }
    if let Some(s) = sup.take() {
        out.push_text(&s);
    }
    out.block();
    out.text
}

/// The label a browser shows for item `n` of an `<ol type=kind>`, in the
/// form UN documents type it: `1.`, `(a)`, `A.`, `(i)`, `I.`.
fn list_label(n: i64, kind: char) -> String {
    match kind {
        'a' => format!("({})", letters(n, b'a')),
        'A' => format!("{}.", letters(n, b'A')),
        'i' => format!("({})", roman(n).to_lowercase()),
        'I' => format!("{}.", roman(n)),
        _ => format!("{n}."),
    }
}

fn letters(n: i64, base: u8) -> String {
    let mut n = n.max(1) as u64;
    let mut s = Vec::new();
    while n > 0 {
        n -= 1;
        s.push(base + (n % 26) as u8);
        n /= 26;
    }
    s.reverse();
    String::from_utf8(s).unwrap_or_default()
}

pub(super) fn roman(n: i64) -> String {
    // Roman numerals stop at 3999; the one table is in `lang`.
    crate::lang::tables::roman(n.clamp(1, 3999) as u32)
}

/// `&amp;`, `&#233;`, `&#xE9;` and the HTML5 named entities; anything else
/// stays as written.
pub(super) fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(p) = rest.find('&') {
        out.push_str(&rest[..p]);
        rest = &rest[p..];
        let end = rest[1..]
            .char_indices()
            .take(32)
            .find(|&(_, c)| !(c.is_ascii_alphanumeric() || c == '#'))
            .map(|(i, c)| (i + 1, c == ';'));
        let Some((end, semi)) = end else {
            out.push('&');
            rest = &rest[1..];
            continue;
        };
        let name = &rest[1..end];
        let ch: Option<String> = if let Some(num) = name.strip_prefix('#') {
            let v = match num.strip_prefix(['x', 'X']) {
                Some(h) => u32::from_str_radix(h, 16).ok(),
                None => num.parse().ok(),
            };
            v.and_then(char::from_u32)
                .filter(|&c| c != '\0')
                .map(String::from)
        } else if semi {
            resolve_html5_entity(name).map(String::from)
        } else {
            None
        };
        match ch {
            Some(c) => {
                out.push_str(&c);
                rest = &rest[end + usize::from(semi)..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// One start or end tag.
struct Tag {
    name: String,
    end: bool,
    self_closing: bool,
    attrs: Vec<(String, String)>,
    len: usize,
}

impl Tag {
    /// Reads the tag `s` opens with; `None` when `<` opens no tag.
    fn read(s: &str) -> Option<Tag> {
        let b = s.as_bytes();
        let mut i = 1;
        let end = b.get(1) == Some(&b'/');
        if end {
            i += 1;
        }
        let name_start = i;
        while i < b.len() && (b[i].is_ascii_alphanumeric() || b[i] == b'-' || b[i] == b':') {
            i += 1;
        }
        if i == name_start || !b[name_start].is_ascii_alphabetic() {
            return None;
        }
        let name = s[name_start..i].to_ascii_lowercase();
        let mut attrs = Vec::new();
        let mut self_closing = false;
        loop {
            while i < b.len() && b[i].is_ascii_whitespace() {
                i += 1;
            }
            match b.get(i) {
                None => {
                    return Some(Tag {
                        name,
                        end,
                        self_closing,
                        attrs,
                        len: b.len(),
                    });
                }
                Some(b'>') => {
                    i += 1;
                    break;
                }
                Some(b'/') => {
                    self_closing = true;
                    i += 1;
                    continue;
                }
                _ => {}
            }
            let a = i;
            while i < b.len() && !b[i].is_ascii_whitespace() && !matches!(b[i], b'=' | b'>' | b'/')
            {
                i += 1;
            }
            if i == a {
                i += 1;
                continue;
            }
            let key = s[a..i].to_ascii_lowercase();
            while i < b.len() && b[i].is_ascii_whitespace() {
                i += 1;
            }
            let mut value = String::new();
            if b.get(i) == Some(&b'=') {
                i += 1;
                while i < b.len() && b[i].is_ascii_whitespace() {
                    i += 1;
                }
                match b.get(i) {
                    Some(&q @ (b'"' | b'\'')) => {
                        let v = i + 1;
                        let close = memchr::memchr(q, &b[v..]).map_or(b.len(), |p| v + p);
                        value = decode_entities(&s[v..close]);
                        i = (close + 1).min(b.len());
                    }
                    _ => {
                        let v = i;
                        while i < b.len() && !b[i].is_ascii_whitespace() && b[i] != b'>' {
                            i += 1;
                        }
                        value = decode_entities(&s[v..i]);
                    }
                }
            }
            attrs.push((key, value));
        }
        Some(Tag {
            name,
            end,
            self_closing,
            attrs,
            len: i,
        })
    }

    fn attr(&self, key: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_lists_and_skips() {
        let html = "<!doctype html><html><head><title>T</title><style>p{}</style></head>\
            <body><h1>Title &amp; more</h1><script>var x = '<p>no</p>';</script>\
            <p>One\n  two</p><ol start=3><li>Three<li value=7>Seven</li></ol>\
            <ol type=a><li><p>alpha</p></li><li>beta</li></ol>\
            <p>Ref<sup>2</sup> here</p><table><tr><td>a</td><td>b</td></tr></table></body></html>";
        assert_eq!(
            to_text(html),
            "Title & more\n\nOne two\n\n3. Three\n\n7. Seven\n\n(a) alpha\n\n(b) beta\n\nRef<sup>2</sup> here\n\na\n\nb\n\n"
        );
    }

    #[test]
    fn pandoc_footnotes() {
        let html = "<!DOCTYPE html><html><body><p>Recalling its resolution<a href=\"#fn1\" class=\"footnote-ref\" id=\"fnref1\" role=\"doc-noteref\"><sup>1</sup></a> of 2019,</p>\
            <section id=\"footnotes\" class=\"footnotes footnotes-end-of-document\" role=\"doc-endnotes\"><hr /><ol>\
            <li id=\"fn1\"><p>Resolution 73/27.<a href=\"#fnref1\" class=\"footnote-back\" role=\"doc-backlink\">↩︎</a></p></li></ol></section></body></html>";
        assert_eq!(
            to_text(html),
            "Recalling its resolution<sup>1</sup> of 2019,\n\n<sup>1</sup> Resolution 73/27.\n\n"
        );
    }

    #[test]
    fn entities() {
        assert_eq!(
            decode_entities("a&nbsp;b &#x4E2D;&#25991; &bogus; & x"),
            "a\u{a0}b 中文 &bogus; & x"
        );
    }

    #[test]
    fn labels() {
        assert_eq!(list_label(28, 'a'), "(ab)");
        assert_eq!(list_label(14, 'I'), "XIV.");
        assert_eq!(list_label(4, 'i'), "(iv)");
    }
}
