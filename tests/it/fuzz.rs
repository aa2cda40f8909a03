//! A proptest-driven fuzzer: random and half-broken front matter, Markdown
//! with `@` links, region.yaml and site.yaml go through `check` (as files in
//! memory) and, when that finds no errors, through `render`. Whatever the
//! input, nothing may panic, and a project without errors must render.
//!
//! CI runs a bounded number of cases; run it longer by hand with
//! `ZORGROUTE_FUZZ_SECONDS=3600 cargo test --release --test it fuzz:: -- --nocapture`
//! (batches of fresh random cases until the time is up).

use proptest::prelude::*;
use proptest::test_runner::{Config, TestCaseError, TestRunner};
use zorgroute::load::Files;

const KEYS: &[&str] = &[
    "title",
    "titel",
    "name",
    "level",
    "kind",
    "owner",
    "participants",
    "summary",
    "trigger",
    "steps",
    "actor",
    "within",
    "escalates_to",
    "procedure",
    "when",
    "consent",
    "required",
    "from",
    "documents",
    "aliases",
    "parties",
    "signed",
    "review",
    "commitments",
    "party",
    "text",
    "response_time",
    "procedures",
    "members",
    "contact",
    "email",
    "verified",
    "id",
    "order",
    "extends",
    "exclude",
    "steering_group",
    "indicators",
    "statement",
    "scores",
    "score",
    "timeline",
    "year",
    "schools",
    "brin",
    "municipalities",
    "levels",
    "language",
    "theme",
    "base_url",
    "footer",
];
const IDS: &[&str] = &[
    "leerkracht",
    "ib",
    "ouders",
    "signaleren",
    "bespreking",
    "basis",
    "visie",
    "x",
    "-",
    "Ï",
    "",
];
const SCALARS: &[&str] = &[
    "groep",
    "school",
    "extern",
    "rol",
    "team",
    "2 weken",
    "soon",
    "2025-02-30",
    "2026-01-01",
    "true",
    "null",
    "~",
    "12",
    "-3",
    "999999999999999999999",
    "1.5",
    "\"quoted\"",
    "'single'",
    "a: b",
    "[a, b",
    "{x: 1}",
    "&anchor x",
    "*anchor",
    "!tag v",
    "|",
    ">",
    "#comment",
    "@procedure/signaleren#stap-1",
    "111222333",
    "ZAT",
    "Ëën café",
    "none",
    "_standaard",
    "procedure/signaleren",
    "procedure/",
    "nl",
    "en",
    "fries",
];

fn scalar() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => proptest::sample::select(IDS).prop_map(str::to_string),
        4 => proptest::sample::select(SCALARS).prop_map(str::to_string),
        1 => "\\PC{0,12}",
    ]
}

/// YAML-ish text: known and unknown keys, nesting, lists, odd indentation.
fn yaml_text() -> impl Strategy<Value = String> {
    let line = (
        0usize..4,
        proptest::sample::select(KEYS),
        prop_oneof![
            3 => scalar(),
            1 => proptest::collection::vec(scalar(), 0..4).prop_map(|v| format!("[{}]", v.join(", "))),
            1 => Just(String::new()),
        ],
        any::<bool>(),
    )
        .prop_map(|(indent, key, value, dash)| {
            let pad = " ".repeat(indent * 2);
            if dash {
                format!("{pad}- {key}: {value}")
            } else {
                format!("{pad}{key}: {value}")
            }
        });
    proptest::collection::vec(line, 0..14).prop_map(|lines| lines.join("\n") + "\n")
}

/// Markdown whose links all resolve, with random text, headings and code.
fn valid_markdown() -> impl Strategy<Value = String> {
    let block = prop_oneof![
        Just("Zie [stap 1](@procedure/signaleren#stap-1) en [de ib](@actor/ib).".to_string()),
        "\\PC{0,60}",
        "#{1,6} \\PC{0,20}",
        "```[a-z]{0,6}\n\\PC{0,40}\n```",
        Just("| a | b |\n|---|---|\n| 1 | 2 |\n".to_string()),
        Just("<script>alert(1)</script> & <b>vet</b>".to_string()),
    ];
    proptest::collection::vec(block, 0..8).prop_map(|b| b.join("\n\n"))
}

