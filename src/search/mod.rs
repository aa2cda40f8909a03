//! The search index of a region, built at build time for the search page:
//! an elasticlunr index (the format mdBook uses) with Dutch or English
//! stemming, written as a script so it loads from `file://` too.
//!
//! The browser runs the same steps on a query as this module runs on the
//! text: [`tokens`] (lower case, accents folded, split on anything that is
//! not a letter or digit), then the language's trimmer, stop-word filter and
//! Snowball stemmer. In Rust these come from elasticlunr-rs (rust-stemmers),
//! in the browser from lunr-languages; the browser suite checks that both
//! give the same stems for every word of the example.

use std::collections::HashSet;

use elasticlunr::lang::common::RegexTrimmer;
use elasticlunr::lang::{English, Language};
use elasticlunr::pipeline::PipelineFn;
use elasticlunr::{IndexBuilder, Pipeline};
use rayon::prelude::*;
use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

use crate::i18n::{Lang, Strings};
use crate::model::*;
use crate::urls;

mod compact;

/// The global the index script assigns; `zoeken.js` reads it.
pub const SCRIPT_GLOBAL: &str = "zorgrouteZoekindex";

/// The index's fields, in the order documents give them. Their weights are
/// set in `zoeken.js`, where the query runs.
const FIELDS: [&str; 3] = ["title", "keywords", "body"];

/// What kind of page a result is, shown as a label beside it. The order is
/// the order of `kinds` in the index file.
#[derive(Debug, Clone, Copy)]
enum DocKind {
    Procedure,
    Actor,
    Agreement,
    Route,
    Page,
    Term,
    Form,
}

impl DocKind {
    const ALL: [DocKind; 7] = [
        DocKind::Procedure,
        DocKind::Actor,
        DocKind::Agreement,
        DocKind::Route,
        DocKind::Page,
        DocKind::Term,
        DocKind::Form,
    ];

    fn label_key(self) -> &'static str {
        match self {
            DocKind::Procedure => "search_kind_procedure",
            DocKind::Actor => "search_kind_actor",
            DocKind::Agreement => "search_kind_agreement",
            DocKind::Route => "search_kind_route",
            DocKind::Page => "search_kind_page",
            DocKind::Term => "search_kind_term",
            DocKind::Form => "search_kind_form",
        }
    }
}

/// One result the search can show: a page, or a term of the glossary.
struct SearchDoc {
    /// Path from the site root.
    url: String,
    title: String,
    kind: DocKind,
    /// Names that belong to the page without being its text: who takes part,
    /// the page id, and glossary words added by [`glossary_keywords`].
    keywords: Vec<String>,
    /// The page's text: summary, steps and body. Snippets are cut from its start.
    text: String,
}

/// How much of a page's text the index keeps for snippets. The whole text
/// is searched, but storing all of it would make the text four fifths of
/// the file; the start (summary, steps) says most about a page, and a match
/// further on shows the start as its snippet.
const STORED_TEXT_CHARS: usize = 600;

/// The start of `text`, at most [`STORED_TEXT_CHARS`] characters, cut at a space.
fn stored_text(text: &str) -> &str {
    match text.char_indices().nth(STORED_TEXT_CHARS) {
        None => text,
        Some((limit, _)) => {
            let cut = text[..limit].rfind(char::is_whitespace).unwrap_or(limit);
            text[..cut].trim_end()
        }
    }
}

/// The region's search index as a script: `window.zorgrouteZoekindex = {...};`.
pub fn index_script(site: &Site, region: &Region, strings: &Strings) -> String {
    let mut out = Vec::new();
    // Writing into memory does not fail, and the script is JSON's UTF-8.
    let _ = write_index_script(site, region, strings, &mut out);
    String::from_utf8(out).unwrap_or_default()
}

