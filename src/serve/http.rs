//! The HTTP side of the live preview (axum): files from the in-memory store,
//! with the live-reload script (and the editor's bar) added to HTML, and a
//! Server-Sent Events stream of changes. Paths are checked before anything is looked up: no `..`, no
//! encoded dots or slashes, no backslashes, no absolute paths.

use std::convert::Infallible;
use std::sync::Arc;
use std::time::Duration;

use axum::body::Body as HttpBody;
use axum::extract::State;
use axum::http::{header, StatusCode, Uri};
use axum::response::sse::{Event as SseEvent, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use tokio_stream::wrappers::BroadcastStream;
use tokio_stream::{Stream, StreamExt};

use super::store::{Body, Event, Store};
use super::Preview;

const LIVE_JS: &str = include_str!("live.js");

pub fn router(preview: Arc<Preview>) -> Router {
    let site = Router::new()
        .route("/_zorgroute/live.js", get(live_js))
        .route("/_zorgroute/events", get(events))
        .fallback(get(file))
        .with_state(Arc::clone(&preview));
    match preview.editor.is_some() {
        true => site.merge(super::editor::routes(preview)),
        false => site,
    }
}

/// Why a request path is refused.
#[derive(Debug, PartialEq, Eq)]
pub enum Refused {
    BadRequest,
}

/// The store key for a request path: `/a/b/` -> `a/b/index.html`. Refuses
/// anything that could step outside the site.
pub fn site_path(raw: &str) -> Result<String, Refused> {
    // Encoded separators and dots are refused before decoding, so that
    // `%2e%2e` or `%2f` can never turn into `..` or `/`.
    let lower = raw.to_ascii_lowercase();
    if ["%2e", "%2f", "%5c", "%00"].iter().any(|bad| lower.contains(bad)) {
        return Err(Refused::BadRequest);
    }
    let decoded = percent_encoding::percent_decode_str(raw)
        .decode_utf8()
        .map_err(|_| Refused::BadRequest)?;
    if decoded.contains('\\') || decoded.contains('\0') || !decoded.starts_with('/') || decoded.starts_with("//") {
        return Err(Refused::BadRequest);
    }
    let mut parts = Vec::new();
    for segment in decoded.split('/').skip(1) {
        match segment {
            "" => {}
            "." | ".." => return Err(Refused::BadRequest),
            s if s.contains(':') => return Err(Refused::BadRequest),
            s => parts.push(s),
        }
    }
    let mut path = parts.join("/");
    if decoded.ends_with('/') || path.is_empty() {
        if !path.is_empty() {
            path.push('/');
        }
        path.push_str("index.html");
    }
    Ok(path)
}

/// The longest a request waits for a rebuild under way to tell whether its
/// page changed ([`Store::settled`]); a rebuild of 1,000 pages tells in
/// tens of milliseconds.
const SETTLING: Duration = Duration::from_secs(3);

async fn file(State(preview): State<Arc<Preview>>, uri: Uri) -> Response {
    let store = &preview.store;
    let path = match site_path(uri.path()) {
        Ok(p) => p,
        Err(Refused::BadRequest) => return (StatusCode::BAD_REQUEST, "bad path").into_response(),
    };
    let extras = preview.editor.as_ref().map(|e| e.page_extras(&path));
    preview.looked_at.note(&path);
    store.settled(&path, SETTLING).await;
    let body = match store.get(&path) {
        Some(body) if !store.is_due(&path) => Some(body),
        stale => on_request(store, &path).await.or(stale),
    };
    match body {
        Some(body) => {
            let response = respond(StatusCode::OK, &path, body, store.generation(), extras).await;
            store.note_served(&path);
            response
        }
        None if store.contains(&format!("{path}/index.html")) => {
            // A folder without its slash: relative links need the slash.
            let location = format!("/{path}/");
            (StatusCode::MOVED_PERMANENTLY, [(header::LOCATION, location)]).into_response()
        }
        None => match store.get(crate::urls::NOT_FOUND) {
            Some(body) => {
                respond(
                    StatusCode::NOT_FOUND,
                    crate::urls::NOT_FOUND,
                    body,
                    store.generation(),
                    None,
                )
                .await
            }
            None => (StatusCode::NOT_FOUND, "not found").into_response(),
        },
    }
}

/// A file the preview makes only when asked for (the PDF) or one asked for
/// before its turn after an edit, on a thread that may wait.
async fn on_request(store: &Arc<Store>, path: &str) -> Option<Body> {
    let (store, path) = (Arc::clone(store), path.to_string());
    tokio::task::spawn_blocking(move || store.render_on_request(&path))
        .await
        .ok()?
}

async fn respond(
    status: StatusCode,
    path: &str,
    body: Body,
    generation: u64,
    extras: Option<super::editor::PageExtras>,
) -> Response {
    let mime = mime_guess::from_path(path).first_or_octet_stream();
    let bytes: Vec<u8> = match body {
        Body::Bytes(b) if mime.subtype() == "html" => with_preview_tags(&b, generation, extras.as_ref()),
        Body::Bytes(b) => b.to_vec(),
        Body::File(from) => match tokio::fs::read(&from).await {
            Ok(b) => b,
            Err(_) => return (StatusCode::NOT_FOUND, "not found").into_response(),
        },
    };
    (
        status,
        [
            (header::CONTENT_TYPE, mime.essence_str().to_string() + charset(&mime)),
            (header::CACHE_CONTROL, "no-store".into()),
        ],
        HttpBody::from(bytes),
    )
        .into_response()
}

fn charset(mime: &mime_guess::Mime) -> &'static str {
    if mime.type_() == "text" || mime.subtype() == "javascript" || mime.subtype() == "json" || mime.subtype() == "xml" {
        "; charset=utf-8"
    } else {
        ""
    }
}