/// Markdown with headings, code, tables and `@` links (valid and not).
fn markdown() -> impl Strategy<Value = String> {
    let kinds = proptest::sample::select(&["procedure", "actor", "agreement", "route", "page", "procedures", ""][..]);
    let link = (
        kinds,
        proptest::sample::select(IDS),
        proptest::option::of("[a-z0-9-]{0,8}"),
    )
        .prop_map(|(k, id, anchor)| match anchor {
            Some(a) => format!("[link](@{k}/{id}#{a})"),
            None => format!("[link](@{k}/{id})"),
        });
    let block = prop_oneof![
        link,
        "\\PC{0,40}",
        Just("## Stap 1\n".to_string()),
        Just("# Kop\n".to_string()),
        Just("```yaml\nx: [1\n```\n".to_string()),
        Just("```onbekend\ncode\n```\n".to_string()),
        Just("| a | b |\n|---|---|\n| 1 | 2 |\n".to_string()),
        Just("tekst[^1]\n\n[^1]: voetnoot\n".to_string()),
        Just("<div>html</div>\n".to_string()),
    ];
    proptest::collection::vec(block, 0..8).prop_map(|b| b.join("\n\n"))
}

/// A procedure that is valid but for its body and, sometimes, one extra field:
/// these get through `check`, so rendering is fuzzed too.
fn valid_procedure() -> impl Strategy<Value = Vec<u8>> {
    (valid_markdown(), proptest::option::weighted(0.2, (proptest::sample::select(KEYS), scalar()))).prop_map(|(body, extra)| {
        let extra = extra.map(|(k, v)| format!("{k}: {v}\n")).unwrap_or_default();
        format!(
            "---\ntitle: Signaleren\nlevel: groep\nowner: leerkracht\nsteps:\n  - title: Zien\n    actor: ib\n    within: 2 weken\nescalates_to:\n  - procedure: signaleren\n    when: Opnieuw.\n{extra}---\n{body}"
        )
        .into_bytes()
    })
}

/// A whole file: usually front matter and body, sometimes broken framing or bytes.
fn md_file() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        6 => valid_procedure(),
        6 => (yaml_text(), markdown()).prop_map(|(y, m)| format!("---\n{y}---\n{m}").into_bytes()),
        1 => (yaml_text(), markdown()).prop_map(|(y, m)| format!("---\n{y}{m}").into_bytes()),
        1 => (yaml_text(), markdown()).prop_map(|(y, m)| format!("\u{feff}---\n{y}---\n{m}").into_bytes()),
        1 => proptest::collection::vec(any::<u8>(), 0..200),
    ]
}

#[derive(Debug, Clone)]
struct Project {
    site: String,
    region: String,
    with_base: bool,
    procedures: Vec<Vec<u8>>,
    actors: Vec<Vec<u8>>,
    route: String,
    glossary: String,
}

/// Half of the projects are valid but for random bodies (so rendering is
/// fuzzed); the other half are chaos.
fn project() -> impl Strategy<Value = Project> {
    prop_oneof![valid_project(), chaos_project()]
}

fn valid_project() -> impl Strategy<Value = Project> {
    (any::<bool>(), proptest::collection::vec(valid_procedure(), 1..4)).prop_map(|(with_base, procedures)| Project {
        site: "title: Fuzz\n".into(),
        region: "name: Regio\nsteering_group: [ib]\n".into(),
        with_base,
        procedures,
        actors: Vec::new(),
        route: "title: Basis\nsteps: [signaleren]\n".into(),
        glossary: "- term: Zorgteam\n  abbreviation: ZT\n  definition: Team.\n".into(),
    })
}

