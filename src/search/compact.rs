//! The search index file made smaller while it is copied: elasticlunr's
//! serialised index streamed through once, without building it as a tree.
//!
//! A word tree node that ends no word loses its empty `docs` and zero `df`
//! (the tree has one node per letter, so most nodes are such), and term
//! frequencies keep three decimals. `zoeken.js` puts the empty fields back
//! before it loads the index. This saves about a third of the file. Doing it
//! on the text instead of on a `serde_json::Value` keeps a large region's
//! index from being held a second time, as a tree of small maps (70 MB at
//! 1,000 pages).

use std::fmt;

use serde::de::{DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};

/// `json` (elasticlunr's index as serde_json wrote it), made smaller.
pub fn compact(json: &str) -> String {
    let mut out = String::with_capacity(json.len());
    let mut de = serde_json::Deserializer::from_str(json);
    // The input is what serde_json itself just wrote, so it parses.
    let _ = Copy {
        out: &mut out,
        part: Part::Top,
    }
    .deserialize(&mut de);
    out
}

/// Where in the index a value is: the rules apply to the word trees only.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Part {
    Top,
    /// `index`: one word tree per field.
    Fields,
    /// `index.<field>`.
    Field,
    /// `index.<field>.root` or any node below it.
    Node,
    /// A node's `docs`: the documents whose word ends here.
    Docs,
    /// One document's entry: `{"tf": ...}`.
    Posting,
    /// The `tf` of a posting: rounded to three decimals.
    TermFrequency,
    /// Anything else: copied as it is.
    Other,
}

impl Part {
    fn child(self, key: &str) -> Part {
        match (self, key) {
            (Part::Top, "index") => Part::Fields,
            (Part::Fields, _) => Part::Field,
            (Part::Field, "root") => Part::Node,
            (Part::Node, "docs") => Part::Docs,
            (Part::Node, "df") => Part::Other,
            (Part::Node, _) => Part::Node,
            (Part::Docs, _) => Part::Posting,
            (Part::Posting, "tf") => Part::TermFrequency,
            _ => Part::Other,
        }
    }
}

/// Copies one value into `out`, compacting it if it is part of a word tree.
struct Copy<'a> {
    out: &'a mut String,
    part: Part,
}

impl<'de> DeserializeSeed<'de> for Copy<'_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_any(self)
    }
}

/// A JSON string literal (serialising a string cannot fail).
fn quoted(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_default()
}

/// Writes `"key":` after a comma when something came before it.
fn push_key(out: &mut String, first: &mut bool, key: &str) {
    if !std::mem::take(first) {
        out.push(',');
    }
    out.push_str(&quoted(key));
    out.push(':');
}

impl<'de> Visitor<'de> for Copy<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("JSON")
    }

    fn visit_bool<E>(self, v: bool) -> Result<(), E> {
        self.out.push_str(if v { "true" } else { "false" });
        Ok(())
    }

    fn visit_i64<E>(self, v: i64) -> Result<(), E> {
        self.out.push_str(&v.to_string());
        Ok(())
    }

    fn visit_u64<E>(self, v: u64) -> Result<(), E> {
        self.out.push_str(&v.to_string());
        Ok(())
    }

    fn visit_f64<E>(self, v: f64) -> Result<(), E> {
        let v = if self.part == Part::TermFrequency {
            rounded(v)
        } else {
            v
        };
        // A whole number is written without `.0`, as JavaScript would.
        if v.fract() == 0.0 && v.abs() < 1e15 {
            self.out.push_str(&(v as i64).to_string());
        } else {
            self.out
                .push_str(&serde_json::to_string(&v).unwrap_or_else(|_| "0".into()));
        }
        Ok(())
    }

    fn visit_str<E>(self, v: &str) -> Result<(), E> {
        self.out.push_str(&quoted(v));
        Ok(())
    }

    fn visit_unit<E>(self) -> Result<(), E> {
        self.out.push_str("null");
        Ok(())
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        self.out.push('[');
        let mut first = true;
        loop {
            // The comma goes before the next element, if there is one.
            let at = self.out.len();
            if !std::mem::take(&mut first) {
                self.out.push(',');
            }
            let copy = Copy {
                out: &mut *self.out,
                part: Part::Other,
            };
            if seq.next_element_seed(copy)?.is_none() {
                self.out.truncate(at);
                break;
            }
        }
        self.out.push(']');
        Ok(())
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        self.out.push('{');
        let mut first = true;
        // A node's `docs` comes before its `df`, and is left out with it
        // when `df` is 0: hold it until then.
        let mut held_docs: Option<String> = None;
        while let Some(key) = map.next_key::<std::borrow::Cow<'de, str>>()? {
            let part = self.part.child(&key);
            if self.part == Part::Node && key == "docs" {
                let mut docs = String::new();
                map.next_value_seed(Copy { out: &mut docs, part })?;
                held_docs = Some(docs);
            } else if self.part == Part::Node && key == "df" {
                let df: i64 = map.next_value()?;
                if let Some(docs) = held_docs.take().filter(|_| df != 0) {
                    push_key(self.out, &mut first, "docs");
                    self.out.push_str(&docs);
                }
                if df != 0 {
                    push_key(self.out, &mut first, "df");
                    self.out.push_str(&df.to_string());
                }
            } else {
                push_key(self.out, &mut first, &key);
                map.next_value_seed(Copy {
                    out: &mut *self.out,
                    part,
                })?;
            }
        }
        if let Some(docs) = held_docs {
            push_key(self.out, &mut first, "docs");
            self.out.push_str(&docs);
        }
        self.out.push('}');
        Ok(())
    }
}

/// A term frequency (a square root of a count) to three decimals.
fn rounded(value: f64) -> f64 {
    (value * 1000.0).round() / 1000.0
}

#[cfg(test)]
mod tests {
    use super::compact;

    #[test]
    fn nodes_that_end_no_word_lose_docs_and_df() {
        let index = r#"{"fields":["title"],"index":{"title":{"root":{"docs":{},"df":0,"a":{"docs":{"3":{"tf":1.4142135623730951}},"df":1,"b":{"docs":{},"df":0}}}}},"version":"0.9.5","x":[1,2.5,"é\"",null,true]}"#;
        assert_eq!(
            compact(index),
            r#"{"fields":["title"],"index":{"title":{"root":{"a":{"docs":{"3":{"tf":1.414}},"df":1,"b":{}}}}},"version":"0.9.5","x":[1,2.5,"é\"",null,true]}"#
        );
    }

    #[test]
    fn the_same_words_are_found_before_and_after() {
        let index = r#"{"index":{"body":{"root":{"docs":{},"df":0,"k":{"docs":{"1":{"tf":2.0},"2":{"tf":1.7320508075688772}},"df":2}}}}}"#;
        let expected: serde_json::Value = serde_json::from_str(
            r#"{"index":{"body":{"root":{"k":{"docs":{"1":{"tf":2},"2":{"tf":1.732}},"df":2}}}}}"#,
        )
        .unwrap();
        let compacted: serde_json::Value = serde_json::from_str(&compact(index)).unwrap();
        assert_eq!(compacted, expected);
    }
}