/// [`index_script`] written into `out` as it is made: the file the browser
/// loads holds the stored fields for showing results (`lang`, `kinds`, and
/// per document its url, title, kind and the start of its text; its
/// position is its ref in the index) and elasticlunr's index, made smaller
/// by [`compact`]. A large region's index is tens of megabytes: it is not
/// also held as a string to copy into the script.
pub fn write_index_script(
    site: &Site,
    region: &Region,
    strings: &Strings,
    out: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    let mut docs = documents(region);
    let glossary = GlossaryPairs::new(&region.glossary);
    // Each document on its own, so in parallel; adding them to the index
    // below is one sequence. Without abbreviations there is nothing to find.
    if !glossary.0.is_empty() {
        docs.par_iter_mut().for_each(|doc| {
            let words = tokens(&format!("{} {} {}", doc.title, doc.keywords.join(" "), doc.text));
            doc.keywords.extend(glossary.expansions(&words));
        });
    }
    let mut index = IndexBuilder::with_language(Box::new(SearchLanguage(site.lang)))
        .save_docs(false)
        .add_fields(FIELDS)
        .build();
    for (i, doc) in docs.iter_mut().enumerate() {
        index.add_doc(&i.to_string(), [&doc.title, &doc.keywords.join(" "), &doc.text]);
        // Only the start of the text is kept from here on.
        let stored = stored_text(&doc.text).len();
        doc.text.truncate(stored);
        doc.text.shrink_to_fit();
        doc.keywords = Vec::new();
    }
    // Serialising maps of strings and numbers cannot fail.
    let serialised = serde_json::to_string(&index).unwrap_or_default();
    drop(index);
    let compacted = compact::compact(&serialised);
    drop(serialised);
    let kinds: Vec<&str> = DocKind::ALL.iter().map(|k| strings.get(k.label_key())).collect();
    let docs: Vec<(&str, &str, usize, &str)> = (docs.iter())
        .map(|d| (d.url.as_str(), d.title.as_str(), d.kind as usize, d.text.as_str()))
        .collect();
    write!(out, "window.{SCRIPT_GLOBAL} = {{\"lang\":")?;
    serde_json::to_writer(&mut *out, site.lang.code())?;
    out.write_all(b",\"kinds\":")?;
    serde_json::to_writer(&mut *out, &kinds)?;
    out.write_all(b",\"docs\":")?;
    serde_json::to_writer(&mut *out, &docs)?;
    out.write_all(b",\"index\":")?;
    out.write_all(compacted.as_bytes())?;
    out.write_all(b"};\n")
}