fn chaos_project() -> impl Strategy<Value = Project> {
    (
        prop_oneof![3 => Just("title: Fuzz\n".to_string()), 1 => yaml_text()],
        prop_oneof![4 => Just("name: Regio\nsteering_group: [ib]\n".to_string()), 1 => yaml_text()],
        any::<bool>(),
        proptest::collection::vec(md_file(), 0..4),
        proptest::collection::vec(md_file(), 0..3),
        prop_oneof![3 => Just("title: Basis\nsteps: [signaleren]\n".to_string()), 1 => yaml_text()],
        prop_oneof![3 => Just("- term: Zorgteam\n  abbreviation: ZT\n  definition: Team.\n".to_string()), 1 => yaml_text()],
    )
        .prop_map(|(site, region, with_base, procedures, actors, route, glossary)| Project {
            site,
            region,
            with_base,
            procedures,
            actors,
            route,
            glossary,
        })
}

/// The project's files, in memory.
fn files(p: &Project) -> Files {
    let mut files = Files::default();
    let region = "content/regio";
    files.insert_bytes("content/site.yaml", p.site.as_str());
    files.insert_bytes(format!("{region}/region.yaml"), p.region.as_str());
    files.insert_bytes(format!("{region}/routes/basis.yaml"), p.route.as_str());
    files.insert_bytes(format!("{region}/glossary.yaml"), p.glossary.as_str());
    // Two sane actors so that some references resolve and rendering is reached.
    files.insert_bytes(
        format!("{region}/actors/ib.md"),
        "---\nname: IB\nlevel: school\nkind: rol\n---\n",
    );
    files.insert_bytes(
        format!("{region}/actors/leerkracht.md"),
        "---\nname: L\nlevel: groep\nkind: rol\n---\n",
    );
    let names = ["signaleren", "bespreking", "visie", "x"];
    for (i, bytes) in p.procedures.iter().enumerate() {
        files.insert_bytes(
            format!("{region}/procedures/{}.md", names[i % names.len()]),
            bytes.clone(),
        );
    }
    for (i, bytes) in p.actors.iter().enumerate() {
        files.insert_bytes(format!("{region}/actors/extra-{i}.md"), bytes.clone());
    }
    if p.with_base {
        files.insert_folder("content/_standaard/procedures");
        if let Some(first) = p.procedures.first() {
            files.insert_bytes("content/_standaard/procedures/standaard.md", first.clone());
        }
    }
    files
}

#[test]
fn nothing_panics_on_any_input() {
    let cases = std::env::var("ZORGROUTE_FUZZ_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(96);
    let seconds: u64 = std::env::var("ZORGROUTE_FUZZ_SECONDS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(0);
    let start = std::time::Instant::now();
    let rendered = std::cell::Cell::new(0u32);
    let mut total = 0u64;
    loop {
        run_batch(cases, &rendered);
        total += u64::from(cases);
        if start.elapsed().as_secs() >= seconds {
            break;
        }
    }
    eprintln!(
        "fuzz: {total} cases in {:.0} s, {} rendered",
        start.elapsed().as_secs_f64(),
        rendered.get()
    );
}

fn run_batch(cases: u32, rendered: &std::cell::Cell<u32>) {
    let mut runner = TestRunner::new(Config {
        cases,
        failure_persistence: None,
        ..Config::default()
    });
    let today = zorgroute::values::parse_date("2026-11-25").unwrap();
    runner
        .run(&project(), |p| {
            let checked = zorgroute::pipeline::check_files(files(&p), today);
            // Formatting every diagnostic exercises the span and snippet code too.
            let _ = zorgroute::diag::to_plain_string(&checked.diagnostics, &checked.project.sources, checked.lang);
            let _ = zorgroute::diag::to_json(&checked.diagnostics, &checked.project.sources, checked.lang);
            if std::env::var_os("ZORGROUTE_FUZZ_DEBUG").is_some() {
                let codes: Vec<_> = checked
                    .diagnostics
                    .iter()
                    .filter(|d| d.is_error())
                    .map(|d| d.problem.code())
                    .collect();
                eprintln!("{codes:?}");
            }
            // A project that checks without errors must render.
            if let Some(resolved) = checked.renderable() {
                if let Err(d) = zorgroute::pipeline::render(resolved) {
                    let why = zorgroute::diag::to_plain_string(&[*d], &checked.project.sources, checked.lang);
                    return Err(TestCaseError::fail(format!(
                        "checked without errors but did not render:\n{why}"
                    )));
                }
                rendered.set(rendered.get() + 1);
            }
            Ok(())
        })
        .unwrap();
}
