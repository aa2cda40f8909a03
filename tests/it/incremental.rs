//! Incremental rebuilds give exactly the site a full build gives, after every
//! kind of edit, while rendering only the pages that depend on the change.

use crate::common::{self, edit};

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use zorgroute::serve::session::{Outcome, Session, Update};

/// The whole site as a full build renders it, less the outputs the live
/// preview makes only on request (the PDFs: see
/// `the_pdf_on_request_is_the_full_builds_pdf`).
fn full_build(root: &Path) -> BTreeMap<String, Vec<u8>> {
    let checked = zorgroute::pipeline::check(root);
    assert!(!checked.has_errors());
    let resolved = checked.renderable().expect("a site");
    let (site, theme) = (&resolved.site, &resolved.theme);
    let jobs: Vec<_> = zorgroute::plan::jobs(site)
        .into_iter()
        .filter(|j| !j.kind.on_request())
        .collect();
    let mut files =
        zorgroute::pipeline::outputs::render_all(site, theme, &jobs).unwrap_or_else(|_| panic!("render failed"));
    files.extend(zorgroute::pipeline::static_files(site, theme));
    files.into_iter().map(|f| (f.path, f.bytes)).collect()
}

/// The PDF the preview makes when a browser asks for it, after an edit, is
/// the full build's PDF of the edited project, byte for byte; no rebuild makes it.
#[test]
fn the_pdf_on_request_is_the_full_builds_pdf() {
    let (tmp, mut session, site, _) = example_session();
    assert!(
        !site.contains_key("waterland/draaiboek.pdf"),
        "no rebuild makes the PDF"
    );
    let procedure = tmp.path().join("content/waterland/procedures/leerlingbespreking.md");
    edit(
        &procedure,
        "title: Leerlingbespreking",
        "title: Nieuwe leerlingbespreking",
    );
    let (update, _) = rebuild(&mut session, &[procedure.as_path()]);
    assert!(update.rendered.iter().all(|f| !f.path.ends_with(".pdf")));
    let on_request = session.on_request().expect("a good build");
    let served = on_request.render("waterland/draaiboek.pdf").expect("the region's PDF");
    assert!(
        on_request.render("waterland/index.html").is_none(),
        "only outputs made on request"
    );

    let checked = zorgroute::pipeline::check(tmp.path());
    let resolved = checked.renderable().expect("a site");
    let job = zorgroute::plan::jobs(&resolved.site)
        .into_iter()
        .find(|j| j.path == "waterland/draaiboek.pdf")
        .unwrap();
    let full = zorgroute::pipeline::outputs::Outputs::new(&resolved.site, &resolved.theme)
        .render(&job)
        .unwrap();
    assert!(
        *served == *full.bytes,
        "the PDF on request differs from the full build's"
    );
}

fn apply(site: &mut BTreeMap<String, Vec<u8>>, update: Update) {
    for path in update.removed {
        site.remove(&path);
    }
    for f in update.rendered {
        site.insert(f.path, f.bytes);
    }
}

/// A rebuild as the live preview does it: the pages first, then the
/// region-wide outputs (and, after an edit of many pages, the pages no
/// browser looked at), merged here into one update; with the number of
/// pages rendered before the first could be served.
fn rebuild(session: &mut Session, changed: &[&Path]) -> (Update, usize) {
    let mut update = rebuild_pages(session, changed);
    let first_pages = update.rendered.iter().filter(|f| f.path.ends_with(".html")).count();
    if let Some(later) = session.render_pending() {
        let region_wide = |path: &str| {
            !path.ends_with("index.html")
                || ["print/", "afwijkingen/", "wie-doet-wat/"]
                    .iter()
                    .any(|folder| path.contains(folder))
        };
        assert!(
            first_pages == 0 || later.rendered.iter().all(|f| region_wide(&f.path)),
            "pages wait only when none was rendered first"
        );
        update.rendered.extend(later.rendered);
    }
    (update, first_pages)
}

