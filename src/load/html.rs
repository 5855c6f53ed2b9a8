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

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::rc::Rc;

use html5ever::tendril::StrTendril;
use html5ever::tokenizer::{
    BufferQueue, EndTag, StartTag, Tag, TagToken, Token, TokenSink, TokenSinkResult, Tokenizer,
    TokenizerOpts,
};
use html5ever::tree_builder::{
    ElementFlags, NodeOrText, QuirksMode, TreeBuilder, TreeBuilderOpts, TreeSink,
};
use html5ever::{Attribute, LocalName, QualName, TokenizerResult, local_name, ns};
use quick_xml::escape::resolve_html5_entity;

/// How deep elements nest before the next is closed at once. Chromium and
/// WebKit stop at 512 for the same reason; pages seldom pass 30, and every
/// start tag may scan this many open elements.
pub const MAX_DEPTH: u32 = 64;

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

// ------------------------------------------------------------------ tree

/// One node of the tree: links by index into [`Dom::nodes`].
struct Node {
    parent: u32,
    first: u32,
    last: u32,
    prev: u32,
    next: u32,
    /// Depth below the document, as computed when `stamp` was
    /// [`Dom::moves`] (see [`Dom::depth`]).
    depth: u32,
    stamp: u32,
    data: Data,
}

enum Data {
    Document,
    Element {
        name: Rc<QualName>,
        /// Index into [`Dom::attrs`], or [`NONE`].
        attrs: u32,
        /// The contents of a `<template>`, or [`NONE`].
        template: u32,
        integration_point: bool,
    },
    Text(StrTendril),
    /// Comments, processing instructions.
    Other,
}

/// The tree html5ever builds, in one vector.
struct Dom {
    nodes: RefCell<Vec<Node>>,
    attrs: RefCell<Vec<Vec<(LocalName, StrTendril)>>>,
    /// Times a node was moved (adoption agency, foster parenting): stored
    /// depths from before are recomputed.
    moves: Cell<u32>,
    /// An element was put deeper than [`MAX_DEPTH`] by the last token.
    deep: Cell<bool>,
    /// The name of what is not an element (never asked for).
    no_name: QualName,
    /// Every element name once: a page of a million `<li>` holds one.
    names: RefCell<HashMap<QualName, Rc<QualName>>>,
}

/// A node as the tree builder holds it: its index, and an element's name
/// at hand (the builder asks for names of open elements in every scope
/// check, and a name behind the vector's `RefCell` could not be lent).
#[derive(Clone)]
struct Handle {
    id: u32,
    name: Option<Rc<QualName>>,
}

impl Handle {
    fn node(id: u32) -> Handle {
        Handle { id, name: None }
    }
}

impl Dom {
    fn new() -> Dom {
        let dom = Dom {
            nodes: RefCell::default(),
            attrs: RefCell::default(),
            moves: Cell::new(0),
            deep: Cell::new(false),
            no_name: QualName::new(None, ns!(), LocalName::from("")),
            names: RefCell::default(),
        };
        dom.push(Data::Document);
        dom
    }

    fn push(&self, data: Data) -> u32 {
        let mut nodes = self.nodes.borrow_mut();
        nodes.push(Node {
            parent: NONE,
            first: NONE,
            last: NONE,
            prev: NONE,
            next: NONE,
            depth: 0,
            // Not yet computed.
            stamp: NONE,
            data,
        });
        (nodes.len() - 1) as u32
    }

    /// Depth of `node` below the document (or below the unattached node
    /// it hangs from), at most `MAX_DEPTH + 1`: from its parent's stored
    /// depth while no node has moved since, else by walking up.
    fn depth(nodes: &mut [Node], node: u32, moves: u32) -> u32 {
        let mut steps = 0;
        let mut at = node;
        // Walk up to an ancestor whose stored depth is current.
        // The document (node 0) is at depth 0.
        while at != 0 && at != NONE && nodes[at as usize].stamp != moves && steps <= MAX_DEPTH {
            at = nodes[at as usize].parent;
            steps += 1;
        }
        let base = if at == NONE || at == 0 {
            0
        } else {
            nodes[at as usize].depth
        };
        let d = base.saturating_add(steps).min(MAX_DEPTH + 1);
        let n = &mut nodes[node as usize];
        n.depth = d;
        n.stamp = moves;
        d
    }

    fn moved(&self) {
        // Never NONE, the stamp of a depth not yet computed.
        self.moves.set((self.moves.get() + 1) % NONE);
    }

