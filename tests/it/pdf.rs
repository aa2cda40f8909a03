//! The draaiboek PDFs, read back: A4 pages within bounds, bookmarks that
//! follow the handbook's parts and procedures, every procedure's title in
//! the text, every link landing on a page, the document's language and
//! title; the same bytes from the same input; a mistake in a project's
//! template as a located problem.

use std::collections::HashSet;
use std::path::Path;

use lopdf::{Document, Object};
use zorgroute::pipeline::{self, outputs};
use zorgroute::plan::{self, PageKind};

use crate::common;

/// The model of `root`, and each region's PDF: (path, bytes).
fn pdfs(root: &Path) -> (std::sync::Arc<zorgroute::model::Site>, Vec<(String, Vec<u8>)>) {
    common::fix_last_changed();
    let checked = pipeline::check(root);
    let resolved = checked.renderable().expect("a project without errors");
    let jobs: Vec<_> = plan::jobs(&resolved.site)
        .into_iter()
        .filter(|j| matches!(j.kind, PageKind::DraaiboekPdf(_)))
        .collect();
    let files = outputs::render_all(&resolved.site, &resolved.theme, &jobs).expect("the PDFs render");
    (
        resolved.site.clone(),
        files.into_iter().map(|f| (f.path, f.bytes)).collect(),
    )
}

/// The page's size in points, from its own or an inherited MediaBox.
fn page_size(doc: &Document, page: lopdf::ObjectId) -> (f32, f32) {
    let mut dict = doc.get_dictionary(page).expect("a page");
    loop {
        if let Ok(Object::Array(b)) = dict.get(b"MediaBox") {
            let n: Vec<f32> = b.iter().map(|o| o.as_float().expect("a number")).collect();
            return (n[2] - n[0], n[3] - n[1]);
        }
        let parent = dict
            .get(b"Parent")
            .and_then(Object::as_reference)
            .expect("a MediaBox somewhere");
        dict = doc.get_dictionary(parent).expect("a page tree node");
    }
}

/// The document's named destinations (the name tree under /Names /Dests):
/// name -> explicit destination.
fn named_destinations(doc: &Document) -> std::collections::HashMap<Vec<u8>, Object> {
    fn walk(doc: &Document, node: &Object, out: &mut std::collections::HashMap<Vec<u8>, Object>) {
        let Ok((_, node)) = doc.dereference(node) else { return };
        let Ok(dict) = node.as_dict() else { return };
        if let Ok(Object::Array(kids)) = dict.get(b"Kids").and_then(|k| doc.dereference(k).map(|(_, o)| o)) {
            for kid in kids {
                walk(doc, kid, out);
            }
        }
        if let Ok(Object::Array(names)) = dict.get(b"Names").and_then(|n| doc.dereference(n).map(|(_, o)| o)) {
            for pair in names.chunks(2) {
                let (Object::String(name, _), Some(dest)) = (&pair[0], pair.get(1)) else {
                    continue;
                };
                let dest = doc
                    .dereference(dest)
                    .map(|(_, o)| o.clone())
                    .unwrap_or_else(|_| dest.clone());
                let dest = match dest.as_dict() {
                    Ok(d) => d.get(b"D").cloned().unwrap_or(dest.clone()),
                    Err(_) => dest,
                };
                out.insert(name.clone(), dest);
            }
        }
    }
    let mut out = std::collections::HashMap::new();
    let names = doc.catalog().ok().and_then(|c| c.get(b"Names").ok().cloned());
    if let Some(names) = names {
        if let Ok((_, names)) = doc.dereference(&names) {
            if let Ok(dests) = names.as_dict().and_then(|n| n.get(b"Dests")) {
                walk(doc, &dests.clone(), &mut out);
            }
        }
    }
    out
}

/// Text without white space or the hyphens of words broken across lines,
/// so a title reads the same wherever a line ends.
fn squeeze(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace() && *c != '-' && *c != '\u{ad}')
        .collect()
}