/// Every searchable document of a region, in the order of the model.
fn documents(region: &Region) -> Vec<SearchDoc> {
    let slug = &region.slug;
    let actor_name = |ix: &ActorIx| region.actor(*ix).name.clone();
    let mut docs = Vec::new();
    if let Some(home) = &region.home {
        docs.push(SearchDoc {
            url: urls::region_home(slug),
            title: region.name.clone(),
            kind: DocKind::Page,
            keywords: region.code.iter().cloned().collect(),
            text: join_text([home.summary.as_deref(), Some(&home.body.md.text)]),
        });
    }
    for p in &region.procedures {
        let mut keywords = vec![p.meta.id.clone()];
        keywords.extend(p.owner.iter().chain(&p.participants).map(actor_name));
        keywords.extend(p.steps.iter().filter_map(|s| s.actor.as_ref()).map(actor_name));
        let steps = p
            .steps
            .iter()
            .flat_map(|s| [Some(s.title.as_str()), s.description.as_deref(), s.output.as_deref()]);
        let escalations = p.escalates_to.iter().map(|e| e.when.as_deref());
        docs.push(SearchDoc {
            url: urls::entity(slug, Kind::Procedure, &p.meta.id),
            title: p.title.clone(),
            kind: DocKind::Procedure,
            keywords,
            text: join_text(
                [p.summary.as_deref(), p.trigger.as_deref()]
                    .into_iter()
                    .chain(steps)
                    .chain(escalations)
                    .chain([Some(p.body.md.text.as_str())]),
            ),
        });
    }
    for a in &region.actors {
        let mut keywords = vec![a.meta.id.clone()];
        keywords.extend(a.members.iter().map(actor_name));
        docs.push(SearchDoc {
            url: urls::entity(slug, Kind::Actor, &a.meta.id),
            title: a.name.clone(),
            kind: DocKind::Actor,
            keywords,
            text: join_text([a.summary.as_deref(), Some(&a.body.md.text)]),
        });
    }
    for a in &region.agreements {
        let mut keywords = vec![a.meta.id.clone()];
        keywords.extend(a.parties.iter().map(actor_name));
        let commitments = a.commitments.iter().map(|c| Some(c.text.as_str()));
        docs.push(SearchDoc {
            url: urls::entity(slug, Kind::Agreement, &a.meta.id),
            title: a.title.clone(),
            kind: DocKind::Agreement,
            keywords,
            text: join_text(
                [a.summary.as_deref()]
                    .into_iter()
                    .chain(commitments)
                    .chain([Some(a.body.md.text.as_str())]),
            ),
        });
    }
    for r in &region.routes {
        let steps = r
            .steps
            .iter()
            .flat_map(|s| [Some(region.procedure(s.procedure).title.as_str()), s.when.as_deref()]);
        docs.push(SearchDoc {
            url: urls::entity(slug, Kind::Route, &r.meta.id),
            title: r.title.clone(),
            kind: DocKind::Route,
            keywords: vec![r.meta.id.clone()],
            text: join_text([r.summary.as_deref()].into_iter().chain(steps)),
        });
    }
    for p in &region.pages {
        docs.push(SearchDoc {
            url: urls::entity(slug, Kind::Page, &p.meta.id),
            title: p.title.clone(),
            kind: DocKind::Page,
            keywords: vec![p.meta.id.clone()],
            text: join_text([p.summary.as_deref(), Some(&p.body.md.text)]),
        });
    }
    let glossary_url = urls::glossary(slug);
    for term in &region.glossary {
        docs.push(SearchDoc {
            url: format!("{glossary_url}#{}", term.id),
            title: match &term.abbreviation {
                Some(abbreviation) => format!("{} ({abbreviation})", term.term),
                None => term.term.clone(),
            },
            kind: DocKind::Term,
            keywords: Vec::new(),
            text: term.definition.clone(),
        });
    }
    // A form leads to its row on the forms page, which links the file and
    // the procedures that use it.
    for f in &region.forms {
        let used_by = f.procedures.iter().map(|&p| Some(region.procedure(p).title.as_str()));
        docs.push(SearchDoc {
            url: urls::form_on_page(slug, &f.anchor),
            title: f.title.clone(),
            kind: DocKind::Form,
            keywords: f.source.file_type().into_iter().collect(),
            text: join_text(used_by),
        });
    }
    docs
}

/// The present parts of a text, one paragraph each (a snippet never runs two together).
fn join_text<'a>(parts: impl IntoIterator<Item = Option<&'a str>>) -> String {
    let parts: Vec<&str> = parts
        .into_iter()
        .flatten()
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    parts.join("\n")
}

/// Splits text into search words: lower case, accents folded (`é` → `e`),
/// split at anything that is not a letter or a digit. `zoeken.js` does the
/// same to a query (`toLowerCase`, `normalize('NFD')`, strip `\p{M}`).
pub fn tokens(text: &str) -> Vec<String> {
    let mut words = Vec::new();
    // Marks stay inside a word until folded; most words are plain ASCII and
    // skip the (costly) decomposition.
    for piece in text.split(|c: char| !(c.is_alphanumeric() || is_combining_mark(c))) {
        if piece.is_empty() {
            continue;
        }
        if piece.is_ascii() {
            words.push(piece.to_ascii_lowercase());
            continue;
        }
        let folded: String = piece.to_lowercase().nfd().filter(|c| !is_combining_mark(*c)).collect();
        words.extend(
            folded
                .split(|c: char| !c.is_alphanumeric())
                .filter(|word| !word.is_empty())
                .map(str::to_string),
        );
    }
    words
}