/// The page with the live-reload script before `</body>`, tagged with the
/// build it comes from, and the editor's tags: its head before `</head>`,
/// its bar first in the main content (where the skip link leads). Made in
/// one pass over the page's bytes: a home page of a large region is megabytes.
fn with_preview_tags(html: &[u8], generation: u64, extras: Option<&super::editor::PageExtras>) -> Vec<u8> {
    let find = |tag: &[u8]| memchr::memmem::find(html, tag);
    let script = format!("<script src=\"/_zorgroute/live.js?g={generation}\" defer></script>");
    let mut inserts: Vec<(usize, &[u8])> = Vec::with_capacity(3);
    inserts.push((
        memchr::memmem::rfind(html, b"</body>").unwrap_or(html.len()),
        script.as_bytes(),
    ));
    if let Some(extras) = extras {
        if let Some(i) = find(b"</head>") {
            inserts.push((i, extras.head.as_bytes()));
        }
        let opening = |tag: &[u8]| find(tag).and_then(|i| memchr::memchr(b'>', &html[i..]).map(|j| i + j + 1));
        if let Some(i) = opening(b"<main").or_else(|| opening(b"<body")) {
            inserts.push((i, extras.bar.as_bytes()));
        }
    }
    // In page order; at one place, in the order above.
    inserts.sort_by_key(|&(at, _)| at);
    let mut out = Vec::with_capacity(html.len() + inserts.iter().map(|(_, t)| t.len()).sum::<usize>());
    let mut from = 0;
    for (at, tag) in inserts {
        out.extend_from_slice(&html[from..at]);
        out.extend_from_slice(tag);
        from = at;
    }
    out.extend_from_slice(&html[from..]);
    out
}

async fn live_js() -> impl IntoResponse {
    ([(header::CONTENT_TYPE, "text/javascript; charset=utf-8")], LIVE_JS)
}

async fn events(State(preview): State<Arc<Preview>>) -> Sse<impl Stream<Item = Result<SseEvent, Infallible>>> {
    let store = &preview.store;
    // A browser that connects while the site is broken sees the problems at once.
    let first = store
        .problems()
        .map(|text| Ok(SseEvent::default().event("problems").data(text)));
    let changes = BroadcastStream::new(store.subscribe()).filter_map(|event| {
        let event = match event.ok()? {
            Event::Changed(paths) => SseEvent::default().event("changed").data(paths.join("\n")),
            // Browsers drop an event without data, so the swap needs some.
            Event::Css => SseEvent::default().event("css").data("css"),
            Event::Problems(text) => SseEvent::default().event("problems").data(text),
        };
        Some(Ok(event))
    });
    Sse::new(tokio_stream::iter(first).chain(changes)).keep_alive(KeepAlive::new().interval(Duration::from_secs(15)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_map_to_store_keys() {
        assert_eq!(site_path("/").unwrap(), "index.html");
        assert_eq!(site_path("/waterland/").unwrap(), "waterland/index.html");
        assert_eq!(site_path("/a/b/index.html").unwrap(), "a/b/index.html");
        assert_eq!(site_path("/fryske-w%C3%A2lden/").unwrap(), "fryske-wâlden/index.html");
        assert_eq!(site_path("/assets/style.css").unwrap(), "assets/style.css");
    }

    #[test]
    fn preview_tags_go_where_they_belong() {
        let page = b"<html><head><title>t</title></head><body><a href=#main>x</a><main id=main class=m><h1>h</h1></main></body></html>";
        let extras = crate::serve::editor::PageExtras {
            head: "<meta name=k>".into(),
            bar: "<div class=bar></div>".into(),
        };
        let tagged = String::from_utf8(with_preview_tags(page, 7, Some(&extras))).unwrap();
        assert_eq!(
            tagged,
            "<html><head><title>t</title><meta name=k></head><body><a href=#main>x</a>\
             <main id=main class=m><div class=bar></div><h1>h</h1></main>\
             <script src=\"/_zorgroute/live.js?g=7\" defer></script></body></html>"
        );
        // No `</body>` and no `<main>`: the script last, the bar first in the body.
        let bare = String::from_utf8(with_preview_tags(b"<body><p>p</p>", 1, Some(&extras))).unwrap();
        assert_eq!(
            bare,
            "<body><div class=bar></div><p>p</p><script src=\"/_zorgroute/live.js?g=1\" defer></script>"
        );
    }

    #[test]
    fn traversal_is_refused() {
        for bad in [
            "/../etc/passwd",
            "/a/../../b",
            "/%2e%2e/etc/passwd",
            "/%2E%2E%2Fetc",
            "/a%2fb",
            "/a\\..\\b",
            "/a%5c..%5cb",
            "//etc/passwd",
            "/C:/Windows",
            "/a/./b",
            "/%00",
            "etc/passwd",
        ] {
            assert_eq!(site_path(bad), Err(Refused::BadRequest), "{bad}");
        }
    }
}