/// Checks one region's PDF against the region; `parts` are the top-level
/// bookmarks it must have, in order.
fn check_pdf(bytes: &[u8], region: &zorgroute::model::Region, lang: &str, parts: &[&str]) {
    let doc = Document::load_mem(bytes).expect("a PDF that parses");
    let pages = doc.get_pages();
    assert!((4..=400).contains(&pages.len()), "{} pages", pages.len());
    let page_ids: HashSet<lopdf::ObjectId> = pages.values().copied().collect();
    for (n, &id) in &pages {
        let (w, h) = page_size(&doc, id);
        let (short, long) = (w.min(h), w.max(h));
        assert!(
            (short - 595.3).abs() < 1.0 && (long - 841.9).abs() < 1.0,
            "page {n} is {w}×{h}, not A4"
        );
        if *n == 1 {
            assert!(w < h, "the cover is upright");
        }
    }

    // Bookmarks: the parts in order at the top, every procedure below them.
    let toc = doc.get_toc().expect("bookmarks");
    let top: Vec<&str> = toc
        .toc
        .iter()
        .filter(|e| e.level == 1)
        .map(|e| e.title.as_str())
        .collect();
    let mut expected = parts.iter();
    let mut want = expected.next();
    for title in &top {
        if Some(title) == want {
            want = expected.next();
        }
    }
    assert!(want.is_none(), "bookmarks {top:?} lack {want:?} in the order {parts:?}");
    let titles: HashSet<&str> = toc.toc.iter().map(|e| e.title.as_str()).collect();
    for p in &region.procedures {
        assert!(titles.contains(p.title.as_str()), "no bookmark for {:?}", p.title);
    }
    assert!(toc.toc.iter().all(|e| e.page >= 1 && e.page <= pages.len()));

    // Every procedure's title in the text.
    let numbers: Vec<u32> = pages.keys().copied().collect();
    let text = squeeze(&doc.extract_text(&numbers).expect("text"));
    for p in &region.procedures {
        assert!(text.contains(&squeeze(&p.title)), "{:?} is not in the text", p.title);
    }

    // Every internal link lands on a page of the document.
    let named = named_destinations(&doc);
    let mut internal = 0;
    for &page in pages.values() {
        for annot in doc.get_page_annotations(page).unwrap_or_default() {
            if annot.get(b"Subtype").and_then(Object::as_name).ok() != Some(b"Link") {
                continue;
            }
            let dest = match annot.get(b"Dest") {
                Ok(d) => Some(d.clone()),
                Err(_) => annot
                    .get(b"A")
                    .and_then(|a| doc.dereference(a).map(|(_, o)| o.clone()))
                    .ok()
                    .and_then(|a| a.as_dict().ok()?.get(b"D").ok().cloned()),
            };
            let Some(dest) = dest else { continue };
            let dest = match dest {
                Object::Reference(r) => doc.get_object(r).expect("a destination").clone(),
                Object::String(name, _) => named
                    .get(&name)
                    .cloned()
                    .unwrap_or_else(|| panic!("no destination {name:?}")),
                d => d,
            };
            let target = dest.as_array().expect("an explicit destination")[0]
                .as_reference()
                .expect("a page reference");
            assert!(
                page_ids.contains(&target),
                "a link goes to {target:?}, which is no page"
            );
            internal += 1;
        }
    }
    assert!(internal > region.procedures.len(), "only {internal} internal links");

    // Tagged, with the document's language and title.
    let catalog = doc.catalog().expect("a catalog");
    let mark = catalog
        .get(b"MarkInfo")
        .and_then(|m| doc.dereference(m))
        .expect("MarkInfo")
        .1;
    assert_eq!(mark.as_dict().unwrap().get(b"Marked").unwrap(), &Object::Boolean(true));
    assert!(catalog.get(b"StructTreeRoot").is_ok(), "a structure tree");
    let doc_lang = catalog.get(b"Lang").and_then(|l| doc.dereference(l)).expect("Lang").1;
    assert_eq!(doc_lang.as_str().unwrap(), lang.as_bytes());
    let info = doc
        .trailer
        .get(b"Info")
        .and_then(|i| doc.dereference(i))
        .expect("Info")
        .1;
    let title = info.as_dict().unwrap().get(b"Title").expect("a title");
    let title = lopdf::decode_text_string(title).expect("a text string");
    assert!(title.contains(&region.name), "title {title:?}");
}

