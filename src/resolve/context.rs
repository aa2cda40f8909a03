//! The per-region resolution context: id tables, and lookups that report
//! unknown ids, levels, dates and durations at the value's position.

use std::collections::{HashMap, HashSet};

use crate::diag::{Diagnostic, Problem};
use crate::model::*;
use crate::raw::project::{Entity, Layer, Project};
use crate::source::YamlPath;
use crate::source::{FileId, Span};
use crate::values::{parse_date, Duration};

use super::level_index;
use crate::diag::suggest::nearest;

/// Per-region resolution state: the id tables and the collected problems.
pub struct Cx<'p> {
    pub project: &'p Project,
    region: &'p str,
    base_files: HashSet<FileId>,
    levels: &'p [Level],
    ids: HashMap<Kind, HashMap<&'p str, usize>>,
    pub diags: Vec<Diagnostic>,
    /// What the region excludes, with the position of each exclusion.
    excluded: HashMap<(Kind, String), Span>,
    /// Entities whose file could not be read; see [`crate::raw::project::Layer::broken`].
    broken: HashSet<(Kind, String)>,
}

impl<'p> Cx<'p> {
    pub fn new(
        project: &'p Project,
        region: &'p Layer,
        base: Option<&Layer>,
        levels: &'p [Level],
        ids: HashMap<Kind, HashMap<&'p str, usize>>,
        excluded: HashMap<(Kind, String), Span>,
    ) -> Cx<'p> {
        let broken = base
            .iter()
            .chain([&region])
            .flat_map(|l| l.broken.iter().cloned())
            .collect();
        let mut base_files = HashSet::new();
        if let Some(b) = base {
            let e = &b.entities;
            base_files.extend(e.actors.iter().map(|x| x.file));
            base_files.extend(e.procedures.iter().map(|x| x.file));
            base_files.extend(e.agreements.iter().map(|x| x.file));
            base_files.extend(e.routes.iter().map(|x| x.file));
            base_files.extend(e.pages.iter().map(|x| x.file));
        }
        Cx {
            project,
            region: &region.name,
            base_files,
            levels,
            ids,
            diags: Vec::new(),
            excluded,
            broken,
        }
    }

    pub fn push(&mut self, d: Diagnostic) {
        // A mistake in a standard file shows per region only when it depends on the region.
        let d = match d.span {
            Some(span) if d.is_error() && self.base_files.contains(&span.file) => d.in_region(self.region),
            _ => d,
        };
        self.diags.push(d);
    }

    pub fn span(&self, file: FileId, path: &YamlPath) -> Span {
        self.project.sources.value_span(file, path)
    }

    pub fn error(&mut self, problem: Problem, file: FileId, path: &YamlPath) {
        let span = self.span(file, path);
        self.push(Diagnostic::error(problem, Some(span)));
    }

    /// Looks up `id` of `kind`; an unknown id is reported at `path` with the nearest ids.
    pub fn lookup(&mut self, kind: Kind, id: &str, file: FileId, path: &YamlPath) -> Option<usize> {
        if let Some(&ix) = self.ids.get(&kind).and_then(|m| m.get(id)) {
            return Some(ix);
        }
        let span = self.span(file, path);
        self.unknown(kind, id, span);
        None
    }

    /// Reports a reference to an id the region does not have: excluded by
    /// the region (pointing at the exclusion too) or simply unknown.
    pub fn unknown(&mut self, kind: Kind, id: &str, span: Span) {
        if self.broken.contains(&(kind, id.to_string())) {
            return;
        }
        let diagnostic = match self.excluded.get(&(kind, id.to_string())) {
            Some(&exclusion) => Diagnostic::error(
                Problem::ExcludedButReferenced {
                    kind,
                    id: id.to_string(),
                },
                Some(span),
            )
            .with_related(exclusion),
            None => Diagnostic::error(
                Problem::UnknownId {
                    kind,
                    id: id.to_string(),
                    suggestions: self.nearest(kind, id),
                },
                Some(span),
            ),
        };
        self.push(diagnostic);
    }

    pub fn nearest(&self, kind: Kind, id: &str) -> Vec<String> {
        let Some(map) = self.ids.get(&kind) else {
            return Vec::new();
        };
        nearest(id, map.keys().copied())
    }

    pub fn actor(&mut self, id: &str, file: FileId, path: &YamlPath) -> Option<ActorIx> {
        self.lookup(Kind::Actor, id, file, path).map(Ix::new)
    }

    pub fn procedure(&mut self, id: &str, file: FileId, path: &YamlPath) -> Option<ProcIx> {
        self.lookup(Kind::Procedure, id, file, path).map(Ix::new)
    }

    pub fn actors(&mut self, ids: &[String], file: FileId, path: &YamlPath) -> Vec<ActorIx> {
        self.list(Kind::Actor, ids, file, path)
    }

    pub fn procedures(&mut self, ids: &[String], file: FileId, path: &YamlPath) -> Vec<ProcIx> {
        self.list(Kind::Procedure, ids, file, path)
    }

    /// The ids of a list at `path` that name an entity of `kind`; each
    /// other one is reported at its item.
    fn list<T>(&mut self, kind: Kind, ids: &[String], file: FileId, path: &YamlPath) -> Vec<Ix<T>> {
        ids.iter()
            .enumerate()
            .filter_map(|(i, id)| self.lookup(kind, id, file, &path.index(i)).map(Ix::new))
            .collect()
    }

    pub fn level(&mut self, id: &str, file: FileId) -> LevelIx {
        if let Some(ix) = level_index(self.levels, id) {
            return ix;
        }
        let levels = self.levels.iter().map(|l| l.id.clone()).collect();
        self.error(
            Problem::UnknownLevel {
                level: id.to_string(),
                levels,
            },
            file,
            &YamlPath::field("level"),
        );
        0
    }

    pub fn duration(&mut self, text: Option<&str>, file: FileId, path: &YamlPath) -> Option<Duration> {
        let text = text?;
        let parsed = Duration::parse(text);
        if parsed.is_none() {
            self.error(
                Problem::InvalidDuration {
                    value: text.to_string(),
                },
                file,
                path,
            );
        }
        parsed
    }

    pub fn date(&mut self, text: Option<&str>, file: FileId, path: &YamlPath) -> Option<time::Date> {
        let text = text?;
        let parsed = parse_date(text);
        if parsed.is_none() {
            self.error(
                Problem::InvalidDate {
                    value: text.to_string(),
                },
                file,
                path,
            );
        }
        parsed
    }

    pub fn meta<T>(&self, e: &Entity<T>, origin: Origin, aliases: &[String]) -> Meta {
        Meta {
            id: e.id.clone(),
            origin,
            file: e.file,
            aliases: aliases.to_vec(),
            changed: self.project.changed(e.file),
        }
    }
}