    fn detach(nodes: &mut [Node], n: u32) {
        let (parent, prev, next) = {
            let x = &nodes[n as usize];
            (x.parent, x.prev, x.next)
        };
        if parent == NONE {
            return;
        }
        if prev != NONE {
            nodes[prev as usize].next = next;
        } else {
            nodes[parent as usize].first = next;
        }
        if next != NONE {
            nodes[next as usize].prev = prev;
        } else {
            nodes[parent as usize].last = prev;
        }
        let x = &mut nodes[n as usize];
        x.parent = NONE;
        x.prev = NONE;
        x.next = NONE;
    }

    /// Puts `child` under `parent`, before `before` (or last for [`NONE`]).
    fn insert(&self, parent: u32, before: u32, child: NodeOrText<Handle>) {
        let child = match child {
            NodeOrText::AppendText(text) => {
                let mut nodes = self.nodes.borrow_mut();
                let prev = if before == NONE {
                    nodes[parent as usize].last
                } else {
                    nodes[before as usize].prev
                };
                if prev != NONE
                    && let Data::Text(t) = &mut nodes[prev as usize].data
                {
                    t.push_tendril(&text);
                    return;
                }
                drop(nodes);
                self.push(Data::Text(text))
            }
            NodeOrText::AppendNode(n) => n.id,
        };
        let mut nodes = self.nodes.borrow_mut();
        let c = &nodes[child as usize];
        if c.parent != NONE || c.first != NONE {
            // A node that moves, or takes its subtree with it.
            self.moved();
        }
        Dom::detach(&mut nodes, child);
        let prev = if before == NONE {
            nodes[parent as usize].last
        } else {
            nodes[before as usize].prev
        };
        {
            let c = &mut nodes[child as usize];
            c.parent = parent;
            c.prev = prev;
            c.next = before;
        }
        if prev != NONE {
            nodes[prev as usize].next = child;
        } else {
            nodes[parent as usize].first = child;
        }
        if before != NONE {
            nodes[before as usize].prev = child;
        } else {
            nodes[parent as usize].last = child;
        }
        if matches!(nodes[child as usize].data, Data::Element { .. })
            && Dom::depth(&mut nodes, child, self.moves.get()) > MAX_DEPTH
        {
            self.deep.set(true);
        }
    }
}

impl TreeSink for Dom {
    type Handle = Handle;
    type Output = ();
    type ElemName<'a> = &'a QualName;

    fn finish(self) {}

    fn parse_error(&self, _msg: std::borrow::Cow<'static, str>) {}

    fn get_document(&self) -> Handle {
        Handle::node(0)
    }

    fn elem_name<'a>(&'a self, target: &'a Handle) -> &'a QualName {
        // The tree builder asks only for elements.
        target.name.as_deref().unwrap_or(&self.no_name)
    }

    fn create_element(&self, name: QualName, attrs: Vec<Attribute>, flags: ElementFlags) -> Handle {
        let kept: Vec<(LocalName, StrTendril)> = attrs
            .into_iter()
            .filter(|a| a.name.ns == ns!() && KEPT_ATTRS.contains(&&*a.name.local))
            .map(|a| (a.name.local, a.value))
            .collect();
        let attrs = if kept.is_empty() {
            NONE
        } else {
            let mut all = self.attrs.borrow_mut();
            all.push(kept);
            (all.len() - 1) as u32
        };
        let template = if flags.template {
            self.push(Data::Document)
        } else {
            NONE
        };
        let name = Rc::clone(
            self.names
                .borrow_mut()
                .entry(name.clone())
                .or_insert_with(|| Rc::new(name)),
        );
        let id = self.push(Data::Element {
            name: name.clone(),
            attrs,
            template,
            integration_point: flags.mathml_annotation_xml_integration_point,
        });
        if template != NONE {
            // The contents count their depth from the template (they are
            // not its children, and never read).
            self.nodes.borrow_mut()[template as usize].parent = id;
        }
        Handle {
            id,
            name: Some(name),
        }
    }

    fn create_comment(&self, _text: StrTendril) -> Handle {
        Handle::node(self.push(Data::Other))
    }

    fn create_pi(&self, _target: StrTendril, _data: StrTendril) -> Handle {
        Handle::node(self.push(Data::Other))
    }

    fn append(&self, parent: &Handle, child: NodeOrText<Handle>) {
        self.insert(parent.id, NONE, child);
    }

    fn append_based_on_parent_node(
        &self,
        element: &Handle,
        prev_element: &Handle,
        child: NodeOrText<Handle>,
    ) {
        let parent = self.nodes.borrow()[element.id as usize].parent;
        if parent != NONE {
            self.append_before_sibling(element, child);
        } else {
            self.append(prev_element, child);
        }
    }

    fn append_doctype_to_document(&self, _: StrTendril, _: StrTendril, _: StrTendril) {}

    fn get_template_contents(&self, target: &Handle) -> Handle {
        match self.nodes.borrow()[target.id as usize].data {
            Data::Element { template, .. } if template != NONE => Handle::node(template),
            // Only asked of templates; the document stands in.
            _ => Handle::node(0),
        }
    }

    fn same_node(&self, x: &Handle, y: &Handle) -> bool {
        x.id == y.id
    }

    fn set_quirks_mode(&self, _mode: QuirksMode) {}

    fn append_before_sibling(&self, sibling: &Handle, child: NodeOrText<Handle>) {
        let parent = self.nodes.borrow()[sibling.id as usize].parent;
        if parent != NONE {
            self.insert(parent, sibling.id, child);
        }
    }

    fn add_attrs_if_missing(&self, _target: &Handle, _attrs: Vec<Attribute>) {
        // Only for `<html>` and `<body>` written twice: nothing read.
    }

    fn remove_from_parent(&self, target: &Handle) {
        self.moved();
        Dom::detach(&mut self.nodes.borrow_mut(), target.id);
    }

    fn reparent_children(&self, node: &Handle, new_parent: &Handle) {
        loop {
            let first = self.nodes.borrow()[node.id as usize].first;
            if first == NONE {
                break;
            }
            self.insert(
                new_parent.id,
                NONE,
                NodeOrText::AppendNode(Handle::node(first)),
            );
        }
        self.moved();
    }

    fn is_mathml_annotation_xml_integration_point(&self, handle: &Handle) -> bool {
        matches!(
            self.nodes.borrow()[handle.id as usize].data,
            Data::Element {
                integration_point: true,
                ..
            }
        )
    }
}

/// Between the tokenizer and the tree builder: closes an element as soon as
/// it is opened deeper than [`MAX_DEPTH`], and drops the attributes of
/// formatting elements (see the module documentation).
struct Bounded {
    builder: TreeBuilder<Handle, Dom>,
}

impl TokenSink for Bounded {
    type Handle = Handle;

