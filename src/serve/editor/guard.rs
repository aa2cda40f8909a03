//! What every editor request must show before it is served: that it was
//! asked of this computer by its own name (no DNS rebinding), that a change
//! comes from a page of this preview (same `Origin`, this run's token), and
//! that the file it names is a handbook file inside content/.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};

use axum::http::{header, HeaderMap};

use crate::diag::editing::EditRefusal;
use crate::load::parse;

/// The header that carries the token (SPEC section 8).
pub const TOKEN_HEADER: &str = "x-zorgroute-token";

/// The names this computer's preview answers to, with its port.
fn local_hosts(address: SocketAddr) -> [String; 3] {
    let port = address.port();
    [
        format!("127.0.0.1:{port}"),
        format!("localhost:{port}"),
        format!("[::1]:{port}"),
    ]
}

/// Any editor request: asked of the preview by a local name.
pub fn local(headers: &HeaderMap, address: Option<SocketAddr>) -> Result<String, EditRefusal> {
    let host = headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .ok_or(EditRefusal::NotLocal)?;
    let address = address.ok_or(EditRefusal::NotLocal)?;
    match local_hosts(address).iter().any(|h| h == host) {
        true => Ok(host.to_string()),
        false => Err(EditRefusal::NotLocal),
    }
}

/// A request that changes something: local, from a page of this preview
/// (its `Origin`), with this run's token.
pub fn change(headers: &HeaderMap, address: Option<SocketAddr>, token: &str) -> Result<(), EditRefusal> {
    let host = local(headers, address)?;
    let origin = headers.get(header::ORIGIN).and_then(|h| h.to_str().ok());
    if origin != Some(format!("http://{host}").as_str()) {
        return Err(EditRefusal::ForeignOrigin);
    }
    let sent = headers.get(TOKEN_HEADER).and_then(|h| h.to_str().ok());
    match sent {
        Some(sent) if !token.is_empty() && sent == token => Ok(()),
        _ => Err(EditRefusal::NoToken),
    }
}

/// The file `pad` names, when it is a handbook file inside `root`'s
/// content/ (a new one may not exist yet): its path on disk.
pub fn content_file(root: &Path, pad: &str) -> Result<PathBuf, EditRefusal> {
    let refuse = || EditRefusal::OutsideContent { path: pad.to_string() };
    let rest = pad.strip_prefix("content/").ok_or_else(refuse)?;
    let clean = !rest.is_empty()
        && !pad.contains(['\\', '\0', ':'])
        && rest
            .split('/')
            .all(|c| !c.is_empty() && c != "." && c != ".." && !parse::is_ignored(c));
    if !clean || parse::role_of(pad).is_none() {
        return Err(refuse());
    }
    let content = root.join("content").canonicalize().map_err(|_| refuse())?;
    let path = root.join(pad);
    // The nearest folder that exists must lie inside content/, also
    // through symbolic links.
    let existing = path.ancestors().find(|p| p.exists()).ok_or_else(refuse)?;
    let real = existing.canonicalize().map_err(|_| refuse())?;
    if !real.starts_with(&content) {
        return Err(refuse());
    }
    Ok(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&'static str, &str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in pairs {
            h.insert(*k, v.parse().unwrap());
        }
        h
    }

    #[test]
    fn changes_need_the_token_and_the_preview_s_origin() {
        let at: SocketAddr = "127.0.0.1:4000".parse().unwrap();
        let good = [
            ("host", "127.0.0.1:4000"),
            ("origin", "http://127.0.0.1:4000"),
            (TOKEN_HEADER, "geheim"),
        ];
        assert_eq!(change(&headers(&good), Some(at), "geheim"), Ok(()));
        let no_token = &good[..2];
        assert_eq!(
            change(&headers(no_token), Some(at), "geheim"),
            Err(EditRefusal::NoToken)
        );
        let foreign = [good[0], ("origin", "http://evil.example"), good[2]];
        assert_eq!(
            change(&headers(&foreign), Some(at), "geheim"),
            Err(EditRefusal::ForeignOrigin)
        );
        let no_origin = [good[0], good[2]];
        assert_eq!(
            change(&headers(&no_origin), Some(at), "geheim"),
            Err(EditRefusal::ForeignOrigin)
        );
        let rebound = [
            ("host", "evil.example:4000"),
            ("origin", "http://evil.example:4000"),
            good[2],
        ];
        assert_eq!(
            change(&headers(&rebound), Some(at), "geheim"),
            Err(EditRefusal::NotLocal)
        );
        assert_eq!(change(&headers(&good), Some(at), ""), Err(EditRefusal::NoToken));
    }

    #[test]
    fn only_handbook_files_inside_content() {
        let tmp = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(tmp.path().join("content/regio/procedures")).unwrap();
        let root = tmp.path();
        assert!(content_file(root, "content/regio/procedures/a.md").is_ok());
        assert!(content_file(root, "content/site.yaml").is_ok());
        for bad in [
            "content/../Cargo.toml",
            "content/regio/../../x.md",
            "/etc/passwd",
            "src/main.rs",
            "content/regio/procedures/.verborgen.md",
            "content/regio/formulieren/a.txt",
            "content\\regio\\a.md",
            "content//site.yaml",
        ] {
            assert!(content_file(root, bad).is_err(), "{bad}");
        }
    }
}
