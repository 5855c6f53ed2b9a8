//! HTML pages to text, read as a browser reads them: the page is parsed
//! by html5ever (the HTML Standard's tokenizer and tree construction, as
//! in Servo), so unclosed `<p>` and `<li>`, misnested formatting, tables,
//! entities, comments and raw-text elements give the tree a browser
//! builds. The tree is then read in document order: block elements become
//! paragraphs (one per line, blank-line separated), `<ol>` items get their
//! number written out as a label (`start`, `type` and `value` honoured),
//! superscript footnote references stay as `<sup>N</sup>` for the
//! normalized view to take aside, and `<head>`, scripts, styles, templates
//! and foreign content (SVG, MathML) are dropped.
//!
//! Offsets: like Word and PDF, an HTML document's original is the text
//! extracted here, and every offset, line and span of the pipeline refers
//! to that text, not to the bytes of the page (which holds markup the
//! output never shows).
//!
//! Bounded cost on hostile pages: the HTML Standard sets no limit on
//! nesting, and tree construction scans the stack of open elements for
//! many tags, so a page of deep nesting costs time quadratic in its size
//! (servo/html5ever#788). As Chromium and WebKit do, nesting stops at
//! [`MAX_DEPTH`]: an element that would sit deeper is closed as soon as it
//! is opened, so its content follows as its sibling, and the stack stays
//! short. Formatting elements (`<b>`, `<i>`, `<font>`…) lose their
//! attributes, which the text never shows: the Standard's "Noah's Ark"
//! clause then keeps at most three alike open, and reopening them after a
//! misnested close stays bounded too.
//!
//! The rooms: the element kinds and entities here; the tree html5ever
//! builds, with the bound on nesting, in `dom`; the walk that reads its
//! text in `read`.

mod dom;
mod read;

use html5ever::{LocalName, local_name};
use quick_xml::escape::resolve_html5_entity;

use dom::parse;
#[cfg(test)]
use read::list_label;
use read::read;
pub(super) use read::roman;

/// How deep elements nest before the next is closed at once. Chromium and
/// WebKit stop at 512 for the same reason; pages seldom pass 30, and every
/// start tag may scan this many open elements.
const MAX_DEPTH: u32 = 64;

/// What an element is to the text.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// Its content is never text of the document.
    Skipped,
    /// A superscript: a footnote reference when it holds a short number.
    Sup,
    /// It opens a new paragraph.
    Block,
    /// Its text runs on in the paragraph.
    Inline,
}

/// An element's kind (compared as atoms: once per element and tag).
fn kind(name: &LocalName) -> Kind {
    if matches!(
        *name,
        local_name!("head")
            | local_name!("script")
            | local_name!("style")
            | local_name!("template")
            | local_name!("noscript")
            | local_name!("svg")
            | local_name!("math")
            | local_name!("select")
    ) {
        Kind::Skipped
    } else if *name == local_name!("sup") {
        Kind::Sup
    } else if matches!(
        *name,
        local_name!("p")
            | local_name!("div")
            | local_name!("h1")
            | local_name!("h2")
            | local_name!("h3")
            | local_name!("h4")
            | local_name!("h5")
            | local_name!("h6")
            | local_name!("li")
            | local_name!("ul")
            | local_name!("ol")
            | local_name!("dl")
            | local_name!("dt")
            | local_name!("dd")
            | local_name!("tr")
            | local_name!("td")
            | local_name!("th")
            | local_name!("table")
            | local_name!("caption")
            | local_name!("blockquote")
            | local_name!("section")
            | local_name!("article")
            | local_name!("header")
            | local_name!("footer")
            | local_name!("main")
            | local_name!("nav")
            | local_name!("aside")
            | local_name!("pre")
            | local_name!("hr")
            | local_name!("br")
            | local_name!("figcaption")
            | local_name!("address")
    ) {
        Kind::Block
    } else {
        Kind::Inline
    }
}