#[test]
fn the_example_has_a_draaiboek_per_region() {
    let (site, files) = pdfs(&common::example());
    assert_eq!(files.len(), site.regions.len());
    let parts = [
        "Inleiding",
        "De zorgroute",
        "Routes",
        "Procedures",
        "Actoren",
        "Afspraken",
    ];
    for (path, bytes) in &files {
        let region = site
            .regions
            .iter()
            .find(|r| path == &format!("{}/draaiboek.pdf", r.slug))
            .expect("a region's PDF");
        check_pdf(bytes, region, "nl", &parts);
    }
}

#[test]
fn an_english_fixture_has_an_english_draaiboek_and_the_same_bytes_twice() {
    let root = common::fixture("english");
    let (site, first) = pdfs(&root);
    for (path, bytes) in &first {
        let region = site
            .regions
            .iter()
            .find(|r| path.starts_with(&format!("{}/", r.slug)))
            .unwrap();
        check_pdf(bytes, region, "en", &["Procedures"]);
    }
    let (_, again) = pdfs(&root);
    assert!(first == again, "two renders of the same input differ");
}

#[test]
fn a_mistake_in_a_projects_pdf_template_is_located() {
    let tmp = tempfile::tempdir().unwrap();
    common::copy_dir(&common::fixture("minimal"), tmp.path());
    let dir = tmp.path().join("themes/default/pdf");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("draaiboek.typ"),
        "#let d = json(\"draaiboek.json\")\n= #d.title\n#d.no_such_field\n",
    )
    .unwrap();
    common::fix_last_changed();
    let failure = pipeline::build(&pipeline::BuildOptions {
        root: tmp.path().to_path_buf(),
        out: tmp.path().join("public"),
        today: common::today(),
    })
    .err()
    .expect("the build fails");
    let text = zorgroute::diag::to_plain_string(
        &failure.diagnostics,
        &failure.checked.project.sources,
        failure.checked.lang,
    );
    assert!(text.contains("pdf/draaiboek.typ") && text.contains("3:"), "{text}");
    assert!(text.contains("no_such_field"), "{text}");
    assert!(
        text.contains("oplossing: verbeter het sjabloon op de aangegeven regel; het standaardsjabloon van de PDF is themes/default/pdf/draaiboek.typ"),
        "the help points at the PDF's template: {text}"
    );
    assert!(!tmp.path().join("public").exists(), "a failed build writes nothing");
}

/// Builds the project at `root` into `out` and gives what it did for its PDFs.
fn build_into(root: &Path, out: &Path) -> zorgroute::pipeline::pdf_cache::PdfCounts {
    common::fix_last_changed();
    let report = pipeline::build(&pipeline::BuildOptions {
        root: root.to_path_buf(),
        out: out.to_path_buf(),
        today: common::today(),
    })
    .unwrap_or_else(|_| panic!("the build of {} fails", root.display()));
    report.pdfs
}

