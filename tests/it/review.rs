//! `zorgroute review`, run as a user runs it, on tests/fixtures/upkeep on a
//! fixed day: what is due per region and owner, in each format, exactly;
//! the CSV and the calendar read back; the edges of `--within`.

use std::path::Path;
use std::process::Command;

use crate::common;
use crate::exports::{parse_one, prop};

/// The tests' day: 2026-11-25. Due within 60 days: up to 2027-01-24.
const TODAY: &str = "2026-11-25";

/// Runs `zorgroute review` on `root`, on `today` when given.
fn run(root: &Path, today: Option<&str>, args: &[&str]) -> std::process::Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_zorgroute"));
    command
        .arg("review")
        .arg("--root")
        .arg(root)
        .args(args)
        .env("NO_COLOR", "1");
    if let Some(today) = today {
        command.env("ZORGROUTE_TODAY", today);
    }
    command.output().expect("run zorgroute")
}

/// Runs `zorgroute review` on `root` on `today`; its exit code and stdout.
fn review_on(root: &Path, today: &str, args: &[&str]) -> (Option<i32>, String) {
    let out = run(root, Some(today), args);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.code() != Some(0) || stderr.is_empty(), "{stderr}");
    (out.status.code(), String::from_utf8(out.stdout).expect("UTF-8"))
}

/// `zorgroute review` on the upkeep fixture on the tests' day; exits 0.
fn review(args: &[&str]) -> String {
    let (code, stdout) = review_on(&common::fixture("upkeep"), TODAY, args);
    assert_eq!(code, Some(0), "{stdout}");
    stdout
}

/// A copy of the upkeep fixture with `from` replaced by `to` in `file`.
fn edited_fixture(file: &str, from: &str, to: &str) -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    common::copy_dir(&common::fixture("upkeep"), tmp.path());
    common::edit(&tmp.path().join("content").join(file), from, to);
    tmp
}

/// A copy of the upkeep fixture with `line` added to its site.yaml.
fn fixture_with_site_line(line: &str) -> tempfile::TempDir {
    let title = "title: Handboek onderhoud";
    edited_fixture("site.yaml", title, &format!("{title}\n{line}"))
}

#[test]
fn human_lists_what_is_due_per_region_and_owner_by_date() {
    assert_eq!(
        review(&[]),
        "\
Aan de beurt tot en met 24 januari 2027 (60 dagen na 25 november 2026), ook wat te laat is

Regio Noord (noord)
  Gemeente (gemeente)
    2026-11-01  te laat  afspraak herzien             Convenant onderwijs en jeugd (convenant)
    2027-01-20           contactgegevens controleren  Gemeente (gemeente)
  Bureau van het samenwerkingsverband (bureau)
    2026-12-01           contactgegevens controleren  Bureau van het samenwerkingsverband (bureau)
  Regio Noord (noord)
    2026-12-10           pagina herzien               Welkom (index)
    2027-01-24           pagina herzien               Privacy (privacy)

Regio Zuid (zuid)
  Gemeente Zuid (gemeente)
    2026-11-01  te laat  afspraak herzien             Convenant onderwijs en jeugd (convenant)
  Bureau van het samenwerkingsverband (bureau)
    2026-12-01           contactgegevens controleren  Bureau van het samenwerkingsverband (bureau)
  Regio Zuid (zuid)
    2026-12-10           pagina herzien               Welkom (index)
    2027-01-24           pagina herzien               Privacy (privacy)
"
    );
}

#[test]
fn human_speaks_the_sites_language() {
    let tmp = fixture_with_site_line("language: en");
    let (code, stdout) = review_on(tmp.path(), TODAY, &["--within", "7"]);
    assert_eq!(code, Some(0));
    assert_eq!(
        stdout,
        "\
Due by 2 December 2026 (7 days after 25 November 2026), overdue included

Regio Noord (noord)
  Gemeente (gemeente)
    2026-11-01  overdue  review the agreement       Convenant onderwijs en jeugd (convenant)
  Bureau van het samenwerkingsverband (bureau)
    2026-12-01           check the contact details  Bureau van het samenwerkingsverband (bureau)

Regio Zuid (zuid)
  Gemeente Zuid (gemeente)
    2026-11-01  overdue  review the agreement       Convenant onderwijs en jeugd (convenant)
  Bureau van het samenwerkingsverband (bureau)
    2026-12-01           check the contact details  Bureau van het samenwerkingsverband (bureau)
"
    );
}

