//! `zorgroute init` and `zorgroute new` as a library: the starter project
//! checks clean and builds, and every new file keeps it free of errors.

use std::path::{Path, PathBuf};

use zorgroute::i18n::Lang;
use zorgroute::pipeline::{self, BuildOptions};
use zorgroute::raw::*;
use zorgroute::scaffold::{self, NewKind, ScaffoldProblem};
use zorgroute::source::YamlPath;

/// All problems of a check, as the user would read them.
fn report(root: &Path) -> (usize, usize, String) {
    let checked = pipeline::check(root);
    let errors = checked.diagnostics.iter().filter(|d| d.is_error()).count();
    let warnings = checked.diagnostics.len() - errors;
    let text = zorgroute::diag::to_plain_string(&checked.diagnostics, &checked.project.sources, checked.lang);
    (errors, warnings, text)
}

fn init_project(lang: Lang) -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().expect("temporary folder");
    let root = tmp.path().join("handboek");
    let created = scaffold::init(&root, lang).expect("init");
    assert!(created.iter().all(|p| p.is_file()), "{created:?}");
    (tmp, root)
}

fn build(root: &Path) -> (pipeline::BuildReport, PathBuf) {
    let out = root.join("public");
    match pipeline::build(&BuildOptions {
        root: root.to_path_buf(),
        out: out.clone(),
        today: pipeline::today(),
    }) {
        Ok(report) => (report, out),
        Err(f) => panic!(
            "build failed:\n{}",
            zorgroute::diag::to_plain_string(&f.diagnostics, &f.checked.project.sources, f.checked.lang)
        ),
    }
}

/// Asserts that a starter project has no problems at all and builds its
/// pages; gives the output folder and the home page of its one region.
fn checks_clean_and_builds(root: &Path, region: &str) -> (PathBuf, String) {
    let (errors, warnings, text) = report(root);
    assert_eq!((errors, warnings), (0, 0), "{text}");
    let (report, out) = build(root);
    assert!(report.pages >= 20, "only {} pages", report.pages);
    let home = std::fs::read_to_string(out.join(region).join("index.html")).expect("region home");
    (out, home)
}

#[test]
fn dutch_starter_checks_clean_and_builds() {
    let (_tmp, root) = init_project(Lang::Nl);
    let (out, home) = checks_clean_and_builds(&root, "voorbeeldregio");
    assert!(home.contains("lang=\"nl\""));
    assert!(out
        .join("voorbeeldregio/procedures/leerlingbespreking/index.html")
        .is_file());
    assert!(root.join(".gitignore").is_file());
}

#[test]
fn english_starter_checks_clean_and_builds_in_english() {
    let (_tmp, root) = init_project(Lang::En);
    let site = std::fs::read_to_string(root.join("content/site.yaml")).expect("site.yaml");
    assert!(site.contains("language: en"));
    let (out, home) = checks_clean_and_builds(&root, "example-region");
    assert!(home.contains("lang=\"en\""));
    assert!(home.contains("Skip to content"), "English UI strings");
    assert!(out.join("example-region/procedures/pupil-review/index.html").is_file());
}

#[test]
fn init_refuses_a_folder_with_files_and_writes_nothing() {
    let tmp = tempfile::tempdir().expect("temporary folder");
    std::fs::write(tmp.path().join("notities.txt"), "van mij").expect("write");
    let err = scaffold::init(tmp.path(), Lang::Nl).expect_err("must refuse");
    assert!(matches!(err.problem(), ScaffoldProblem::NotEmpty { .. }), "{err}");
    assert!(err.to_string().contains("niet leeg"), "{err}");
    let entries = std::fs::read_dir(tmp.path()).expect("read").count();
    assert_eq!(entries, 1, "nothing was added");

    let err = scaffold::init(&tmp.path().join("notities.txt"), Lang::En).expect_err("a file");
    assert!(matches!(err.problem(), ScaffoldProblem::NotAFolder { .. }), "{err}");
}

