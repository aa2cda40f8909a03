//! `zorgroute diff`: the changes between two editions named on the command
//! line, each an edition of site.yaml, the working tree, or any git ref of
//! the project's repository. The same semantic diff as the changes pages.

use std::sync::Arc;

use super::{editions, Checked, Resolved};
use crate::diag::Diagnostic;
use crate::model::changes::{Change, Edition};
use crate::model::Site;
use crate::render::theme::Theme;
use crate::resolve;

/// The changes from one edition to another.
pub struct Comparison {
    pub from: Edition,
    pub to: Edition,
    /// Per region (slug and name in the newer edition, or the older one
    /// when it is gone), only regions with changes.
    pub regions: Vec<RegionChanges>,
    /// The theme whose words the changes are shown in.
    pub theme: Arc<Theme>,
}

pub struct RegionChanges {
    pub slug: String,
    pub name: String,
    pub changes: Vec<Change>,
}

/// Why there is no comparison.
#[derive(Debug)]
pub enum CompareFailure {
    /// The working tree does not build: its problems are in the check.
    Content,
    /// No edition was named, and site.yaml lists no earlier one.
    NoEarlier,
    /// An edition named on the command line could not be read.
    Edition(Box<Diagnostic>),
}

/// One side of the comparison: an edition's name or a git ref, `None` for
/// the working tree.
fn side(checked: &Checked, resolved: &Resolved, spec: Option<&str>) -> Result<(Edition, Arc<Site>), CompareFailure> {
    let current = || {
        let edition = resolved.site.edition.clone().unwrap_or(Edition {
            name: String::new(),
            date: None,
        });
        (edition, resolved.site.clone())
    };
    let Some(spec) = spec else {
        return Ok(current());
    };
    if resolved.site.edition.as_ref().is_some_and(|e| e.name == spec) {
        return Ok(current());
    }
    let earlier = resolved.earlier.iter().find(|e| e.edition.name == spec);
    // A check without the editions cache reads every edition.
    if let Some((e, model)) = earlier.and_then(|e| Some((e, e.model.as_ref()?))) {
        return Ok((e.edition.clone(), model.site.clone()));
    }
    let project = &checked.project;
    let settings = resolve::settings(project, &mut Vec::new());
    let strings = &resolved.theme.strings;
    match editions::at_ref(project, &settings, strings, super::today(), spec) {
        Some(Ok(model)) => {
            let edition = model.site.edition.clone().unwrap_or(Edition {
                name: spec.to_string(),
                date: None,
            });
            Ok((edition, model.site))
        }
        Some(Err(d)) => Err(CompareFailure::Edition(d)),
        None => Err(CompareFailure::Content),
    }
}

/// The changes from `from` to `to` (names of editions in site.yaml, or git
/// refs). Without `from`: the newest earlier edition of site.yaml; without
/// `to`: the working tree.
pub fn compare(checked: &Checked, from: Option<&str>, to: Option<&str>) -> Result<Comparison, CompareFailure> {
    let resolved = checked.renderable().ok_or(CompareFailure::Content)?;
    let from = match from {
        Some(spec) => side(checked, resolved, Some(spec))?,
        None => {
            let newest = resolved.earlier.first().ok_or(CompareFailure::NoEarlier)?;
            let model = newest.model.as_ref().ok_or(CompareFailure::NoEarlier)?;
            (newest.edition.clone(), model.site.clone())
        }
    };
    let to = side(checked, resolved, to)?;
    let (old, new) = (&from.1, &to.1);
    let regions = crate::diff::sites(old, new, &resolved.theme.strings)
        .into_iter()
        .map(|(slug, changes)| {
            let name = (new.regions.iter().chain(&old.regions))
                .find(|r| r.slug == slug)
                .map_or_else(|| slug.clone(), |r| r.name.clone());
            RegionChanges { slug, name, changes }
        })
        .collect();
    Ok(Comparison {
        from: from.0,
        to: to.0,
        regions,
        theme: resolved.theme.clone(),
    })
}
