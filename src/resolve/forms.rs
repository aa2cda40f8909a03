//! Forms: each document's `file` checked against the files the region may
//! use (its own folder's, else its base's, as entities are inherited), and
//! the region's list of forms with the procedures that list each.

use std::collections::{BTreeMap, HashMap, HashSet};

use crate::diag::suggest::nearest;
use crate::diag::Problem;
use crate::model::*;
use crate::raw::project::Asset;
use crate::source::{FileId, YamlPath};
use crate::urls;

use super::context::Cx;

/// Fills `region.forms` from its procedures' documents and points each
/// document at its form; a `file` that is missing or outside the folders is
/// reported at the value. `assets` are the region's files by path.
pub fn resolve(cx: &mut Cx<'_>, region: &mut Region, assets: &BTreeMap<&str, &Asset>) {
    let mut forms: Vec<Form> = Vec::new();
    let mut by_source: HashMap<FormSource, usize> = HashMap::new();
    // (procedure, document, form in `forms`)
    let mut uses: Vec<(usize, usize, usize)> = Vec::new();
    for (pi, p) in region.procedures.iter().enumerate() {
        for (di, d) in p.documents.iter().enumerate() {
            let Some(source) = source(cx, p.meta.file, di, d, assets) else {
                continue;
            };
            let fi = *by_source.entry(source.clone()).or_insert_with(|| {
                forms.push(Form {
                    title: d.title.clone(),
                    source,
                    anchor: String::new(),
                    procedures: Vec::new(),
                });
                forms.len() - 1
            });
            let pix = ProcIx::new(pi);
            if forms[fi].procedures.last() != Some(&pix) {
                forms[fi].procedures.push(pix);
            }
            uses.push((pi, di, fi));
        }
    }
    // By title, as readers look for them; then by where they are, for a stable order.
    let mut order: Vec<usize> = (0..forms.len()).collect();
    order.sort_by_cached_key(|&i| (forms[i].title.to_lowercase(), forms[i].source.clone()));
    let mut new_place = vec![0; forms.len()];
    for (new, &old) in order.iter().enumerate() {
        new_place[old] = new;
    }
    let mut slots: Vec<Option<Form>> = forms.into_iter().map(Some).collect();
    let mut sorted: Vec<Form> = order.iter().filter_map(|&i| slots[i].take()).collect();
    let mut taken = HashSet::new();
    for form in &mut sorted {
        let base = urls::form_anchor(&form.title);
        let mut anchor = base.clone();
        let mut n = 2;
        while !taken.insert(anchor.clone()) {
            anchor = format!("{base}-{n}");
            n += 1;
        }
        form.anchor = anchor;
    }
    for (pi, di, fi) in uses {
        region.procedures[pi].documents[di].form = Some(FormIx::new(new_place[fi]));
    }
    region.forms = sorted;
}

/// Where document `index` of a procedure's file is: its file (which must
/// exist), else its address; `None` when it has neither or its file is a mistake.
fn source(
    cx: &mut Cx<'_>,
    file: FileId,
    index: usize,
    d: &Document,
    assets: &BTreeMap<&str, &Asset>,
) -> Option<FormSource> {
    let Some(written) = &d.file else {
        return d.url.clone().map(FormSource::Url);
    };
    let at = YamlPath::field("documents").index(index).key("file");
    let Some(path) = inside(written) else {
        cx.error(Problem::FormOutside { file: written.clone() }, file, &at);
        return None;
    };
    match assets.get(path.as_str()) {
        Some(asset) => Some(FormSource::File {
            path: asset.path.clone(),
            bytes: asset.bytes,
        }),
        None => {
            let suggestions = nearest(&path, assets.keys().copied());
            cx.error(
                Problem::FormNotFound {
                    file: written.clone(),
                    suggestions,
                },
                file,
                &at,
            );
            None
        }
    }
}

/// A `file` as a path inside a layer folder (`/` separators, no `.` parts),
/// or `None` when it leaves the folder: absolute, a drive, or with `..`.
fn inside(written: &str) -> Option<String> {
    let path = written.trim().replace('\\', "/");
    let drive = path.as_bytes().get(1) == Some(&b':');
    if path.starts_with('/') || drive {
        return None;
    }
    let parts: Vec<&str> = path.split('/').filter(|c| !c.is_empty() && *c != ".").collect();
    (!parts.contains(&"..")).then(|| parts.join("/"))
}

#[cfg(test)]
mod tests {
    use super::inside;

    #[test]
    fn paths_stay_inside_the_folder() {
        assert_eq!(inside("formulieren/a.txt").as_deref(), Some("formulieren/a.txt"));
        assert_eq!(inside("./formulieren//a.txt").as_deref(), Some("formulieren/a.txt"));
        assert_eq!(inside(r"formulieren\a.txt").as_deref(), Some("formulieren/a.txt"));
        assert_eq!(inside("../waterland/a.txt"), None);
        assert_eq!(inside("formulieren/../../a.txt"), None);
        assert_eq!(inside("/etc/passwd"), None);
        assert_eq!(inside("C:/formulieren/a.txt"), None);
    }
}