#[test]
fn a_build_typesets_only_the_draaiboeken_whose_content_changed() {
    use zorgroute::pipeline::pdf_cache::PdfCounts;
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("project");
    common::copy_dir(&common::fixture("inheritance"), &root);
    let out = tmp.path().join("public");
    let counts = |typeset, taken| PdfCounts { typeset, taken };

    assert_eq!(
        build_into(&root, &out),
        counts(2, 0),
        "a first build typesets both regions"
    );
    let first = common::files(&out);
    assert_eq!(build_into(&root, &out), counts(0, 2), "nothing changed");
    assert!(first == common::files(&out), "a build from the cache differs");

    common::edit(
        &root.join("content/noord/region.yaml"),
        "Regio Noord",
        "Regio Noordoost",
    );
    assert_eq!(build_into(&root, &out), counts(1, 1), "only noord changed");
    // The PDFs of the cached build are those a fresh build makes.
    let as_fresh = |step: &str| {
        let fresh = tmp.path().join(format!("fresh-{step}"));
        assert_eq!(build_into(&root, &fresh), counts(2, 0));
        let (cached, fresh) = (common::files(&out), common::files(&fresh));
        for region in ["noord", "zuid"] {
            let path = format!("{region}/draaiboek.pdf");
            assert!(
                cached[&path] == fresh[&path],
                "{step}: {path} is not as a fresh build makes it"
            );
        }
        cached
    };
    let cached = as_fresh("noord");
    assert!(cached["noord/draaiboek.pdf"] != first["noord/draaiboek.pdf"]);

    // The standard route is in both regions' draaiboeken.
    let standard = root.join("content/_standaard/procedures/groepsplan.md");
    let text = std::fs::read_to_string(&standard).unwrap();
    std::fs::write(&standard, text.replacen("title: ", "title: Het ", 1)).unwrap();
    assert_eq!(build_into(&root, &out), counts(2, 0), "the standard route changed");
    as_fresh("standard");

    // So are the site's title and the theme's PDF template.
    common::edit(&root.join("content/site.yaml"), "Handboek met", "Draaiboek met");
    assert_eq!(build_into(&root, &out), counts(2, 0), "site.yaml changed");
    as_fresh("site");
    let template = root.join("themes/default/pdf/draaiboek.typ");
    std::fs::create_dir_all(template.parent().unwrap()).unwrap();
    let default =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/pdf/draaiboek.typ"))
            .unwrap();
    std::fs::write(
        &template,
        default.replacen("#set", "// The project's own copy.\n#set", 1),
    )
    .unwrap();
    assert_eq!(build_into(&root, &out), counts(2, 0), "the template changed");

    // A PDF changed in the output since is typeset again.
    std::fs::write(out.join("zuid/draaiboek.pdf"), b"%PDF-1.7 not a draaiboek").unwrap();
    assert_eq!(build_into(&root, &out), counts(1, 1));
}

/// A region of `procedures` procedures that escalate to the next one, and
/// two actors who own and join them, written as a project under `root`.
fn large_region(root: &Path, procedures: usize) {
    let content = root.join("content");
    let region = content.join("groot");
    for dir in ["actors", "procedures"] {
        std::fs::create_dir_all(region.join(dir)).unwrap();
    }
    std::fs::write(content.join("site.yaml"), "title: Handboek\n").unwrap();
    std::fs::write(region.join("region.yaml"), "name: Regio Groot\n").unwrap();
    for id in ["eigenaar", "deelnemer"] {
        let actor = format!("---\nname: Actor {id}\nlevel: school\nkind: rol\n---\nDe taken van {id}.\n");
        std::fs::write(region.join(format!("actors/{id}.md")), actor).unwrap();
    }
    for i in 0..procedures {
        let next = (i + 1) % procedures;
        let procedure = format!(
            "---\ntitle: Procedure {i:03}\nlevel: school\nowner: eigenaar\nparticipants: [deelnemer]\n\
             escalates_to:\n  - procedure: p{next:03}\n    when: het lukt niet\n---\nDe aanpak van [de volgende](@procedure/p{next:03}).\n"
        );
        std::fs::write(region.join(format!("procedures/p{i:03}.md")), procedure).unwrap();
    }
}