#[test]
fn json_gives_one_record_per_item() {
    let json: serde_json::Value = serde_json::from_str(&review(&["--format", "json", "--within", "15"])).unwrap();
    let items = |region| {
        [
            (
                "agreement",
                "convenant",
                "Convenant onderwijs en jeugd",
                "gemeente",
                "2026-11-01",
                "afspraak herzien",
            ),
            (
                "actor",
                "bureau",
                "Bureau van het samenwerkingsverband",
                "bureau",
                "2026-12-01",
                "contactgegevens controleren",
            ),
            ("page", "index", "Welkom", region, "2026-12-10", "pagina herzien"),
        ]
        .map(|(kind, id, title, owner, due, what)| {
            serde_json::json!({
                "region": region, "kind": kind, "id": id, "title": title, "owner": owner,
                "due": due, "what": what, "overdue": due < TODAY,
            })
        })
    };
    let expected = serde_json::Value::Array(["noord", "zuid"].into_iter().flat_map(items).collect());
    assert_eq!(json, expected);
}

#[test]
fn csv_has_the_same_columns_and_reads_back() {
    let text = review(&["--format", "csv", "--within", "15"]);
    assert_eq!(
        text,
        "region,kind,id,title,owner,due,what,overdue\r\n\
         noord,agreement,convenant,Convenant onderwijs en jeugd,gemeente,2026-11-01,afspraak herzien,true\r\n\
         noord,actor,bureau,Bureau van het samenwerkingsverband,bureau,2026-12-01,contactgegevens controleren,false\r\n\
         noord,page,index,Welkom,noord,2026-12-10,pagina herzien,false\r\n\
         zuid,agreement,convenant,Convenant onderwijs en jeugd,gemeente,2026-11-01,afspraak herzien,true\r\n\
         zuid,actor,bureau,Bureau van het samenwerkingsverband,bureau,2026-12-01,contactgegevens controleren,false\r\n\
         zuid,page,index,Welkom,zuid,2026-12-10,pagina herzien,false\r\n"
    );
    // Read back as CSV, it is the JSON output, record for record.
    let json: Vec<serde_json::Map<String, serde_json::Value>> =
        serde_json::from_str(&review(&["--format", "json"])).unwrap();
    let csv_text = review(&["--format", "csv"]);
    let mut reader = csv::Reader::from_reader(csv_text.as_bytes());
    let headers = reader.headers().unwrap().clone();
    assert_eq!(headers.iter().collect::<Vec<_>>(), zorgroute::export::upkeep::COLUMNS);
    let rows: Vec<csv::StringRecord> = reader.records().collect::<Result<_, _>>().unwrap();
    assert_eq!(rows.len(), json.len());
    for (row, record) in rows.iter().zip(&json) {
        for (column, value) in headers.iter().zip(row) {
            let expected = match &record[column] {
                serde_json::Value::String(s) => s.clone(),
                other => other.to_string(),
            };
            assert_eq!(value, expected, "{column}");
        }
    }
}

#[test]
fn a_title_with_a_comma_or_quote_is_quoted_in_csv() {
    let title = "title: 'Privacy, \"AVG\" en school'";
    let tmp = edited_fixture("_standaard/pages/privacy.md", "title: Privacy", title);
    let (_, csv_text) = review_on(tmp.path(), TODAY, &["--format", "csv"]);
    assert!(
        csv_text.contains("noord,page,privacy,\"Privacy, \"\"AVG\"\" en school\",noord,"),
        "{csv_text}"
    );
    let mut reader = csv::Reader::from_reader(csv_text.as_bytes());
    let titles: Vec<String> = reader.records().map(|r| r.unwrap()[3].to_string()).collect();
    assert!(titles.contains(&"Privacy, \"AVG\" en school".to_string()), "{titles:?}");
}

