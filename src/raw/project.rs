//! The raw project: every file of content/ as it was read and parsed, by
//! folder (layer) and kind, before inheritance or any reference is resolved.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Arc;

use super::markdown::Markdown;
use super::*;
use crate::diag::Diagnostic;
use crate::kinds::Kind;
use crate::source::{FileId, Sources};

/// A whole-file document: `site.yaml`, `region.yaml`, `glossary.yaml`.
#[derive(Debug)]
pub struct Loaded<T> {
    pub file: FileId,
    pub data: T,
}

/// An entity file: an actor, procedure, agreement, route or page.
#[derive(Debug, Clone)]
pub struct Entity<T> {
    pub file: FileId,
    pub id: String,
    /// Shared, so that the load cache hands it out without copying.
    pub data: Arc<T>,
    pub body: Arc<Markdown>,
}

/// Everything of one kind that a layer defines.
#[derive(Debug, Default)]
pub struct Entities {
    pub actors: Vec<Entity<RawActor>>,
    pub procedures: Vec<Entity<RawProcedure>>,
    pub agreements: Vec<Entity<RawAgreement>>,
    pub routes: Vec<Entity<RawRoute>>,
    pub pages: Vec<Entity<RawPage>>,
}

/// A folder under content/: a base (name starting with `_`, e.g. the standard
/// route) or a region.
#[derive(Debug, Default)]
pub struct Layer {
    pub name: String,
    pub is_base: bool,
    pub config: Option<Loaded<RawRegion>>,
    pub glossary: Option<Loaded<RawGlossary>>,
    pub entities: Entities,
    /// Files found in the folder, of any kind (an empty region is a mistake).
    pub files: usize,
    /// Other files (forms, images), copied next to the region's pages.
    pub assets: Vec<Asset>,
    /// Entity files that could not be read, by kind and the id their name
    /// gives. References to them are not reported again: the file's own
    /// problem already is.
    pub broken: Vec<(Kind, String)>,
}

/// A file of a layer that is not content (a form, an image): copied as it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Asset {
    /// Its path inside the layer folder, with `/` separators.
    pub path: String,
    /// The file on disk (for a project in memory: its path below the root).
    pub on_disk: PathBuf,
    /// Its size, when known (from the disk's stamp or the bytes read).
    pub bytes: Option<u64>,
}

/// The raw project: what the files say.
#[derive(Debug, Default)]
pub struct Project {
    pub root: PathBuf,
    pub content_dir: PathBuf,
    pub sources: Sources,
    pub site: Option<Loaded<RawSite>>,
    pub layers: BTreeMap<String, Layer>,
    pub diagnostics: Vec<Diagnostic>,
    /// When each file last changed (see `load::changed`), by file id.
    pub changed: Vec<Option<time::Date>>,
}

impl Project {
    /// When a file last changed, if known.
    pub fn changed(&self, file: FileId) -> Option<time::Date> {
        self.changed.get(file.0 as usize).copied().flatten()
    }

    pub fn regions(&self) -> impl Iterator<Item = &Layer> {
        self.layers.values().filter(|l| !l.is_base)
    }
}

/// What the loader needs to know of every raw entity type.
pub trait RawEntity {
    /// The `id` field, if the file sets one.
    fn id_field(&self) -> Option<&str>;
    /// How many steps the entity has: their anchors `stap-N` are reserved
    /// before the body is compiled, so a heading never takes one.
    fn step_count(&self) -> usize {
        0
    }
}

macro_rules! raw_entity {
    ($($t:ty),*) => {$(impl RawEntity for $t { fn id_field(&self) -> Option<&str> { self.id.as_deref() } })*};
}
raw_entity!(RawActor, RawAgreement, RawRoute, RawPage);

impl RawEntity for RawProcedure {
    fn id_field(&self) -> Option<&str> {
        self.id.as_deref()
    }
    fn step_count(&self) -> usize {
        self.steps.len()
    }
}