/// The formatting elements of the Standard's list of active formatting
/// elements.
fn is_formatting(name: &LocalName) -> bool {
    matches!(
        *name,
        local_name!("a")
            | local_name!("b")
            | local_name!("big")
            | local_name!("code")
            | local_name!("em")
            | local_name!("font")
            | local_name!("i")
            | local_name!("nobr")
            | local_name!("s")
            | local_name!("small")
            | local_name!("strike")
            | local_name!("strong")
            | local_name!("tt")
            | local_name!("u")
    )
}

/// Void elements: no end tag, nothing to close.
fn is_void(name: &LocalName) -> bool {
    matches!(
        *name,
        local_name!("area")
            | local_name!("base")
            | local_name!("basefont")
            | local_name!("bgsound")
            | local_name!("br")
            | local_name!("col")
            | local_name!("embed")
            | local_name!("frame")
            | local_name!("hr")
            | local_name!("image")
            | local_name!("img")
            | local_name!("input")
            | local_name!("keygen")
            | local_name!("link")
            | local_name!("meta")
            | local_name!("param")
            | local_name!("source")
            | local_name!("track")
            | local_name!("wbr")
    )
}

/// The attributes the text is read with; the others are not kept.
const KEPT_ATTRS: [&str; 5] = ["id", "class", "start", "type", "value"];

/// No node.
const NONE: u32 = u32::MAX;

/// The text of an HTML page.
pub(super) fn to_text(html: &str) -> String {
    let dom = parse(html);
    read(&dom)
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

    /// What the tree construction of the Standard does, and a scanner did
    /// not: implied ends, foster parenting, legacy entities, raw text.
    #[test]
    fn read_as_browsers_read() {
        let page = |body: &str| to_text(&format!("<!DOCTYPE html><meta charset=utf-8>{body}"));
        // `<meta charset>` stops the tokenizer; it goes on.
        assert_eq!(page("<p>One<p>Two"), "One\n\nTwo\n\n");
        // Text written in a table but outside its cells is put before it.
        assert_eq!(
            page("<table>Loose<tr><td>cell</td></tr></table>"),
            "Loose\n\ncell\n\n"
        );
        // A `<b>` closed inside a later paragraph.
        assert_eq!(page("<b>1<p>2</b>3</p>"), "1\n\n23\n\n");
        // Legacy entities without `;`, as browsers show them.
        assert_eq!(page("<p>&copy 2020 &amp;c</p>"), "\u{a9} 2020 &c\n\n");
        // A title and a textarea hold text, not markup; CR-only line ends.
        assert_eq!(page("<title><p>no</p></title><p>a\rb</p>"), "a b\n\n");
        // `--!>` ends a comment.
        assert_eq!(page("<!-- x --!><p>after</p>"), "after\n\n");
        // Absurd list numbers do not overflow.
        assert_eq!(
            page("<ol start=9223372036854775807><li>a<li>b</ol>"),
            "9223372036854775807. a\n\n9223372036854775807. b\n\n"
        );
    }

    /// Nesting stops at [`MAX_DEPTH`] and no text is lost: every paragraph
    /// under 5,000 `<div>` is read, in order and apart.
    #[test]
    fn deep_nesting_is_bounded_and_keeps_the_text() {
        let paras: String = (0..50).map(|i| format!("<p>Para {i}.</p>")).collect();
        let html = format!("<!DOCTYPE html>{}{paras}", "<div>".repeat(5000));
        let dom = parse(&html);
        let nodes = dom.nodes.borrow();
        let deepest = (0..nodes.len() as u32)
            .map(|mut at| {
                let mut d = 0;
                while at != NONE {
                    at = nodes[at as usize].parent;
                    d += 1;
                }
                d
            })
            .max()
            .unwrap();
        assert!(deepest <= MAX_DEPTH + 3, "{deepest}");
        drop(nodes);
        let want: String = (0..50).map(|i| format!("Para {i}.\n\n")).collect();
        assert_eq!(read(&dom), want);
    }
}
