//! The exports of the example handbook: handboek.json (and its documented
//! schema), the agreement calendar, vCards, sitemap.xml and robots.txt, read
//! back with independent parsers; and the "last changed" dates.

use crate::common;

use std::collections::BTreeMap;
use std::path::Path;

use ical::property::Property;
use zorgroute::load::changed::{self, Policy};

type Files = BTreeMap<String, Vec<u8>>;

/// The example's output, from a build of its own.
fn example_site() -> Files {
    let (_tmp, out) = common::build(&common::example());
    common::files(&out)
}

/// The example's output and model, built once for the tests that only read them.
fn example() -> &'static (Files, std::sync::Arc<zorgroute::model::Site>) {
    static EXAMPLE: std::sync::OnceLock<(Files, std::sync::Arc<zorgroute::model::Site>)> = std::sync::OnceLock::new();
    EXAMPLE.get_or_init(|| (example_site(), model()))
}

fn text<'a>(files: &'a Files, path: &str) -> &'a str {
    let bytes = files.get(path).unwrap_or_else(|| panic!("no {path} in the output"));
    std::str::from_utf8(bytes).expect("UTF-8")
}

fn model() -> std::sync::Arc<zorgroute::model::Site> {
    common::fix_last_changed();
    let checked = zorgroute::pipeline::check(&common::example());
    assert!(!checked.has_errors());
    checked.resolved.expect("a site").site
}

/// Every content line of an iCalendar or vCard file: CRLF endings, at most 75 octets.
fn assert_content_lines(path: &str, text: &str) {
    assert!(text.ends_with("\r\n"), "{path} ends with CRLF");
    for line in text.split("\r\n") {
        assert!(!line.contains('\n'), "{path}: bare LF in {line:?}");
        assert!(line.len() <= 75, "{path}: line of {} octets: {line:?}", line.len());
    }
}

