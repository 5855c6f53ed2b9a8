//! `styles.xml`: the numbering a paragraph style carries, followed through
//! the styles it is based on.

use std::collections::HashMap;

use quick_xml::Reader;
use quick_xml::events::Event;

use super::{attr, is_change, val};

type StyleNum = (Option<String>, Option<usize>, Option<String>);

/// `styles.xml`: the numbering a paragraph style carries, through `w:basedOn`.
#[derive(Debug, Default)]
pub(super) struct Styles {
    /// Style id → (numId, ilvl, basedOn).
    pub(super) styles: HashMap<String, StyleNum>,
}

impl Styles {
    pub(super) fn read(xml: &str) -> Result<Styles, quick_xml::Error> {
        let mut s = Styles::default();
        let mut r = Reader::from_str(xml);
        let mut cur: Option<String> = None;
        let mut skip = 0usize;
        loop {
            match r.read_event()? {
                Event::Start(e) => {
                    if skip > 0 || is_change(e.local_name().as_ref()) {
                        skip += 1;
                        continue;
                    }
                    if e.local_name().as_ref() == "style" {
                        cur = attr(&e, "styleId");
                    }
                }
                Event::Empty(e) if skip == 0 => {
                    let Some(id) = &cur else { continue };
                    let entry = s.styles.entry(id.clone()).or_default();
                    match e.local_name().as_ref() {
                        "numId" => entry.0 = val(&e),
                        "ilvl" => entry.1 = val(&e).and_then(|v| v.parse().ok()),
                        "basedOn" => entry.2 = val(&e),
                        _ => {}
                    }
                }
                Event::End(e) => {
                    if skip > 0 {
                        skip -= 1;
                    } else if e.local_name().as_ref() == "style" {
                        cur = None;
                    }
                }
                Event::Eof => break,
                _ => {}
            }
        }
        Ok(s)
    }

    /// The numbering of a style, following `basedOn` (at most 16 steps).
    pub(super) fn numbering(&self, style: &str) -> (Option<String>, Option<usize>) {
        let (mut num, mut lvl) = (None, None);
        let mut id = Some(style.to_string());
        for _ in 0..16 {
            let Some(st) = id.as_ref().and_then(|i| self.styles.get(i)) else {
                break;
            };
            num = num.or(st.0.clone());
            lvl = lvl.or(st.1);
            id = st.2.clone();
        }
        (num, lvl)
    }
}