#[test]
fn init_accepts_a_folder_with_only_hidden_entries() {
    let tmp = tempfile::tempdir().expect("temporary folder");
    std::fs::create_dir(tmp.path().join(".git")).expect("mkdir");
    std::fs::write(tmp.path().join(".gitignore"), "eigen\n").expect("write");
    scaffold::init(tmp.path(), Lang::Nl).expect("init next to .git");
    let kept = std::fs::read_to_string(tmp.path().join(".gitignore")).expect("read");
    assert_eq!(kept, "eigen\n", "the user's .gitignore stays");
}

/// The field names of the raw type at `path`, except those a new file leaves
/// out on purpose: `id` (the file name is the id) and `weight` (another name
/// for `order`).
fn fields<T: schemars::JsonSchema>(path: &YamlPath) -> Vec<String> {
    zorgroute::raw::schema::fields_at::<T>(path)
        .into_iter()
        .filter(|f| f != "id" && f != "weight")
        .collect()
}

fn assert_has_fields(text: &str, names: &[String], what: &str) {
    for name in names {
        assert!(text.contains(&format!("{name}:")), "{what}: no `{name}` in\n{text}");
    }
}

/// Every field of the kind appears, and every top-level field has a comment.
fn assert_complete(kind: NewKind, text: &str) {
    let root = YamlPath::root();
    let steps = YamlPath::field("steps").index(0);
    let (top, nested): (Vec<String>, Vec<Vec<String>>) = match kind {
        NewKind::Procedure => (
            fields::<RawProcedure>(&root),
            vec![
                fields::<RawProcedure>(&steps),
                fields::<RawProcedure>(&YamlPath::field("escalates_to").index(0)),
                fields::<RawProcedure>(&YamlPath::field("consent")),
                fields::<RawProcedure>(&YamlPath::field("documents").index(0)),
            ],
        ),
        NewKind::Actor => (
            fields::<RawActor>(&root),
            vec![fields::<RawActor>(&YamlPath::field("contact"))],
        ),
        NewKind::Agreement => (
            fields::<RawAgreement>(&root),
            vec![fields::<RawAgreement>(&YamlPath::field("commitments").index(0))],
        ),
        NewKind::Route => (fields::<RawRoute>(&root), vec![fields::<RawRoute>(&steps)]),
        NewKind::Page => (fields::<RawPage>(&root), vec![]),
        NewKind::Region => (
            fields::<RawRegion>(&root),
            vec![
                fields::<RawRegion>(&YamlPath::field("contact")),
                fields::<RawRegion>(&YamlPath::field("steering_group")),
                fields::<RawRegion>(&YamlPath::field("schools").index(0)),
                fields::<RawRegion>(&YamlPath::field("indicators").index(0)),
                fields::<RawRegion>(&YamlPath::field("timeline").index(0)),
            ],
        ),
    };
    assert!(!top.is_empty(), "{kind}: the schema names fields");
    assert_has_fields(text, &top, kind.word());
    for names in nested {
        assert_has_fields(text, &names, kind.word());
    }
    for name in &top {
        let line = text
            .lines()
            .find(|l| l.starts_with(&format!("{name}:")) || l.starts_with(&format!("# {name}:")))
            .unwrap_or_default();
        assert!(line.contains(" # "), "{kind}: `{name}` has no comment: {line:?}");
    }
}

fn new_files_keep_the_project_clean(lang: Lang, region: &str) {
    let (_tmp, root) = init_project(lang);
    for kind in NewKind::ALL {
        let id = format!("nieuwe-{}", kind.word());
        let created = scaffold::new_file(&root, kind, &id, None).unwrap_or_else(|e| panic!("{kind}: {e}"));
        assert!(!created.is_empty());
        let main = std::fs::read_to_string(&created[0]).expect("created file");
        assert_complete(kind, &main);
        let again = scaffold::new_file(&root, kind, &id, None).expect_err("second time");
        assert!(
            matches!(again.problem(), ScaffoldProblem::Exists { .. }),
            "{kind}: {again}"
        );
        assert_eq!(
            std::fs::read_to_string(&created[0]).expect("still there"),
            main,
            "not overwritten"
        );
        let (errors, _, text) = report(&root);
        assert_eq!(errors, 0, "after new {kind}:\n{main}\n{text}");
    }
    // The same in the region itself, where inherited and own ids mix.
    for kind in NewKind::ALL.into_iter().filter(|k| *k != NewKind::Region) {
        let id = format!("regio-{}", kind.word());
        scaffold::new_file(&root, kind, &id, Some(region)).unwrap_or_else(|e| panic!("{kind}: {e}"));
        let (errors, _, text) = report(&root);
        assert_eq!(errors, 0, "after new {kind} in {region}:\n{text}");
    }
    build(&root);
}