    fn process_token(&self, token: Token, line: u64) -> TokenSinkResult<Handle> {
        let TagToken(mut tag) = token else {
            return self.builder.process_token(token, line);
        };
        if tag.kind != StartTag {
            return self.builder.process_token(TagToken(tag), line);
        }
        if is_formatting(&tag.name) {
            tag.attrs.clear();
        }
        let name = tag.name.clone();
        let closes = !tag.self_closing && !is_void(&name);
        self.builder.sink.deep.set(false);
        let result = self.builder.process_token(TagToken(tag), line);
        if closes && self.builder.sink.deep.get() && matches!(result, TokenSinkResult::Continue) {
            let end = Tag {
                kind: EndTag,
                name,
                self_closing: false,
                attrs: Vec::new(),
                had_duplicate_attributes: false,
            };
            // An end tag is never a script to run nor a change of state.
            let _ = self.builder.process_token(TagToken(end), line);
        }
        result
    }

    fn end(&self) {
        self.builder.end();
    }

    fn adjusted_current_node_present_but_not_in_html_namespace(&self) -> bool {
        self.builder
            .adjusted_current_node_present_but_not_in_html_namespace()
    }
}

/// The tree of a page, as the HTML Standard builds it (within the bounds).
fn parse(html: &str) -> Dom {
    let builder = TreeBuilder::new(Dom::new(), TreeBuilderOpts::default());
    let tokenizer = Tokenizer::new(Bounded { builder }, TokenizerOpts::default());
    let input = BufferQueue::default();
    input.push_back(StrTendril::from_slice(html));
    // The tokenizer stops for a script to run and at `<meta charset>` (the
    // text is decoded already): none is run, nothing changes, it goes on.
    while !matches!(tokenizer.feed(&input), TokenizerResult::Done) {}
    tokenizer.end();
    tokenizer.sink.builder.sink
}

// ------------------------------------------------------------------ text

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

/// Reads the text of the tree in document order.
struct Reader<'a> {
    attrs: &'a [Vec<(LocalName, StrTendril)>],
    out: Out,
    lists: Vec<List>,
    /// The element (`<section class="footnotes">`…) the footnote list is in.
    notes: Option<u32>,
    /// The outermost open `<sup>` and its text so far.
    sup: Option<(u32, String)>,
}

