//! The preview's editor: every page of `zorgroute serve` gets a bar with
//! "Bewerken", which opens a form made from the JSON Schema of the file
//! behind the page. Saving sends the changed values (SPEC section 8); they are
//! checked with the whole project, written at their spans atomically, and
//! the page is rebuilt before the answer goes back. Only on 127.0.0.1, only
//! with this run's token, never in a built site.

mod api;
mod form;
mod guard;

use std::collections::HashMap;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock, RwLock};

use axum::routing::{get, post};
use axum::Router;

use super::Preview;
use crate::escape;
use crate::kinds::Kind;
use crate::model::Site;
use crate::plan::{self, PageKind};
use crate::source::Sources;

/// The editor's share of the preview.
pub struct Editor {
    root: PathBuf,
    /// This run's secret: in every page, required on every change.
    token: String,
    /// Where the preview listens: the only origin changes may come from.
    address: OnceLock<SocketAddr>,
    /// What the last good build said: the file behind each page, the language.
    known: RwLock<Known>,
}

#[derive(Default)]
struct Known {
    pages: HashMap<String, PageSource>,
    lang: crate::i18n::Lang,
}

/// What the editor offers on one page.
#[derive(Debug, Clone, Default)]
struct PageSource {
    /// The file behind the page (`content/...`).
    file: Option<String>,
    /// The region the page belongs to.
    region: Option<String>,
    /// An index page offers a new entity of its kind.
    new_kind: Option<Kind>,
}

/// The editor's tags for one page: what goes in the head (the token, the
/// bar's stylesheet) and the bar itself.
pub struct PageExtras {
    pub head: String,
    pub bar: String,
}

impl Editor {
    pub fn new(root: &Path) -> Editor {
        let mut secret = [0u8; 16];
        // Without a random source the token would be guessable: then the
        // editor refuses every change (an empty token matches no request).
        let token = match getrandom::fill(&mut secret) {
            Ok(()) => secret.iter().map(|b| format!("{b:02x}")).collect(),
            Err(_) => String::new(),
        };
        Editor {
            root: root.to_path_buf(),
            token,
            address: OnceLock::new(),
            known: RwLock::default(),
        }
    }

    pub fn listening_on(&self, address: SocketAddr) {
        let _ = self.address.set(address);
    }

    /// Learns the file behind every page of a good build.
    pub fn learn_sources(&self, site: &Site, sources: &Sources) {
        let name = |file| sources.get(file).name.clone();
        let site_file = sources
            .iter()
            .map(|(_, f)| &f.name)
            .find(|n| *n == "content/site.yaml" || *n == "content/site.yml")
            .cloned();
        let map = plan::jobs(site)
            .into_iter()
            .filter_map(|job| {
                let region = job.region.map(|r| site.region(r));
                let slug = region.map(|r| r.slug.clone());
                let source = match (&job.kind, region) {
                    (PageKind::SiteHome, _) => PageSource {
                        file: site_file.clone(),
                        ..PageSource::default()
                    },
                    (PageKind::RegionHome, Some(r)) => PageSource {
                        file: Some(name(r.file)),
                        region: slug,
                        new_kind: None,
                    },
                    // The region's own glossary, else the standard's it reads.
                    (PageKind::Glossary, Some(r)) => {
                        let named = |layer: &str| {
                            let wanted = [
                                format!("content/{layer}/glossary.yaml"),
                                format!("content/{layer}/glossary.yml"),
                            ];
                            sources
                                .iter()
                                .map(|(_, f)| &f.name)
                                .find(|n| wanted.contains(n))
                                .cloned()
                        };
                        let own = named(&r.slug);
                        PageSource {
                            region: own.as_ref().and(slug),
                            file: own.or_else(|| named(r.base.as_deref()?)),
                            new_kind: None,
                        }
                    }
                    (PageKind::Index(kind), Some(_)) => PageSource {
                        file: None,
                        region: slug,
                        new_kind: Some(*kind),
                    },
                    (kind, Some(r)) => {
                        let entity = kind.entity()?;
                        PageSource {
                            file: Some(name(r.entity(entity).meta.file)),
                            region: slug,
                            new_kind: None,
                        }
                    }
                    _ => return None,
                };
                Some((job.path, source))
            })
            .collect();
        if let Ok(mut known) = self.known.write() {
            *known = Known {
                pages: map,
                lang: site.lang,
            };
        }
    }

    /// The bar and head tags for the page at `path` (a store key).
    pub fn page_extras(&self, path: &str) -> PageExtras {
        let (source, lang) = self.known.read().map_or_else(
            |_| (PageSource::default(), crate::i18n::Lang::default()),
            |k| (k.pages.get(path).cloned().unwrap_or_default(), k.lang),
        );
        let strings = form::strings(lang);
        let back = format!("/{}", path.strip_suffix("index.html").unwrap_or(path));
        let mut links = Vec::new();
        if let Some(file) = &source.file {
            let mut href = format!("/_bewerken/?pad={}&terug={}", query(file), query(&back));
            if let Some(region) = &source.region {
                href.push_str(&format!("&regio={}", query(region)));
            }
            links.push(format!(
                "<a class=\"zr-editbar-link\" href=\"{}\">{}</a>",
                escape::html(&href),
                escape::html_text(strings.get("edit_page"))
            ));
        }
        if let (Some(kind), Some(region)) = (source.new_kind, &source.region) {
            let href = format!(
                "/_bewerken/nieuw?soort={}&regio={}&terug={}",
                kind.word(),
                query(region),
                query(&back)
            );
            links.push(format!(
                "<a class=\"zr-editbar-link\" href=\"{}\">{}</a>",
                escape::html(&href),
                escape::html_text(strings.get(&format!("new_{}", kind.word())))
            ));
        }
        let bar = match links.is_empty() {
            true => String::new(),
            false => format!(
                "<nav class=\"zr-editbar\" aria-label=\"{}\">{}</nav>",
                escape::html(strings.get("editor")),
                links.join(" ")
            ),
        };
        PageExtras {
            head: format!(
                "<meta name=\"zorgroute-token\" content=\"{}\"><link rel=\"stylesheet\" href=\"/_bewerken/editor.css\">",
                escape::html(&self.token)
            ),
            bar,
        }
    }

    fn lang(&self) -> crate::i18n::Lang {
        self.known.read().map_or_else(|_| Default::default(), |k| k.lang)
    }
}

/// A value for a URL's query.
fn query(value: &str) -> String {
    percent_encoding::utf8_percent_encode(value, percent_encoding::NON_ALPHANUMERIC).to_string()
}

/// The editor's routes, all under `/_bewerken/`.
pub fn routes(preview: Arc<Preview>) -> Router {
    Router::new()
        .route("/_bewerken/", get(api::page))
        .route("/_bewerken/nieuw", get(api::page))
        .route("/_bewerken/editor.js", get(api::script))
        .route("/_bewerken/editor.css", get(api::stylesheet))
        .route("/_bewerken/api/bestand", get(api::read_file).post(api::write_file))
        .route("/_bewerken/api/formulier", get(api::form))
        .route("/_bewerken/api/eigen-versie", post(api::override_file))
        .route("/_bewerken/api/nieuw", post(api::new_file))
        .route("/_bewerken/api/voorbeeld", post(api::preview_text))
        .with_state(preview)
}
