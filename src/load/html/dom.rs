//! The tree of a page: html5ever's tree builder writes it into one vector
//! of nodes linked by index, behind a token sink that bounds the nesting
//! (see the module documentation of `html`).

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
use html5ever::{Attribute, LocalName, QualName, TokenizerResult, ns};

use super::{KEPT_ATTRS, MAX_DEPTH, NONE, is_formatting, is_void};

/// One node of the tree: links by index into [`Dom::nodes`].
pub(super) struct Node {
    pub(super) parent: u32,
    pub(super) first: u32,
    last: u32,
    prev: u32,
    pub(super) next: u32,
    /// Depth below the document, as computed when `stamp` was
    /// [`Dom::moves`] (see [`Dom::depth`]).
    depth: u32,
    stamp: u32,
    pub(super) data: Data,
}

pub(super) enum Data {
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
pub(super) struct Dom {
    pub(super) nodes: RefCell<Vec<Node>>,
    pub(super) attrs: RefCell<Vec<Vec<(LocalName, StrTendril)>>>,
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
pub(super) struct Handle {
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
        Dom::join(nodes, parent, prev, next);
        let x = &mut nodes[n as usize];
        x.parent = NONE;
        x.prev = NONE;
        x.next = NONE;
    }

    /// Makes `b` follow `a` among the children of `parent`: `a` [`NONE`]
    /// makes `b` the first, `b` [`NONE`] makes `a` the last.
    fn join(nodes: &mut [Node], parent: u32, a: u32, b: u32) {
        if a != NONE {
            nodes[a as usize].next = b;
        } else {
            nodes[parent as usize].first = b;
        }
        if b != NONE {
            nodes[b as usize].prev = a;
        } else {
            nodes[parent as usize].last = a;
        }
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
        nodes[child as usize].parent = parent;
        Dom::join(&mut nodes, parent, prev, child);
        Dom::join(&mut nodes, parent, child, before);
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
pub(super) fn parse(html: &str) -> Dom {
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