/// An edit of `file` while a browser looks at `page`: the rebuild renders
/// that page alone before it serves.
fn edit_looking_at(session: &mut Session, page: &str, file: &Path, from: &str, to: &str) -> Update {
    session.looked_at().note(page);
    edit(file, from, to);
    let update = rebuild_pages(session, &[file]);
    assert_eq!(html_paths(&update), [page], "only the page looked at is rendered first");
    update
}

/// The pages an update rendered.
fn html_paths(update: &Update) -> Vec<&str> {
    (update.rendered.iter())
        .map(|f| f.path.as_str())
        .filter(|p| p.ends_with(".html"))
        .collect()
}

/// The first half of [`rebuild`]: the pages, with the region-wide outputs
/// left pending.
fn rebuild_pages(session: &mut Session, changed: &[&Path]) -> Update {
    session.changed(changed.iter().copied());
    match session.rebuild(false) {
        Outcome::Built(update) => update,
        Outcome::Failed => panic!("rebuild failed: {:?}", session.diagnostics()),
    }
}

/// A named edit to the project, and the files it touches.
type Edit = (&'static str, Box<dyn Fn()>, Vec<PathBuf>);

/// The edit `name` of one file: its first `from` becomes `to`.
fn replace_in(name: &'static str, path: PathBuf, from: &'static str, to: &'static str) -> Edit {
    (
        name,
        Box::new({
            let p = path.clone();
            move || edit(&p, from, to)
        }),
        vec![path],
    )
}

/// A live-preview session on a scratch project of one large region
/// (`common::large_region`), after its first (full) build: the folder, the
/// session, the site as built, its page count.
fn large_region_session() -> (tempfile::TempDir, Session, BTreeMap<String, Vec<u8>>, usize) {
    let tmp = tempfile::tempdir().unwrap();
    common::large_region(tmp.path());
    let (session, site, total) = first_build(tmp.path());
    (tmp, session, site, total)
}

/// A live-preview session on the project at `root` after its first (full)
/// build: the session, the pages that build made, their count.
fn first_build(root: &Path) -> (Session, BTreeMap<String, Vec<u8>>, usize) {
    let mut session = Session::new(root);
    let Outcome::Built(first) = session.rebuild(true) else {
        panic!("first build failed: {:?}", session.diagnostics())
    };
    let total = first.pages;
    let mut site = BTreeMap::new();
    apply(&mut site, first);
    (session, site, total)
}

/// A live-preview session on a scratch copy of the example, after its first
/// (full) build: the folder, the session, the site as built, its page count.
fn example_session() -> (tempfile::TempDir, Session, BTreeMap<String, Vec<u8>>, usize) {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(tmp.path().join("content")).unwrap();
    common::copy_dir(&common::example().join("content"), &tmp.path().join("content"));
    // The example's earlier edition, which site.yaml names by its folder.
    common::copy_dir(&common::example().join("archief"), &tmp.path().join("archief"));
    let (mut session, mut site, total) = first_build(tmp.path());
    // Then the region-wide outputs and the earlier edition's pages, which a
    // full build of the current edition alone does not make.
    let later = session.render_pending().expect("region-wide outputs wait");
    let (editions, current): (Vec<_>, Vec<_>) =
        later.rendered.into_iter().partition(|f| f.path.starts_with("edities/"));
    assert!(editions
        .iter()
        .any(|f| f.path == "edities/2025-2026/waterland/index.html"));
    site.extend(current.into_iter().map(|f| (f.path, f.bytes)));
    (tmp, session, site, total)
}

#[test]
fn edits_rebuild_only_the_current_edition() {
    let (tmp, mut session, _, _) = example_session();
    let earlier = |s: &Session| s.last().and_then(|c| c.resolved.clone()).expect("a model").earlier;
    let before = earlier(&session);
    let procedure = tmp.path().join("content/_standaard/procedures/tlv-aanvraag.md");
    edit(&procedure, "within: 6 weken", "within: 7 weken");
    let (update, _) = rebuild(&mut session, &[&procedure]);
    assert!(
        std::sync::Arc::ptr_eq(&before, &earlier(&session)),
        "the earlier edition was read again"
    );
    assert!(update.rendered.iter().all(|f| !f.path.starts_with("edities/")));
    // The changes page says what the edit changed against the earlier edition.
    let changes = update
        .rendered
        .iter()
        .find(|f| f.path == "waterland/wijzigingen/index.html")
        .expect("the changes page is rendered again");
    assert!(String::from_utf8_lossy(&changes.bytes).contains("was 8 weken, nu 7 weken"));
    // A site.yaml change reads it again, and renders its pages after the current ones.
    let site_yaml = tmp.path().join("content/site.yaml");
    edit(&site_yaml, "title: Handboek", "title: Het handboek");
    session.changed([site_yaml.as_path()]);
    assert!(matches!(session.rebuild(true), Outcome::Built(_)));
    assert!(!std::sync::Arc::ptr_eq(&before, &earlier(&session)));
    let later = session.render_pending().expect("the earlier edition waits");
    assert!(later.rendered.iter().any(|f| f.path.starts_with("edities/2025-2026/")));
}

#[test]
fn every_edit_gives_the_same_site_as_a_full_build() {
    let (tmp, mut session, mut site, total) = example_session();
    let root = tmp.path();
    let c = root.join("content");
    assert_eq!(site, full_build(root));

    let std_proc = c.join("_standaard/procedures/verzuim.md");
    let edits: Vec<Edit> = vec![
        replace_in("body text", std_proc.clone(), "\n## ", "\nEen nieuwe zin.\n\n## "),
        replace_in("title", std_proc, "title: ", "title: Nieuw en "),
        (
            "new procedure",
            Box::new({
                let p = c.join("waterland/procedures/nieuw.md");
                move || {
                    std::fs::write(&p, "---\ntitle: Nieuwe procedure\nlevel: school\nowner: intern-begeleider\nescalates_to: [verzuim]\n---\nNieuw.\n").unwrap()
                }
            }),
            vec![c.join("waterland/procedures/nieuw.md")],
        ),
        replace_in(
            "region settings",
            c.join("waterland/region.yaml"),
            "name: ",
            "name: Nieuw ",
        ),
        (
            "deleted procedure",
            Box::new({
                let p = c.join("waterland/procedures/nieuw.md");
                move || std::fs::remove_file(&p).unwrap()
            }),
            vec![c.join("waterland/procedures/nieuw.md")],
        ),
        replace_in(
            "actor name",
            c.join("_standaard/actors/leerplichtambtenaar.md"),
            "name: ",
            "name: De ",
        ),
        replace_in(
            "agreement review date (calendar, export)",
            c.join("_standaard/agreements/convenant-jeugd.md"),
            "review: 2028-02-01",
            "review: 2028-03-01",
        ),
        replace_in(
            "actor phone (vCard)",
            c.join("_standaard/actors/leerplichtambtenaar.md"),
            "phone: 020-1234582",
            "phone: 020-1234599",
        ),
        replace_in(
            "glossary",
            c.join("_standaard/glossary.yaml"),
            "definition: ",
            "definition: Nieuw. ",
        ),
        replace_in(
            "document title (forms page)",
            c.join("_standaard/procedures/gesprek-met-ouders.md"),
            "title: Gespreksformulier oudergesprek (leeg)",
            "title: Gespreksformulier voor het oudergesprek (leeg)",
        ),
        replace_in(
            "form file (its size on the forms page)",
            c.join("_standaard/formulieren/hulpvraag-leerlingbespreking.txt"),
            "Lever het formulier",
            "Vraag de ouders om het formulier mee te lezen en hun eigen kijk op de leerling erbij te schrijven. Bespreek samen wat u wilt vragen. Lever het formulier",
        ),
        replace_in(
            "document file",
            c.join("waterland/procedures/leerlingbespreking.md"),
            "file: formulieren/gespreksformulier-oudergesprek.txt",
            "url: https://www.example.nl/waterland-noord/formulieren/oudergesprek.docx",
        ),
    ];
    for (name, apply_edit, changed) in edits {
        apply_edit();
        let paths: Vec<&Path> = changed.iter().map(|p| p.as_path()).collect();
        let (update, first_pages) = rebuild(&mut session, &paths);
        assert!(!update.full, "{name}: a content edit is not a full rebuild");
        let rendered_pages = update.rendered.iter().filter(|f| f.path.ends_with(".html")).count();
        assert!(
            update.files_read <= changed.len(),
            "{name}: read {} files",
            update.files_read
        );
        apply(&mut site, update);
        let expected = full_build(root);
        let differing: Vec<&String> = expected.keys().filter(|k| site.get(*k) != expected.get(*k)).collect();
        assert!(differing.is_empty(), "{name}: stale pages {differing:?}");
        assert_eq!(site.len(), expected.len(), "{name}: page sets differ");
        if name == "body text" {
            // The procedure's page in each of the two regions that inherit
            // it, and their changes pages (the body now differs from the
            // earlier edition's); their print views follow once it is served.
            assert!(
                first_pages <= 4,
                "{name}: rendered {first_pages} of {total} pages first"
            );
            assert!(
                rendered_pages <= 6,
                "{name}: rendered {rendered_pages} of {total} pages"
            );
        }
    }
}

/// A region too large for the sidebar to list its procedures (more than
/// `SIDEBAR_GROUP_LIMIT` per level): a title edit must still give the full
/// build's site while rendering only the pages that show the title, not every
/// procedure page; removing a procedure changes its neighbours' previous/next.
#[test]
fn a_large_region_rerenders_only_what_shows_a_title() {
    let (tmp, mut session, mut site, total) = large_region_session();
    let root = tmp.path();
    let c = root.join("content");
    assert_eq!(site, full_build(root));

    let target = c.join("_standaard/procedures/p050.md");
    // A title that keeps its place in reading order (one that moves also
    // re-renders every page whose previous or next entry changes).
    edit(&target, "title: Procedure 50", "title: Procedure 50 (nieuw)");
    let (update, _) = rebuild(&mut session, &[target.as_path()]);
    let rendered = update.rendered.iter().filter(|f| f.path.ends_with(".html")).count();
    apply(&mut site, update);
    assert_eq!(site, full_build(root), "title edit");
    assert!(rendered < 20, "title edit rendered {rendered} of {total} pages");

    let gone = c.join("_standaard/procedures/p070.md");
    std::fs::remove_file(&gone).unwrap();
    // p069 escalated to p070: point it elsewhere so the project stays valid.
    let before = c.join("_standaard/procedures/p069.md");
    edit(&before, "procedure: p070", "procedure: p071");
    let (update, _) = rebuild(&mut session, &[gone.as_path(), before.as_path()]);
    apply(&mut site, update);
    let expected = full_build(root);
    assert_eq!(site.len(), expected.len(), "removal: page sets differ");
    assert_eq!(site, expected, "removal");
}

/// The live preview renders region-wide outputs on another thread. A render
/// that a newer save overtakes delivers nothing, and the newer one renders
/// what it had taken as well, so no region's print view or index stays old.
#[test]
fn an_overtaken_render_of_region_wide_outputs_is_dropped_and_redone() {
    let (tmp, mut session, mut site, _) = example_session();
    let root = tmp.path();
    let c = root.join("content");

    // An edit in one region; its region-wide outputs are taken, not yet rendered.
    let waterland = c.join("waterland/pages/index.md");
    edit(&waterland, "\n## ", "\nEen nieuwe zin.\n\n## ");
    apply(&mut site, rebuild_pages(&mut session, &[waterland.as_path()]));
    let overtaken = session.take_pending().expect("waterland's outputs are due");

    // A second save, in the other region, before that render is done.
    let fryske = c.join("fryske-walden/pages/index.md");
    edit(&fryske, "\n## ", "\nNog een zin.\n\n## ");
    apply(&mut site, rebuild_pages(&mut session, &[fryske.as_path()]));
    let mut delivered = false;
    overtaken.render(|_| delivered = true);
    assert!(!delivered, "a render from an older model must not land");

    let later = session.render_pending().expect("both regions' outputs are due");
    assert!(later.rendered.iter().any(|f| f.path == "waterland/print/index.html"));
    assert!(later
        .rendered
        .iter()
        .any(|f| f.path == "fryske-walden/print/index.html"));
    apply(&mut site, later);
    assert_eq!(site, full_build(root));
    assert!(session.render_pending().is_none(), "nothing is left over");
}

/// An edit that changes every page of a large region (its name) renders at
/// once only the page a browser looked at; any other page asked for before
/// the rest is rendered is rendered then, from the new model; and after the
/// rest the site is the full build's. So for an edit of a few pages.
#[test]
fn an_edit_of_many_pages_renders_the_page_looked_at_first() {
    let (tmp, mut session, mut site, _) = large_region_session();
    let root = tmp.path();

    let looked_at = "regio/procedures/p010/index.html";
    let region = root.join("content/regio/region.yaml");
    let update = edit_looking_at(&mut session, looked_at, &region, "name: Regio", "name: Regio Noord");
    assert!(String::from_utf8_lossy(&update.rendered[0].bytes).contains("Regio Noord"));
    apply(&mut site, update);

    let other = "regio/procedures/p020/index.html";
    let asked = session
        .on_request()
        .expect("a good build")
        .render(other)
        .expect("a page waiting is rendered when asked for");
    assert!(String::from_utf8_lossy(&asked).contains("Regio Noord"));
    let not_waiting = session.on_request().unwrap().render(looked_at);
    assert!(not_waiting.is_none(), "a page rendered already is served as it is");

    let later = session.render_pending().expect("the other pages wait");
    assert!(later.rendered.iter().any(|f| f.path == other && *f.bytes == *asked));
    apply(&mut site, later);
    assert_eq!(site, full_build(root));
    assert!(!session.on_request().unwrap().is_due(other), "nothing waits any more");

    // A title shows on a few pages: of those, the one looked at goes first.
    let edited = "regio/procedures/p050/index.html";
    let procedure = root.join("content/_standaard/procedures/p050.md");
    let update = edit_looking_at(
        &mut session,
        edited,
        &procedure,
        "title: Procedure 50",
        "title: Procedure 50 (nieuw)",
    );
    apply(&mut site, update);
    apply(&mut site, session.render_pending().expect("the other pages wait"));
    assert_eq!(site, full_build(root), "title edit");
}

#[test]
fn the_page_looked_at_last_comes_before_the_dependencies_and_the_site_stays_whole() {
    let (tmp, mut session, mut site, _) = large_region_session();
    let root = tmp.path();
    let edits = [
        // The page looked at changes: it comes early, and not again after.
        (
            "regio/procedures/p010/index.html",
            "content/_standaard/procedures/p010.md",
            "title: Procedure 10",
            "title: Procedure 10 (nieuw)",
        ),
        // Another page changes: the page looked at comes early as it was.
        (
            "regio/procedures/p010/index.html",
            "content/_standaard/procedures/p030.md",
            "title: Procedure 30",
            "title: Procedure 30 (nieuw)",
        ),
        (
            "regio/index.html",
            "content/regio/region.yaml",
            "name: Regio",
            "name: Regio Noord",
        ),
    ];
    for (looked_at, file, from, to) in edits {
        session.looked_at().note(looked_at);
        let path = root.join(file);
        edit(&path, from, to);
        session.changed([path.as_path()]);
        let mut early = Vec::new();
        let Outcome::Built(update) = session.rebuild_then(false, |u| early.push(u)) else {
            panic!("rebuild failed: {:?}", session.diagnostics())
        };
        assert_eq!(early.len(), 1, "one early update for {file}");
        let early = early.remove(0);
        assert_eq!(html_paths(&early), [looked_at]);
        assert!(!html_paths(&update).contains(&looked_at), "{looked_at} rendered twice");
        apply(&mut site, early);
        apply(&mut site, update);
        if let Some(later) = session.render_pending() {
            apply(&mut site, later);
        }
        assert_eq!(site, full_build(root), "{file}");
    }
}