/// The one calendar or card of an iCalendar or vCard file, read by `parser`
/// after its content lines are checked.
pub(crate) fn parse_one<'a, T, E, P>(path: &str, text: &'a str, parser: impl FnOnce(&'a [u8]) -> P) -> T
where
    E: std::fmt::Display,
    P: Iterator<Item = Result<T, E>>,
{
    assert_content_lines(path, text);
    let mut items: Vec<T> = parser(text.as_bytes())
        .collect::<Result<_, _>>()
        .unwrap_or_else(|e| panic!("{path} does not parse: {e}"));
    assert_eq!(items.len(), 1, "{path}: one calendar or card");
    items.remove(0)
}

/// The value of the first property called `name`.
pub(crate) fn prop(props: &[Property], name: &str) -> Option<String> {
    props.iter().find(|p| p.name == name).and_then(|p| p.value.clone())
}

#[test]
fn handbook_json_is_the_resolved_region() {
    let (files, site) = example();
    for region in &site.regions {
        let path = format!("{}/handboek.json", region.slug);
        let json: serde_json::Value = serde_json::from_str(text(files, &path)).expect("valid JSON");
        assert_eq!(json["schema_version"], zorgroute::export::json::SCHEMA_VERSION);
        assert_eq!(json["region"]["id"], region.slug.as_str());
        let count = |key: &str| json[key].as_array().map_or(0, Vec::len);
        assert_eq!(count("actors"), region.actors.len());
        assert_eq!(count("procedures"), region.procedures.len());
        assert_eq!(count("agreements"), region.agreements.len());
        assert_eq!(count("routes"), region.routes.len());
        assert_eq!(count("pages"), region.pages.len());
        assert_eq!(count("glossary"), region.glossary.len());
        // Every entity's URL is a page of the site; every id reference names an entity.
        let actor_ids: Vec<&str> = json["actors"]
            .as_array()
            .unwrap()
            .iter()
            .map(|a| a["id"].as_str().unwrap())
            .collect();
        for key in ["actors", "procedures", "agreements", "routes", "pages"] {
            for entity in json[key].as_array().unwrap() {
                let url = entity["url"].as_str().unwrap();
                assert!(files.contains_key(url), "{path}: {url} is not a page");
            }
        }
        for p in json["procedures"].as_array().unwrap() {
            if let Some(owner) = p["owner"].as_str() {
                assert!(actor_ids.contains(&owner), "{path}: owner {owner}");
            }
            for step in p["steps"].as_array().unwrap() {
                assert_eq!(step["anchor"], format!("stap-{}", step["number"]));
            }
        }
        for a in json["actors"].as_array().unwrap() {
            if let Some(vcard) = a["vcard"].as_str() {
                assert!(files.contains_key(vcard), "{path}: no vCard {vcard}");
            }
        }
        // Bodies are HTML with links from the site root, never placeholders.
        assert!(!text(files, &path).contains("zorgroute:link/"));
    }
}

#[test]
fn handbook_json_is_deterministic() {
    let first = example_site();
    let second = example_site();
    for (path, bytes) in &first {
        if path.ends_with(".json") || path.ends_with(".ics") || path.ends_with(".vcf") || path.ends_with(".xml") {
            assert_eq!(Some(bytes), second.get(path), "{path} differs between builds");
        }
    }
}

#[test]
fn documented_schema_is_up_to_date() {
    let generated = serde_json::to_string_pretty(&zorgroute::export::json::schema()).unwrap() + "\n";
    let file = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/handboek.schema.json");
    if std::env::var_os("ZORGROUTE_BLESS").is_some() {
        std::fs::write(&file, &generated).unwrap();
    }
    let recorded = std::fs::read_to_string(&file).unwrap_or_default();
    assert!(
        recorded == generated,
        "docs/handboek.schema.json is out of date: run `ZORGROUTE_BLESS=1 cargo test --test it exports::` \
         (and raise SCHEMA_VERSION if a field was removed or changed meaning)"
    );
}

#[test]
fn calendar_has_every_review_date_as_an_all_day_event() {
    let (files, site) = example();
    for region in &site.regions {
        let path = format!("{}/afspraken.ics", region.slug);
        let with_review: Vec<_> = region.agreements.iter().filter(|a| a.review.is_some()).collect();
        if with_review.is_empty() {
            assert!(!files.contains_key(&path));
            continue;
        }
        let calendar = parse_one(&path, text(files, &path), ical::IcalParser::new);
        let prop = |props: &[Property], name: &str| prop(props, name).unwrap_or_default();
        assert_eq!(prop(&calendar.properties, "VERSION"), "2.0");
        assert!(!prop(&calendar.properties, "PRODID").is_empty());
        assert_eq!(
            calendar.events.len(),
            with_review.len(),
            "{path}: one event per review date"
        );
        for agreement in with_review {
            let uid = format!("{}@{}.zorgroute", agreement.meta.id, region.slug);
            let event = calendar
                .events
                .iter()
                .find(|e| prop(&e.properties, "UID") == uid)
                .unwrap_or_else(|| panic!("{path}: no event {uid}"));
            let review = agreement.review.unwrap();
            let basic = zorgroute::export::basic_date(review);
            let start = event.properties.iter().find(|p| p.name == "DTSTART").unwrap();
            assert_eq!(start.value.as_deref(), Some(basic.as_str()));
            assert!(format!("{:?}", start.params).contains("DATE"), "{path}: all-day");
            assert!(prop(&event.properties, "SUMMARY").contains(&agreement.title));
            assert!(!prop(&event.properties, "DTSTAMP").is_empty());
            let page = format!(
                "https://handboek.example.nl/{}/afspraken/{}/",
                region.slug, agreement.meta.id
            );
            assert_eq!(prop(&event.properties, "URL"), page);
            assert!(prop(&event.properties, "DESCRIPTION").contains(&page));
        }
    }
}

#[test]
fn calendar_time_stamp_is_the_build_date() {
    let site = model();
    let region = &site.regions[0];
    let strings = zorgroute::load::theme::read(&common::example(), "default")
        .and_then(|files| zorgroute::render::theme::compile(files, site.lang))
        .map(|t| t.strings)
        .unwrap_or_else(|_| panic!("theme"));
    let day = time::macros::date!(2026 - 03 - 03);
    let ics = zorgroute::export::ical::render(&site, region, &strings, day);
    let ics = String::from_utf8(ics).unwrap();
    assert!(ics.contains("DTSTAMP:20260303T000000Z\r\n"), "{ics}");
    assert_eq!(
        ics,
        String::from_utf8(zorgroute::export::ical::render(&site, region, &strings, day)).unwrap()
    );
}

#[test]
fn every_actor_with_contact_details_has_a_vcard() {
    let (files, site) = example();
    let mut seen = 0;
    for region in &site.regions {
        for actor in &region.actors {
            let path = zorgroute::urls::vcard(&region.slug, &actor.meta.id);
            let Some(contact) = actor.contact.as_ref().filter(|c| !c.is_empty()) else {
                assert!(
                    !files.contains_key(&path),
                    "{path} for an actor without contact details"
                );
                continue;
            };
            seen += 1;
            let card = parse_one(&path, text(files, &path), ical::VcardParser::new);
            let prop = |name: &str| prop(&card.properties, name);
            assert_eq!(prop("VERSION").as_deref(), Some("4.0"));
            assert!(prop("FN").is_some_and(|f| f.contains(actor.name.split(',').next().unwrap())));
            assert!(prop("ORG").is_some());
            assert_eq!(prop("EMAIL"), contact.email.clone(), "{path}");
            if contact.phone.is_some() {
                assert!(prop("TEL").is_some(), "{path}: TEL");
            }
            if contact.address.is_some() {
                assert!(prop("ADR").is_some(), "{path}: ADR");
            }
            if contact.verified.is_some() {
                assert!(
                    prop("NOTE").is_some_and(|n| n.contains("Gecontroleerd op")),
                    "{path}: NOTE"
                );
                assert!(prop("REV").is_some(), "{path}: REV");
            }
        }
    }
    assert!(seen > 0, "the example has actors with contact details");
}

#[test]
fn sitemap_lists_every_page_but_redirects_and_404() {
    let (files, _) = example();
    let sitemap = text(files, "sitemap.xml");
    assert!(sitemap.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset"));
    let base = "https://handboek.example.nl/";
    let locs: Vec<&str> = sitemap
        .split("<loc>")
        .skip(1)
        .map(|s| &s[..s.find("</loc>").unwrap()])
        .collect();
    for loc in &locs {
        let path = loc
            .strip_prefix(base)
            .unwrap_or_else(|| panic!("{loc} is not absolute"));
        let file = if path.is_empty() || path.ends_with('/') {
            format!("{path}index.html")
        } else {
            path.to_string()
        };
        let html = text(files, &file);
        assert!(!html.contains("http-equiv=\"refresh\""), "{loc} is a redirect");
    }
    assert!(!locs.iter().any(|l| l.ends_with("404.html")));
    // Every page that is no redirect is listed.
    let pages = files
        .iter()
        .filter(|(p, b)| {
            // Earlier editions are not the canonical pages: they are left out.
            p.ends_with(".html")
                && *p != "404.html"
                && !p.starts_with("edities/")
                && !String::from_utf8_lossy(b).contains("http-equiv=\"refresh\"")
        })
        .count();
    assert_eq!(locs.len(), pages);
    assert!(sitemap.contains(&format!("<loc>{base}waterland/procedures/verzuim/</loc><lastmod>")));
    let robots = text(files, "robots.txt");
    assert!(robots.contains("User-agent: *\nAllow: /\n"));
    assert!(robots.contains("Sitemap: https://handboek.example.nl/sitemap.xml\n"));
}

#[test]
fn no_sitemap_without_base_url() {
    let tmp = tempfile::tempdir().unwrap();
    common::copy_dir(&common::fixture("minimal"), tmp.path());
    let site_yaml = tmp.path().join("content/site.yaml");
    let text = std::fs::read_to_string(&site_yaml).unwrap();
    let without: String = text
        .lines()
        .filter(|l| !l.starts_with("base_url"))
        .map(|l| format!("{l}\n"))
        .collect();
    std::fs::write(&site_yaml, without).unwrap();
    let (_out_tmp, out) = common::build(tmp.path());
    assert!(!out.join("sitemap.xml").exists());
    let robots = std::fs::read_to_string(out.join("robots.txt")).unwrap();
    assert_eq!(robots, "User-agent: *\nAllow: /\n");
}

#[test]
fn pages_show_when_they_last_changed() {
    // The tests' builds fix every date (see common::build).
    let (files, _) = example();
    let stamp = "Laatst gewijzigd: <time datetime=\"2026-03-03\">3 maart 2026</time>";
    for page in [
        "waterland/index.html",
        "waterland/procedures/verzuim/index.html",
        "waterland/actoren/intern-begeleider/index.html",
    ] {
        assert!(text(files, page).contains(stamp), "{page}");
    }
    assert!(!text(files, "waterland/procedures/index.html").contains("Laatst gewijzigd"));
}

#[test]
fn dates_come_from_git_history_then_modification_time() {
    let tmp = tempfile::tempdir().unwrap();
    let content = tmp.path().join("content");
    std::fs::create_dir_all(&content).unwrap();
    std::fs::write(content.join("a.md"), "a").unwrap();
    std::fs::write(content.join("b.md"), "b").unwrap();
    let git = |args: &[&str]| {
        let ok = std::process::Command::new("git")
            .current_dir(tmp.path())
            .args(["-c", "user.name=t", "-c", "user.email=t@example.org"])
            .args(args)
            .env("GIT_AUTHOR_DATE", "2026-01-01T12:00:00Z")
            .env("GIT_COMMITTER_DATE", "2026-01-01T12:00:00Z")
            .status()
            .is_ok_and(|s| s.success());
        assert!(ok, "git {args:?}");
    };
    if std::process::Command::new("git").arg("--version").output().is_err() {
        eprintln!("git is not installed: skipped");
        return;
    }
    git(&["init", "-q"]);
    git(&["add", "content"]);
    git(&["commit", "-q", "-m", "first"]);
    // b.md changes after the commit: its modification time counts.
    std::fs::write(content.join("b.md"), "b, changed").unwrap();
    std::fs::write(content.join("c.md"), "new").unwrap();
    let mtime = time::macros::date!(2026 - 02 - 02);
    let files: Vec<(String, Option<std::time::SystemTime>)> = ["a.md", "b.md", "c.md"]
        .iter()
        .map(|f| {
            (
                f.to_string(),
                Some(
                    time::PrimitiveDateTime::new(mtime, time::Time::MIDNIGHT)
                        .assume_utc()
                        .into(),
                ),
            )
        })
        .collect();
    let dates = changed::dates(&content, &files, Policy::Detect);
    assert_eq!(
        dates,
        vec![Some(time::macros::date!(2026 - 01 - 01)), Some(mtime), Some(mtime)]
    );
}