/// The glossary's abbreviations with their full terms, as search words, so a
/// page that says "ZAT" is found by "zorg- en adviesteam" and the other way round.
struct GlossaryPairs(Vec<(Vec<String>, Vec<String>, String, String)>);

impl GlossaryPairs {
    fn new(glossary: &[Term]) -> Self {
        GlossaryPairs(
            glossary
                .iter()
                .filter_map(|t| {
                    let abbreviation = t.abbreviation.as_ref()?;
                    Some((
                        tokens(&t.term),
                        tokens(abbreviation),
                        t.term.clone(),
                        abbreviation.clone(),
                    ))
                })
                .filter(|(term, abbreviation, _, _)| !term.is_empty() && !abbreviation.is_empty())
                .collect(),
        )
    }

    /// The other form of every glossary word that `words` contain.
    fn expansions(&self, words: &[String]) -> Vec<String> {
        let present: HashSet<&str> = words.iter().map(String::as_str).collect();
        let mut found = Vec::new();
        for (term_words, abbreviation_words, term, abbreviation) in &self.0 {
            if contains_run(words, &present, abbreviation_words) {
                found.push(term.clone());
            }
            if contains_run(words, &present, term_words) {
                found.push(abbreviation.clone());
            }
        }
        found
    }
}

/// Whether `needle` occurs in `words` as consecutive words.
fn contains_run(words: &[String], present: &HashSet<&str>, needle: &[String]) -> bool {
    if !needle.iter().all(|w| present.contains(w.as_str())) {
        return false;
    }
    words.windows(needle.len()).any(|window| window == needle)
}

/// The site's language as an elasticlunr language: our tokenizer, and the
/// pipeline of elasticlunr-rs. Dutch functions are named as lunr-languages'
/// `lunr.nl.js` registers them (elasticlunr-rs still uses the old code `du`).
struct SearchLanguage(Lang);

impl Language for SearchLanguage {
    fn name(&self) -> String {
        match self.0 {
            Lang::Nl => "Dutch".into(),
            Lang::En => "English".into(),
        }
    }

    fn code(&self) -> String {
        self.0.code().into()
    }

    fn tokenize(&self, text: &str) -> Vec<String> {
        tokens(text)
    }

    fn make_pipeline(&self) -> Pipeline {
        let queue = match self.0 {
            Lang::En => English::new().make_pipeline().queue,
            Lang::Nl => {
                // elasticlunr-rs's Dutch trimmer comes first and drops digits;
                // lunr-languages 1.22 keeps ASCII digits, so "2025" is a word in both.
                let trimmer: Box<dyn PipelineFn> = Box::new(RegexTrimmer::new("trimmer-nl", r"\p{Latin}0-9"));
                let rest = elasticlunr::lang::Dutch::new()
                    .make_pipeline()
                    .queue
                    .into_iter()
                    .skip(1);
                std::iter::once(trimmer).chain(rest).collect()
            }
        };
        remembering(queue)
    }
}

/// `queue` as a pipeline that remembers each word's outcome: a handbook
/// repeats its words, and trimming (a regex), dropping stop words and
/// stemming every occurrence again was most of building the index. The
/// first function runs the whole chain, once per distinct word (elasticlunr
/// runs the chain word by word, so the result is the same); the others keep
/// their places and names, which the index records for the browser to run
/// the same functions, and pass words on. Dutch functions are named as
/// lunr-languages' `lunr.nl.js` registers them (elasticlunr-rs still uses the
/// old code `du`).
fn remembering(queue: Vec<Box<dyn PipelineFn>>) -> Pipeline {
    let names: Vec<String> = queue.iter().map(|f| f.name().replace("-du", "-nl")).collect();
    let mut names = names.into_iter();
    let Some(first) = names.next() else {
        return Pipeline { queue };
    };
    let chain = Box::new(Chain {
        name: first,
        functions: queue,
        memo: Default::default(),
    }) as Box<dyn PipelineFn>;
    Pipeline {
        queue: std::iter::once(chain)
            .chain(names.map(|name| Box::new(PassOn(name)) as Box<dyn PipelineFn>))
            .collect(),
    }
}