impl Reader<'_> {
    fn attr(&self, attrs: u32, key: &str) -> Option<&str> {
        if attrs == NONE {
            return None;
        }
        self.attrs[attrs as usize]
            .iter()
            .find(|(k, _)| &**k == key)
            .map(|(_, v)| &**v)
    }

    /// A `<sup>` not closed by its end (a block inside it) is plain text.
    fn flush_sup(&mut self) {
        if let Some((_, s)) = self.sup.take() {
            self.out.push_text(&s);
        }
    }

    /// Enters element `node`; false when its content is not read.
    fn enter(&mut self, node: u32, local: &LocalName, attrs: u32) -> bool {
        match kind(local) {
            Kind::Skipped => return false,
            Kind::Sup => {
                if self.sup.is_none() {
                    self.sup = Some((node, String::new()));
                }
                return true;
            }
            Kind::Inline => return true,
            Kind::Block => {}
        }
        self.flush_sup();
        self.out.block();
        if attrs == NONE && !matches!(&**local, "ol" | "ul" | "li") {
            return true;
        }
        let id_class = format!(
            "{} {}",
            self.attr(attrs, "id").unwrap_or_default(),
            self.attr(attrs, "class").unwrap_or_default()
        )
        .to_ascii_lowercase();
        if self.notes.is_none() && (id_class.contains("footnote") || id_class.contains("endnote")) {
            self.notes = Some(node);
        }
        match &**local {
            "ol" | "ul" => {
                let start = self
                    .attr(attrs, "start")
                    .and_then(|s| s.trim().parse().ok());
                let kind = self
                    .attr(attrs, "type")
                    .and_then(|t| t.trim().chars().next())
                    .unwrap_or('1');
                self.lists.push(List {
                    ordered: &**local == "ol",
                    kind,
                    next: start.unwrap_or(1),
                });
            }
            "li" => {
                let fn_item =
                    self.notes.is_some() || id_class.starts_with("fn") || id_class.contains(" fn");
                let value = self
                    .attr(attrs, "value")
                    .and_then(|s| s.trim().parse::<i64>().ok());
                if let Some(list) = self.lists.last_mut().filter(|l| l.ordered) {
                    if let Some(v) = value {
                        list.next = v;
                    }
                    let n = list.next;
                    list.next = n.saturating_add(1);
                    self.out.label = Some(if fn_item {
                        format!("<sup>{n}</sup> ")
                    } else {
                        format!("{} ", list_label(n, list.kind))
                    });
                }
            }
            _ => {}
        }
        true
    }

    fn leave(&mut self, node: u32, local: &LocalName) {
        let k = kind(local);
        if k == Kind::Sup {
            if self.sup.as_ref().is_some_and(|(n, _)| *n == node)
                && let Some((_, s)) = self.sup.take()
            {
                let s = s.trim();
                let is_ref = !s.is_empty()
                    && s.chars().count() <= 4
                    && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '*');
                if is_ref {
                    // The view takes `<sup>N</sup>` aside as a footnote mark.
                    self.out.push_text(&format!("<sup>{s}</sup>"));
                } else {
                    self.out.push_text(s);
                }
            }
            return;
        }
        if k != Kind::Block {
            return;
        }
        self.flush_sup();
        self.out.block();
        if self.notes == Some(node) {
            self.notes = None;
        }
        match &**local {
            "ol" | "ul" => {
                self.lists.pop();
            }
            "li" => self.out.label = None,
            _ => {}
        }
    }

    fn text(&mut self, t: &str) {
        match &mut self.sup {
            Some((_, s)) => s.push_str(t),
            None => self.out.push_text(t),
        }
    }
}

/// The text of the tree: a walk in document order along the links (no
/// recursion, so any depth is safe).
fn read(dom: &Dom) -> String {
    let nodes = dom.nodes.borrow();
    let attrs = dom.attrs.borrow();
    let mut r = Reader {
        attrs: &attrs,
        out: Out::default(),
        lists: Vec::new(),
        notes: None,
        sup: None,
    };
    let html = |n: &Node| match &n.data {
        Data::Element { name, attrs, .. } if name.ns == ns!(html) => {
            Some((name.local.clone(), *attrs))
        }
        _ => None,
    };
    let mut at = nodes[0].first;
    while at != NONE {
        let n = &nodes[at as usize];
        let descend = match &n.data {
            Data::Text(t) => {
                r.text(t);
                false
            }
            Data::Element { .. } => match html(n) {
                Some((local, attrs)) => r.enter(at, &local, attrs),
                // Foreign content (SVG, MathML) is not text of the document.
                None => false,
            },
            Data::Document | Data::Other => false,
        };
        if descend && n.first != NONE {
            at = n.first;
            continue;
        }
        // Leave `at` (if it was entered) and every ancestor it ends.
        let mut cur = at;
        loop {
            let c = &nodes[cur as usize];
            if descend || cur != at {
                if let Some((local, _)) = html(c) {
                    r.leave(cur, &local);
                }
            }
            if c.next != NONE {
                at = c.next;
                break;
            }
            cur = c.parent;
            if cur == 0 || cur == NONE {
                at = NONE;
                break;
            }
        }
    }
    r.flush_sup();
    r.out.block();
    r.out.text
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