#[test]
fn new_files_of_every_kind_keep_a_dutch_project_clean() {
    new_files_keep_the_project_clean(Lang::Nl, "voorbeeldregio");
}

#[test]
fn new_files_of_every_kind_keep_an_english_project_clean() {
    new_files_keep_the_project_clean(Lang::En, "example-region");
}

#[test]
fn new_files_are_in_the_sites_language() {
    let (_tmp, nl) = init_project(Lang::Nl);
    let path = &scaffold::new_file(&nl, NewKind::Procedure, "aanmelden", None).expect("new")[0];
    let text = std::fs::read_to_string(path).expect("read");
    assert!(text.contains("# wie is verantwoordelijk (een actor-id)"), "{text}");
    assert!(text.contains("within: 5 werkdagen"), "{text}");
    assert!(path.ends_with("content/_standaard/procedures/aanmelden.md"));

    let (_tmp, en) = init_project(Lang::En);
    let path = &scaffold::new_file(&en, NewKind::Procedure, "referral", None).expect("new")[0];
    let text = std::fs::read_to_string(path).expect("read");
    assert!(text.contains("# who is responsible (an actor id)"), "{text}");
    assert!(text.contains("within: 5 working days"), "{text}");
}

#[test]
fn new_region_writes_its_settings_and_home_page() {
    let (_tmp, root) = init_project(Lang::Nl);
    let created = scaffold::new_file(&root, NewKind::Region, "noord", None).expect("new region");
    assert_eq!(
        created,
        [
            root.join("content/noord/region.yaml"),
            root.join("content/noord/pages/index.md")
        ]
    );
    let (errors, warnings, text) = report(&root);
    assert_eq!((errors, warnings), (0, 0), "{text}");
    let (_, out) = build(&root);
    assert!(
        out.join("noord/procedures/leerlingbespreking/index.html").is_file(),
        "inherits"
    );
}

#[test]
fn an_invalid_id_is_refused_with_a_suggestion() {
    let (_tmp, root) = init_project(Lang::Nl);
    let err = scaffold::new_file(&root, NewKind::Procedure, "Zorg Thuis", None).expect_err("invalid");
    match err.problem() {
        ScaffoldProblem::InvalidId { id, suggestion } => {
            assert_eq!(id, "Zorg Thuis");
            assert_eq!(suggestion.as_deref(), Some("zorg-thuis"));
        }
        other => panic!("{other:?}"),
    }
    assert!(err.to_string().contains("`zorg-thuis`"), "{err}");
    assert!(err.message(Lang::En).contains("did you mean `zorg-thuis`"));
    assert!(!root.join("content/_standaard/procedures/Zorg Thuis.md").exists());

    let err = scaffold::new_file(&root, NewKind::Page, "begrippen", None).expect_err("reserved");
    assert!(matches!(err.problem(), ScaffoldProblem::ReservedId { .. }), "{err}");
}

#[test]
fn an_unknown_region_or_a_missing_project_is_refused() {
    let (_tmp, root) = init_project(Lang::En);
    let err = scaffold::new_file(&root, NewKind::Actor, "tutor", Some("nowhere")).expect_err("unknown");
    match err.problem() {
        ScaffoldProblem::UnknownRegion { region, known } => {
            assert_eq!(region, "nowhere");
            assert!(known.contains(&"example-region".to_string()), "{known:?}");
        }
        other => panic!("{other:?}"),
    }
    assert!(
        err.to_string().contains("choose one of"),
        "in the site's language: {err}"
    );

    let empty = tempfile::tempdir().expect("temporary folder");
    let err = scaffold::new_file(empty.path(), NewKind::Actor, "tutor", None).expect_err("no project");
    assert!(matches!(err.problem(), ScaffoldProblem::NoProject { .. }), "{err}");
}