/// A whole pipeline under the name of its first function, remembering its answers.
struct Chain {
    name: String,
    functions: Vec<Box<dyn PipelineFn>>,
    memo: std::sync::Mutex<rustc_hash::FxHashMap<String, Option<String>>>,
}

impl Chain {
    fn run(&self, token: String) -> Option<String> {
        self.functions.iter().try_fold(token, |token, f| f.filter(token))
    }
}

impl PipelineFn for Chain {
    fn name(&self) -> String {
        self.name.clone()
    }

    fn filter(&self, token: String) -> Option<String> {
        let Ok(mut memo) = self.memo.lock() else {
            return self.run(token);
        };
        if let Some(known) = memo.get(&token) {
            return known.clone();
        }
        let answer = self.run(token.clone());
        memo.insert(token, answer.clone());
        answer
    }
}

/// A pipeline function whose work [`Chain`] did: keeps its name in the index.
struct PassOn(String);

impl PipelineFn for PassOn {
    fn name(&self) -> String {
        self.0.clone()
    }

    fn filter(&self, token: String) -> Option<String> {
        Some(token)
    }
}

/// The stems the index holds for a text, as the browser computes them for a query.
pub fn stems(lang: Lang, text: &str) -> Vec<String> {
    SearchLanguage(lang).make_pipeline().run(tokens(text))
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// The fast path gives exactly the words of the plain definition the
        /// browser uses: lower case, decompose, drop marks, split.
        #[test]
        fn tokens_match_the_plain_definition(text in "[a-zA-Z0-9 ,.'/éëïüöèàçÉËĲĳ\u{301}\u{308}ßİ-]{0,40}") {
            let folded: String = text.to_lowercase().nfd().filter(|c| !is_combining_mark(*c)).collect();
            let plain: Vec<String> = folded
                .split(|c: char| !c.is_alphanumeric())
                .filter(|w| !w.is_empty())
                .map(str::to_string)
                .collect();
            proptest::prop_assert_eq!(tokens(&text), plain);
        }
    }

    #[test]
    fn tokens_fold_accents_and_split_at_punctuation() {
        assert_eq!(
            tokens("Financiële crèche-zorg, ouder/verzorger IB'er"),
            ["financiele", "creche", "zorg", "ouder", "verzorger", "ib", "er"]
        );
    }

    #[test]
    fn dutch_plurals_share_a_stem() {
        assert_eq!(stems(Lang::Nl, "leerlingen"), stems(Lang::Nl, "leerling"));
        assert_eq!(
            stems(Lang::Nl, "de verzuimmeldingen"),
            stems(Lang::Nl, "verzuimmelding")
        );
        assert!(stems(Lang::Nl, "de en het").is_empty(), "stop words are left out");
        assert_eq!(
            stems(Lang::Nl, "schooljaar 2025"),
            ["schooljar", "2025"],
            "numbers are words"
        );
    }

    #[test]
    fn stored_text_is_cut_at_a_space() {
        let long = "woord ".repeat(200);
        let stored = stored_text(&long);
        assert!(stored.chars().count() <= STORED_TEXT_CHARS && stored.ends_with("woord"));
        assert_eq!(stored_text("kort"), "kort");
    }

    #[test]
    fn abbreviations_and_terms_expand_both_ways() {
        let glossary = GlossaryPairs(vec![(
            tokens("Zorg- en adviesteam"),
            tokens("ZAT"),
            "Zorg- en adviesteam".into(),
            "ZAT".into(),
        )]);
        assert_eq!(
            glossary.expansions(&tokens("Meld het bij het ZAT.")),
            ["Zorg- en adviesteam"]
        );
        assert_eq!(glossary.expansions(&tokens("Het zorg- en adviesteam besluit")), ["ZAT"]);
        assert!(glossary.expansions(&tokens("zorg en advies")).is_empty());
    }
}
