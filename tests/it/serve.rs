//! `zorgroute serve` as a user runs it: it serves the site on 127.0.0.1,
//! shows an edit, keeps serving the last good page when an edit is broken
//! (and tells the browser), and refuses path traversal.

use crate::common;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

pub struct Server {
    child: Child,
    pub address: String,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

pub fn start(root: &Path) -> Server {
    start_with(root, &[])
}

/// `zorgroute serve` on a free port with `extra` arguments (`--read-only`).
pub fn start_with(root: &Path, extra: &[&str]) -> Server {
    let mut child = Command::new(env!("CARGO_BIN_EXE_zorgroute"))
        .args(["serve", "--port", "0"])
        .args(extra)
        .arg("--root")
        .arg(root)
        .env("NO_COLOR", "1")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("start zorgroute serve");
    let stdout = child.stdout.take().unwrap();
    let mut lines = BufReader::new(stdout).lines();
    let url = lines
        .by_ref()
        .map_while(Result::ok)
        .find_map(|l| {
            l.split_once("http://")
                .map(|(_, rest)| rest.trim_end_matches('/').to_string())
        })
        .expect("serve prints its URL");
    // Keep draining stdout so the server never blocks on a full pipe.
    std::thread::spawn(move || for _ in lines {});
    Server { child, address: url }
}

/// A raw HTTP/1.1 GET, so that odd paths reach the server exactly as written.
pub fn get(address: &str, path: &str) -> (u16, String) {
    request(address, "GET", path, &[], "")
}

/// A raw HTTP/1.1 request with extra header lines and a body.
pub fn request(address: &str, method: &str, path: &str, headers: &[(&str, &str)], body: &str) -> (u16, String) {
    let mut stream = TcpStream::connect(address).unwrap();
    stream.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
    let mut head = format!("{method} {path} HTTP/1.1\r\nHost: {address}\r\nConnection: close\r\n");
    for (name, value) in headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    if !body.is_empty() || method == "POST" {
        head.push_str(&format!(
            "Content-Type: application/json\r\nContent-Length: {}\r\n",
            body.len()
        ));
    }
    write!(stream, "{head}\r\n{body}").unwrap();
    let mut response = String::new();
    let _ = stream.read_to_string(&mut response);
    let status = response.split(' ').nth(1).and_then(|s| s.parse().ok()).unwrap_or(0);
    let body = response
        .split_once("\r\n\r\n")
        .map_or(String::new(), |(_, b)| b.to_string());
    (status, body)
}

pub fn wait_for(mut done: impl FnMut() -> bool) -> bool {
    let start = Instant::now();
    while start.elapsed() < Duration::from_secs(15) {
        if done() {
            return true;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    false
}

fn project() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    for entry in walkdir::WalkDir::new(common::fixture("minimal"))
        .into_iter()
        .filter_map(Result::ok)
    {
        let rel = entry.path().strip_prefix(common::fixture("minimal")).unwrap();
        let target = tmp.path().join(rel);
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
    tmp
}

#[test]
fn serves_edits_and_keeps_the_last_good_page_on_a_broken_edit() {
    let tmp = project();
    let server = start(tmp.path());
    let page = "/regio/procedures/signaleren/";
    let (status, body) = get(&server.address, page);
    assert_eq!(status, 200);
    assert!(body.contains("<h1>Signaleren in de groep</h1>"));
    assert!(body.contains("/_zorgroute/live.js"), "the live script is injected");

    let file = tmp.path().join("content/regio/procedures/signaleren.md");
    let text = std::fs::read_to_string(&file).unwrap();
    common::edit(&file, "title: Signaleren in de groep", "title: Signaleren en volgen");
    assert!(
        wait_for(|| get(&server.address, page).1.contains("<h1>Signaleren en volgen</h1>")),
        "edit not shown"
    );

    // A broken edit: the last good page stays, the browser is told the problem.
    std::fs::write(&file, "---\ntitle: [kapot\n").unwrap();
    let mut events = TcpStream::connect(&server.address).unwrap();
    events.set_read_timeout(Some(Duration::from_secs(15))).unwrap();
    write!(events, "GET /_zorgroute/events HTTP/1.1\r\nHost: x\r\n\r\n").unwrap();
    let mut seen = String::new();
    let mut buf = [0u8; 4096];
    let found = wait_for(|| {
        if let Ok(n) = events.read(&mut buf) {
            seen.push_str(&String::from_utf8_lossy(&buf[..n]));
        }
        seen.contains("event: problems") && seen.contains("signaleren.md")
    });
    assert!(found, "no problems event: {seen}");
    let (status, body) = get(&server.address, page);
    assert_eq!(status, 200);
    assert!(
        body.contains("<h1>Signaleren en volgen</h1>"),
        "the last good page is still served"
    );

    // Fixing the file brings the new page back.
    std::fs::write(&file, text.replace("title: Signaleren in de groep", "title: Weer goed")).unwrap();
    assert!(wait_for(|| get(&server.address, page).1.contains("<h1>Weer goed</h1>")));
}

#[test]
fn new_and_deleted_files_are_picked_up() {
    let tmp = project();
    let server = start(tmp.path());
    let new_page = tmp.path().join("content/regio/pages/nieuw.md");
    std::fs::write(&new_page, "---\ntitle: Nieuwe pagina\n---\nHallo.\n").unwrap();
    assert!(wait_for(|| get(&server.address, "/regio/nieuw/").0 == 200));
    std::fs::remove_file(&new_page).unwrap();
    assert!(wait_for(|| get(&server.address, "/regio/nieuw/").0 == 404));
    // A folder without its slash is redirected, so relative links work.
    assert_eq!(get(&server.address, "/regio/visie").0, 301);
}

#[test]
fn path_traversal_is_refused() {
    let tmp = project();
    std::fs::write(tmp.path().join("secret.txt"), "geheim").unwrap();
    let server = start(tmp.path());
    for path in [
        "/../secret.txt",
        "/regio/../../secret.txt",
        "/%2e%2e/secret.txt",
        "/%2E%2E%2Fsecret.txt",
        "/..%2fsecret.txt",
        "/..\\secret.txt",
        "/%5c..%5csecret.txt",
        "//etc/passwd",
        "/C:/Windows/win.ini",
    ] {
        let (status, body) = get(&server.address, path);
        assert!(status == 400 || status == 404, "{path} gave {status}");
        assert!(!body.contains("geheim"), "{path} leaked a file");
    }
}

/// An edit that changes every page of a large region: the page the browser
/// asked for shows it, and so does any other page asked for right after,
/// whether or not the preview has rendered it yet.
#[test]
fn after_an_edit_of_many_pages_every_page_asked_for_is_new() {
    let tmp = tempfile::tempdir().unwrap();
    common::large_region(tmp.path());
    let server = start(tmp.path());
    let (looked_at, other) = ("/regio/procedures/p010/", "/regio/procedures/p020/");
    assert_eq!(get(&server.address, looked_at).0, 200);
    common::edit(
        &tmp.path().join("content/regio/region.yaml"),
        "name: Regio",
        "name: Regio Noord",
    );
    assert!(
        wait_for(|| get(&server.address, looked_at).1.contains("Regio Noord")),
        "edit not shown"
    );
    let (status, body) = get(&server.address, other);
    assert_eq!(status, 200);
    assert!(
        body.contains("Regio Noord"),
        "a page not yet rendered again is served old"
    );
}