#[test]
fn without_a_standard_route_new_files_go_to_the_only_region() {
    let (_tmp, root) = init_project(Lang::Nl);
    std::fs::remove_dir_all(root.join("content/_standaard")).expect("remove");
    std::fs::write(
        root.join("content/voorbeeldregio/region.yaml"),
        "name: Voorbeeld\nextends: none\n",
    )
    .expect("write");
    // The region lost the standard actors: a procedure needs one of its own first.
    scaffold::new_file(&root, NewKind::Actor, "ib", None).expect("new actor");
    let created = scaffold::new_file(&root, NewKind::Procedure, "eerste", None).expect("new");
    assert!(created[0].ends_with("content/voorbeeldregio/procedures/eerste.md"));

    scaffold::new_file(&root, NewKind::Region, "tweede", None).expect("second region");
    let err = scaffold::new_file(&root, NewKind::Page, "uitleg", None).expect_err("which region?");
    assert!(matches!(err.problem(), ScaffoldProblem::NoTarget { .. }), "{err}");
}

/// Removes the `#` of the commented-out examples (not of prose comments,
/// which start with a capital).
fn uncomment(text: &str) -> String {
    text.lines()
        .map(|l| match l.strip_prefix("# ") {
            Some(rest) if rest.starts_with(|c: char| c == ' ' || c.is_ascii_lowercase()) => rest,
            _ => l,
        })
        .map(|l| format!("{l}\n"))
        .collect()
}

#[test]
fn the_commented_examples_are_valid_once_uncommented() {
    for lang in [Lang::Nl, Lang::En] {
        let (_tmp, root) = init_project(lang);
        for kind in [NewKind::Procedure, NewKind::Route, NewKind::Region] {
            let path = scaffold::new_file(&root, kind, "voorbeeld", None)
                .expect("new")
                .remove(0);
            let text = std::fs::read_to_string(&path).expect("read");
            let first_procedure = if lang == Lang::Nl {
                "leerlingbespreking"
            } else {
                "pupil-review"
            };
            let open = uncomment(&text).replace("<procedure-id>", first_procedure);
            assert_ne!(open, text, "{kind} has examples");
            std::fs::write(&path, &open).expect("write");
            let (errors, _, report) = report(&root);
            assert_eq!(errors, 0, "{kind}:\n{open}\n{report}");
        }
    }
}

#[test]
fn a_file_that_would_reference_nothing_is_refused() {
    let tmp = tempfile::tempdir().expect("temporary folder");
    let root = tmp.path();
    std::fs::create_dir_all(root.join("content/leeg")).expect("mkdir");
    std::fs::write(root.join("content/site.yaml"), "title: Leeg\n").expect("write");
    std::fs::write(root.join("content/leeg/region.yaml"), "name: Leeg\n").expect("write");
    for (kind, needed) in [
        (NewKind::Procedure, NewKind::Actor),
        (NewKind::Agreement, NewKind::Actor),
        (NewKind::Route, NewKind::Procedure),
    ] {
        let err = scaffold::new_file(root, kind, "iets", None).expect_err("nothing to reference");
        match err.problem() {
            ScaffoldProblem::NeedsFirst { needed: n, folder, .. } => {
                assert_eq!((*n, folder.as_str()), (needed, "leeg"));
            }
            other => panic!("{kind}: {other:?}"),
        }
        assert!(err.to_string().contains(&format!("zorgroute new {needed}")), "{err}");
    }
    // An actor needs nothing; then a procedure can have it as owner.
    scaffold::new_file(root, NewKind::Actor, "intern-begeleider", None).expect("actor");
    scaffold::new_file(root, NewKind::Procedure, "aanmelden", None).expect("procedure");
    let (errors, _, text) = report(root);
    assert_eq!(errors, 0, "{text}");
}

#[test]
fn kinds_parse_in_english_and_dutch() {
    for kind in NewKind::ALL {
        assert_eq!(NewKind::parse(kind.word()), Some(kind));
    }
    assert_eq!(NewKind::parse("afspraak"), Some(NewKind::Agreement));
    assert_eq!(NewKind::parse("regio"), Some(NewKind::Region));
    assert_eq!(NewKind::parse("school"), None);
}