#[test]
fn a_very_large_region_has_its_draaiboek_in_volumes_each_whole_in_itself() {
    use zorgroute::plan::volumes::VOLUME_ENTRIES;
    let tmp = tempfile::tempdir().unwrap();
    // Two actors and enough procedures for two shares of entries.
    large_region(tmp.path(), VOLUME_ENTRIES);
    let (site, files) = pdfs(tmp.path());
    let region = &site.regions[0];
    let names: Vec<&str> = files.iter().map(|(path, _)| path.as_str()).collect();
    assert_eq!(
        names,
        [
            "groot/draaiboek.pdf",
            "groot/draaiboek-deel-2.pdf",
            "groot/draaiboek-deel-3.pdf"
        ]
    );

    let mut bookmarked: Vec<String> = Vec::new();
    for (n, (path, bytes)) in files.iter().enumerate() {
        let doc = Document::load_mem(bytes).expect("a PDF that parses");
        let pages = doc.get_pages();
        let page_ids: HashSet<lopdf::ObjectId> = pages.values().copied().collect();
        assert!(pages.values().all(|&id| {
            let (w, h) = page_size(&doc, id);
            (w.min(h) - 595.3).abs() < 1.0 && (w.max(h) - 841.9).abs() < 1.0
        }));
        let info = doc.trailer.get(b"Info").and_then(|i| doc.dereference(i)).unwrap().1;
        let title = lopdf::decode_text_string(info.as_dict().unwrap().get(b"Title").unwrap()).unwrap();
        assert_eq!(title, format!("Draaiboek Regio Groot, deel {} van 3", n + 1), "{path}");
        let toc = doc.get_toc().expect("bookmarks");
        assert!(toc.toc.iter().any(|e| e.title == "Delen van dit draaiboek"), "{path}");
        bookmarked.extend(
            toc.toc
                .iter()
                .map(|e| e.title.clone())
                .filter(|t| t.starts_with("Procedure ")),
        );

        // Links land on pages of the same volume; the other volumes are
        // named by their files, and an entity in another volume by its volume.
        let named = named_destinations(&doc);
        let mut files_linked = HashSet::new();
        for &page in pages.values() {
            for annot in doc.get_page_annotations(page).unwrap_or_default() {
                let Ok(action) = annot.get(b"A").and_then(|a| doc.dereference(a).map(|(_, o)| o.clone())) else {
                    continue;
                };
                let action = action.as_dict().unwrap();
                if let Ok(uri) = action.get(b"URI") {
                    files_linked.insert(String::from_utf8(uri.as_str().unwrap().to_vec()).unwrap());
                } else if let Ok(Object::String(name, _)) = action.get(b"D") {
                    let dest = named
                        .get(name)
                        .unwrap_or_else(|| panic!("{path}: no destination {name:?}"));
                    let target = dest.as_array().unwrap()[0].as_reference().unwrap();
                    assert!(page_ids.contains(&target), "{path}: a link to no page");
                }
            }
        }
        let others: HashSet<String> = (1..=3)
            .filter(|&v| v != n + 1)
            .map(zorgroute::urls::draaiboek_file)
            .collect();
        assert!(others.is_subset(&files_linked), "{path} links {files_linked:?}");
        let numbers: Vec<u32> = pages.keys().copied().collect();
        let text = squeeze(&doc.extract_text(&numbers).unwrap());
        if n == 0 {
            // The diagram in words names procedures of the other volumes.
            assert!(text.contains(&squeeze("Procedure 000 (deel 2)")), "{path}");
        }
    }
    // Every procedure has its place in exactly one volume.
    bookmarked.sort();
    let expected: Vec<String> = region.procedures.iter().map(|p| p.title.clone()).collect();
    assert_eq!(bookmarked, expected);
}

#[test]
fn a_route_too_large_for_paper_is_left_to_the_website_and_given_in_words() {
    let draws = |procedures: usize| {
        let tmp = tempfile::tempdir().unwrap();
        large_region(tmp.path(), procedures);
        std::fs::write(
            tmp.path().join("content/site.yaml"),
            "title: H\nbase_url: https://zorgroute.example/\n",
        )
        .unwrap();
        // A template that only says what it was given for the drawing.
        let dir = tmp.path().join("themes/default/pdf");
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(
            dir.join("draaiboek.typ"),
            "#let d = json(\"draaiboek.json\")\n#set document(title: d.title)\n#set text(lang: d.lang)\n\
             Pages #d.diagram.len(), online #d.diagram_online, in words #d.outline.len()\n",
        )
        .unwrap();
        let (_, files) = pdfs(tmp.path());
        let doc = Document::load_mem(&files[0].1).expect("a PDF");
        doc.extract_text(&[1])
            .expect("text")
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    };
    let drawn = draws(60);
    assert!(drawn.contains("online , in words 1"), "{drawn}");
    assert!(!drawn.contains("Pages 0"), "{drawn}");
    let too_large = draws(600);
    assert!(
        too_large.contains("Pages 0, online https://zorgroute.example/groot/diagram.svg, in words 1"),
        "{too_large}"
    );
}