#[test]
fn ics_has_one_all_day_event_per_item_and_reads_back() {
    let text = review(&["--format", "ics", "--within", "7"]);
    let calendar = parse_one("review.ics", &text, ical::IcalParser::new);
    assert_eq!(
        prop(&calendar.properties, "NAME").as_deref(),
        Some("Handboek onderhoud: wat is er aan de beurt")
    );
    let events: Vec<Vec<(String, String)>> = calendar
        .events
        .iter()
        .map(|e| {
            let names = ["UID", "DTSTART", "DTEND", "SUMMARY", "DTSTAMP"];
            names
                .iter()
                .map(|n| (n.to_string(), prop(&e.properties, n).unwrap_or_default()))
                .collect()
        })
        .collect();
    let event = |uid: &str, start: &str, end: &str, summary: &str| -> Vec<(String, String)> {
        [("UID", uid), ("DTSTART", start), ("DTEND", end), ("SUMMARY", summary)]
            .into_iter()
            .chain([("DTSTAMP", "20261125T000000Z")])
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    };
    let convenant = "Afspraak herzien: Convenant onderwijs en jeugd";
    let bureau = "Contactgegevens controleren: Bureau van het samenwerkingsverband";
    assert_eq!(
        events,
        [
            event(
                "review-agreement-convenant@noord.zorgroute",
                "20261101",
                "20261102",
                convenant
            ),
            event("review-actor-bureau@noord.zorgroute", "20261201", "20261202", bureau),
            event(
                "review-agreement-convenant@zuid.zorgroute",
                "20261101",
                "20261102",
                convenant
            ),
            event("review-actor-bureau@zuid.zorgroute", "20261201", "20261202", bureau),
        ]
    );
    // The whole of one event, as written (folded at 75 octets).
    let first = "BEGIN:VEVENT\r\n\
        DESCRIPTION:Eigenaar: Gemeente\\n\\nhttps://handboek.example.nl/noord/afsprak\r\n \
        en/convenant/\r\n\
        DTEND;VALUE=DATE:20261102\r\n\
        DTSTAMP:20261125T000000Z\r\n\
        DTSTART;VALUE=DATE:20261101\r\n\
        SUMMARY:Afspraak herzien: Convenant onderwijs en jeugd\r\n\
        UID:review-agreement-convenant@noord.zorgroute\r\n\
        URL:https://handboek.example.nl/noord/afspraken/convenant/\r\n\
        END:VEVENT\r\n";
    assert!(text.contains(first), "{text}");
}

#[test]
fn within_counts_whole_days_and_includes_its_last_day() {
    let ids = |args: &[&str]| -> Vec<String> {
        let json: Vec<serde_json::Value> = serde_json::from_str(&review(args)).unwrap();
        let noord = json.iter().filter(|r| r["region"] == "noord");
        noord.map(|r| r["id"].as_str().unwrap().to_string()).collect()
    };
    let within = |days: &str| ids(&["--format", "json", "--within", days]);
    // The privacy page is due in exactly 60 days, the vision page in 61.
    assert_eq!(within("60"), ["convenant", "gemeente", "bureau", "index", "privacy"]);
    assert_eq!(within("59"), ["convenant", "gemeente", "bureau", "index"]);
    assert_eq!(
        within("61"),
        ["convenant", "gemeente", "bureau", "index", "privacy", "visie"]
    );
    // Bureau's details run out in 6 days; 0 days leaves what is overdue.
    assert_eq!(within("6"), ["convenant", "bureau"]);
    assert_eq!(within("5"), ["convenant"]);
    assert_eq!(within("0"), ["convenant"]);
    // Due today is not overdue yet.
    let (_, on_the_day) = review_on(
        &common::fixture("upkeep"),
        "2026-12-01",
        &["--format", "json", "--within", "0"],
    );
    let on_the_day: Vec<serde_json::Value> = serde_json::from_str(&on_the_day).unwrap();
    let bureau = on_the_day.iter().find(|r| r["id"] == "bureau").unwrap();
    assert_eq!(bureau["overdue"], false);
}

#[test]
fn within_defaults_to_the_sites_review_warning_days() {
    let tmp = fixture_with_site_line("review_warning_days: 6");
    let (code, csv_text) = review_on(tmp.path(), TODAY, &["--format", "csv"]);
    assert_eq!(code, Some(0));
    let ids: Vec<&str> = csv_text.lines().skip(1).map(|l| l.split(',').nth(2).unwrap()).collect();
    assert_eq!(ids, ["convenant", "bureau", "convenant", "bureau"]);
}

#[test]
fn nothing_due_says_so_and_csv_keeps_its_header() {
    let root = common::fixture("upkeep");
    let (code, human) = review_on(&root, "2024-01-01", &["--within", "10"]);
    assert_eq!(code, Some(0));
    assert_eq!(
        human,
        "Aan de beurt tot en met 11 januari 2024 (10 dagen na 1 januari 2024), ook wat te laat is\n\nNiets aan de beurt.\n"
    );
    let (_, csv_text) = review_on(&root, "2024-01-01", &["--format", "csv", "--within", "10"]);
    assert_eq!(csv_text, "region,kind,id,title,owner,due,what,overdue\r\n");
    let (_, json) = review_on(&root, "2024-01-01", &["--format", "json", "--within", "10"]);
    assert_eq!(json, "[]\n");
}

#[test]
fn mistakes_in_the_content_exit_with_1_and_are_reported() {
    let tmp = edited_fixture(
        "_standaard/pages/privacy.md",
        "review: 2027-01-24",
        "review: 2027-02-30",
    );
    let out = run(tmp.path(), None, &[]);
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("content/_standaard/pages/privacy.md:3:9"), "{stderr}");
}
