//! The editor's HTTP handlers: the form page and its script, reading a
//! file, and the requests that change the project (SPEC section 8): a
//! change checked with the whole project before it is written, a regional
//! version of a standard file, a new entity. Each change is written as a
//! temporary file renamed over the old one, and the preview is rebuilt
//! before the answer goes back, so the page shows it when the form returns.

use std::collections::HashSet;
use std::io::Write;
use std::path::Path;
use std::sync::Arc;
use std::time::Instant;

use axum::body::Bytes;
use axum::extract::{Query, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Deserialize;
use serde_json::{json, Value};

use super::{form, guard, Editor};
use crate::diag::editing::EditRefusal;
use crate::diag::{self, Diagnostic};
use crate::edit::{self, Change};
use crate::i18n::Lang;
use crate::load::parse;
use crate::scaffold;
use crate::serve::{publish, Preview};
use crate::source::YamlPath;

const PAGE: &str = include_str!("page.html");
const SCRIPT: &str = include_str!("editor.js");
const STYLESHEET: &str = include_str!("editor.css");

/// An answer: a status and a JSON body.
type Answer = (StatusCode, Value);

fn reply((status, body): Answer) -> Response {
    (status, [(header::CACHE_CONTROL, "no-store")], Json(body)).into_response()
}

fn refused(status: StatusCode, refusal: &EditRefusal, lang: Lang) -> Answer {
    (status, json!({ "fout": refusal.message(lang) }))
}

/// The editor, which exists on every preview that serves these routes.
fn editor(preview: &Preview) -> Result<&Editor, Answer> {
    preview
        .editor
        .as_ref()
        .ok_or_else(|| refused(StatusCode::FORBIDDEN, &EditRefusal::ReadOnly, Lang::default()))
}

/// A local request's editor and language.
fn local<'p>(preview: &'p Preview, headers: &HeaderMap) -> Result<(&'p Editor, Lang), Answer> {
    let editor = editor(preview)?;
    let lang = editor.lang();
    guard::local(headers, editor.address.get().copied()).map_err(|r| refused(StatusCode::FORBIDDEN, &r, lang))?;
    Ok((editor, lang))
}

/// A request that changes the project: local, same origin, with the token.
fn changing<'p>(preview: &'p Preview, headers: &HeaderMap) -> Result<(&'p Editor, Lang), Answer> {
    let (editor, lang) = local(preview, headers)?;
    guard::change(headers, editor.address.get().copied(), &editor.token)
        .map_err(|r| refused(StatusCode::FORBIDDEN, &r, lang))?;
    Ok((editor, lang))
}

fn body<T: serde::de::DeserializeOwned>(bytes: &[u8], lang: Lang) -> Result<T, Answer> {
    serde_json::from_slice(bytes).map_err(|e| {
        let refusal = EditRefusal::BadRequest { reason: e.to_string() };
        refused(StatusCode::BAD_REQUEST, &refusal, lang)
    })
}

/// Runs `work` off the async threads: checks and writes take a while.
async fn blocking(
    preview: Arc<Preview>,
    work: impl FnOnce(&Preview) -> Result<Answer, Answer> + Send + 'static,
) -> Response {
    let done = tokio::task::spawn_blocking(move || work(&preview)).await;
    match done {
        Ok(Ok(answer) | Err(answer)) => reply(answer),
        Err(_) => reply((StatusCode::INTERNAL_SERVER_ERROR, json!({}))),
    }
}

/// The form page: a shell the script fills in.
pub async fn page(State(preview): State<Arc<Preview>>, headers: HeaderMap) -> Response {
    let (editor, lang) = match local(&preview, &headers) {
        Ok(found) => found,
        Err(answer) => return reply(answer),
    };
    let words = form::strings(lang);
    let html = PAGE
        .replace("{lang}", lang.code())
        .replace("{token}", &crate::escape::html(&editor.token))
        .replace("{title}", &crate::escape::html_text(words.get("editor")))
        .replace("{loading}", &crate::escape::html_text(words.get("loading")))
        .replace("{noscript}", &crate::escape::html_text(words.get("noscript")))
        .replace("{style}", &crate::urls::asset("style.css"))
        // JSON inside a script element: `<` escaped, so no text can close it.
        .replace(
            "{strings}",
            &serde_json::to_string(&words.0)
                .unwrap_or_default()
                .replace('<', "\\u003c"),
        );
    (
        [
            (header::CONTENT_TYPE, "text/html; charset=utf-8"),
            (header::CACHE_CONTROL, "no-store"),
        ],
        html,
    )
        .into_response()
}

pub async fn script() -> Response {
    ([(header::CONTENT_TYPE, "text/javascript; charset=utf-8")], SCRIPT).into_response()
}

pub async fn stylesheet() -> Response {
    ([(header::CONTENT_TYPE, "text/css; charset=utf-8")], STYLESHEET).into_response()
}

#[derive(Deserialize)]
pub struct FileQuery {
    pad: String,
}

/// `GET /_bewerken/api/bestand?pad=`: `{pad, versie, soort, velden, tekst}`.
pub async fn read_file(
    State(preview): State<Arc<Preview>>,
    headers: HeaderMap,
    Query(q): Query<FileQuery>,
) -> Response {
    blocking(preview, move |preview| {
        let (editor, lang) = local(preview, &headers)?;
        let (bytes, _) = file_bytes(editor, &q.pad, lang)?;
        contents(&q.pad, &bytes, lang).map(|c| (StatusCode::OK, c))
    })
    .await
}

/// The file's bytes and its path on disk, when it is a handbook file.
fn file_bytes(editor: &Editor, pad: &str, lang: Lang) -> Result<(Vec<u8>, std::path::PathBuf), Answer> {
    let path = guard::content_file(&editor.root, pad).map_err(|r| refused(StatusCode::BAD_REQUEST, &r, lang))?;
    let bytes = std::fs::read(&path).map_err(|_| {
        let refusal = EditRefusal::Missing { path: pad.to_string() };
        refused(StatusCode::NOT_FOUND, &refusal, lang)
    })?;
    Ok((bytes, path))
}

/// What a file holds, as `GET` answers it.
fn contents(pad: &str, bytes: &[u8], lang: Lang) -> Result<Value, Answer> {
    let role = parse::role_of(pad).ok_or_else(|| {
        let refusal = EditRefusal::OutsideContent { path: pad.to_string() };
        refused(StatusCode::BAD_REQUEST, &refusal, lang)
    })?;
    let text = std::str::from_utf8(bytes).map_err(|_| {
        let refusal = EditRefusal::NotText { path: pad.to_string() };
        refused(StatusCode::UNPROCESSABLE_ENTITY, &refusal, lang)
    })?;
    let read = edit::read(text, role.is_markdown())
        .map_err(|e| (StatusCode::UNPROCESSABLE_ENTITY, json!({ "fout": e.message(lang) })))?;
    Ok(json!({
        "pad": pad,
        "versie": edit::version(bytes),
        "soort": role.schema_name(),
        "velden": read.fields,
        "tekst": read.body,
    }))
}

/// `GET /_bewerken/api/formulier?pad=`: the schema, words and choices.
pub async fn form(State(preview): State<Arc<Preview>>, headers: HeaderMap, Query(q): Query<FileQuery>) -> Response {
    blocking(preview, move |preview| {
        let (editor, lang) = local(preview, &headers)?;
        guard::content_file(&editor.root, &q.pad).map_err(|r| refused(StatusCode::BAD_REQUEST, &r, lang))?;
        let kind = parse::role_of(&q.pad).map_or("page", |r| r.schema_name());
        let session = preview.session();
        let site = session.last().and_then(|c| c.resolved.as_ref()).map(|r| &*r.site);
        Ok((StatusCode::OK, form::describe(site, &q.pad, kind)))
    })
    .await
}

#[derive(Deserialize)]
struct WriteRequest {
    pad: String,
    versie: String,
    #[serde(default)]
    wijzigingen: Vec<ValueChange>,
    tekst: Option<String>,
}

#[derive(Deserialize)]
struct ValueChange {
    pad: String,
    /// `null` (or left out) removes the key.
    #[serde(default)]
    waarde: Option<serde_yaml::Value>,
}

/// `POST /_bewerken/api/bestand`: the changes, checked, then written.
pub async fn write_file(State(preview): State<Arc<Preview>>, headers: HeaderMap, bytes: Bytes) -> Response {
    blocking(preview, move |preview| {
        let (editor, lang) = changing(preview, &headers)?;
        let request: WriteRequest = body(&bytes, lang)?;
        let (old, path) = file_bytes(editor, &request.pad, lang)?;
        if edit::version(&old) != request.versie {
            let refusal = EditRefusal::Stale {
                path: request.pad.clone(),
            };
            let mut answer = refused(StatusCode::CONFLICT, &refusal, lang).1;
            answer["huidig"] = contents(&request.pad, &old, lang).unwrap_or(Value::Null);
            return Err((StatusCode::CONFLICT, answer));
        }
        let text = std::str::from_utf8(&old).map_err(|_| {
            let refusal = EditRefusal::NotText {
                path: request.pad.clone(),
            };
            refused(StatusCode::UNPROCESSABLE_ENTITY, &refusal, lang)
        })?;
        let markdown = parse::role_of(&request.pad).is_some_and(|r| r.is_markdown());
        let changes: Vec<Change> = request
            .wijzigingen
            .into_iter()
            .map(|c| Change {
                path: YamlPath::parse(&c.pad),
                value: c.waarde,
            })
            .collect();
        let new = edit::apply(text, markdown, &changes, request.tekst.as_deref())
            .map_err(|e| (StatusCode::BAD_REQUEST, json!({ "fout": e.message(lang) })))?;
        let version = save(preview, &request.pad, &path, new.into_bytes())?;
        Ok((StatusCode::OK, json!({ "geschreven": true, "versie": version })))
    })
    .await
}

/// Checks the project with `bytes` as the file `pad`, and only when that
/// brings no new error writes them and rebuilds the preview. The version written.
fn save(preview: &Preview, pad: &str, path: &Path, bytes: Vec<u8>) -> Result<String, Answer> {
    let start = Instant::now();
    let mut session = preview.session();
    let known: HashSet<(String, &'static str, String)> = session
        .last()
        .map(|c| {
            errors(&c.diagnostics, &c.project.sources, c.lang)
                .map(|(_, key)| key)
                .collect()
        })
        .unwrap_or_default();
    let trial = session.trial(crate::load::Edited {
        path: pad,
        bytes: &bytes,
    });
    let checked = &trial.checked;
    let problems: Vec<Value> = errors(&checked.diagnostics, &checked.project.sources, checked.lang)
        .filter(|(_, (file, ..))| file == pad)
        .chain(
            errors(&checked.diagnostics, &checked.project.sources, checked.lang)
                .filter(|(_, key)| key.0 != pad && !known.contains(key)),
        )
        .map(|(d, _)| problem_json(d, checked))
        .collect();
    if !problems.is_empty() {
        return Err((StatusCode::UNPROCESSABLE_ENTITY, json!({ "problemen": problems })));
    }
    let version = edit::version(&bytes);
    if let Ok(mut written) = preview.written.lock() {
        written.insert(path.to_path_buf(), version.clone());
    }
    write_atomically(path, &bytes).map_err(|e| {
        let refusal = EditRefusal::CannotWrite {
            path: pad.to_string(),
            error: e.to_string(),
        };
        refused(StatusCode::INTERNAL_SERVER_ERROR, &refusal, checked.lang)
    })?;
    let outcome = session.adopt(trial);
    publish(preview, &mut session, outcome, start, &[path]);
    Ok(version)
}

/// The errors among `diags`, each with what tells it apart from others:
/// its file, code and message.
fn errors<'d>(
    diags: &'d [Diagnostic],
    sources: &'d crate::source::Sources,
    lang: Lang,
) -> impl Iterator<Item = (&'d Diagnostic, (String, &'static str, String))> + 'd {
    diags.iter().filter(|d| d.is_error()).map(move |d| {
        let file = d.span.map(|s| sources.get(s.file).name.clone()).unwrap_or_default();
        (d, (file, d.problem.code(), d.problem.message(lang)))
    })
}

/// A problem as `check --format json` gives it, with the field it is at
/// (`veld`, a YAML path) so the form can show it there.
fn problem_json(d: &Diagnostic, checked: &crate::pipeline::Checked) -> Value {
    let sources = &checked.project.sources;
    let mut value = serde_json::to_value(diag::to_json(std::slice::from_ref(d), sources, checked.lang))
        .ok()
        .and_then(|v| v.get(0).cloned())
        .unwrap_or(Value::Null);
    let field = d.span.and_then(|s| sources.get(s.file).span_index().path_at(s.start));
    if let Some(field) = field.filter(|f| !f.0.is_empty()) {
        value["veld"] = Value::String(field.to_string());
    }
    value
}

/// Writes `bytes` to a temporary file beside `path` and renames it over
/// `path`: a reader (or the watcher) sees the old file or the new, never
/// half of one. The new file keeps the old one's permissions.
fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let folder = path.parent().ok_or_else(|| std::io::Error::other("no folder"))?;
    std::fs::create_dir_all(folder)?;
    // A hidden name: the watcher and the loader pass over it.
    let mut temp = tempfile::Builder::new()
        .prefix(".zorgroute-")
        .suffix(".tmp")
        .tempfile_in(folder)?;
    temp.write_all(bytes)?;
    temp.as_file().sync_all()?;
    if let Ok(meta) = std::fs::metadata(path) {
        let _ = std::fs::set_permissions(temp.path(), meta.permissions());
    }
    temp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

#[derive(Deserialize)]
struct OverrideRequest {
    pad: String,
    regio: String,
}

/// `POST /_bewerken/api/eigen-versie`: a copy of a standard route's file in
/// the region, which then replaces the standard one there. `{pad}` of the copy.
pub async fn override_file(State(preview): State<Arc<Preview>>, headers: HeaderMap, bytes: Bytes) -> Response {
    blocking(preview, move |preview| {
        let (editor, lang) = changing(preview, &headers)?;
        let request: OverrideRequest = body(&bytes, lang)?;
        let (original, _) = file_bytes(editor, &request.pad, lang)?;
        let layer = form::layer_of(&request.pad).filter(|l| l.starts_with('_'));
        let Some(layer) = layer else {
            let refusal = EditRefusal::NotStandard { path: request.pad };
            return Err(refused(StatusCode::BAD_REQUEST, &refusal, lang));
        };
        let follows = {
            let session = preview.session();
            let site = session
                .last()
                .and_then(|c| c.resolved.as_ref())
                .map(|r| Arc::clone(&r.site));
            site.is_some_and(|s| {
                s.regions
                    .iter()
                    .any(|r| r.slug == request.regio && r.base.as_deref() == Some(layer))
            })
        };
        if !follows {
            let refusal = EditRefusal::UnknownRegion { region: request.regio };
            return Err(refused(StatusCode::BAD_REQUEST, &refusal, lang));
        }
        let rest = &request.pad["content/".len() + layer.len()..];
        let target = format!("content/{}{rest}", request.regio);
        let path =
            guard::content_file(&editor.root, &target).map_err(|r| refused(StatusCode::BAD_REQUEST, &r, lang))?;
        if path.exists() {
            let refusal = EditRefusal::Exists { path: target.clone() };
            let mut answer = refused(StatusCode::CONFLICT, &refusal, lang).1;
            answer["pad"] = Value::String(target);
            return Err((StatusCode::CONFLICT, answer));
        }
        save(preview, &target, &path, original)?;
        Ok((StatusCode::OK, json!({ "pad": target })))
    })
    .await
}

#[derive(Deserialize)]
struct NewRequest {
    soort: String,
    regio: String,
    titel: String,
    /// The file's name; made from the title when left out.
    id: Option<String>,
}

/// `POST /_bewerken/api/nieuw`: a new entity from `zorgroute new`'s
/// template, with its title filled in. `{pad}` of the new file.
pub async fn new_file(State(preview): State<Arc<Preview>>, headers: HeaderMap, bytes: Bytes) -> Response {
    blocking(preview, move |preview| {
        let (editor, lang) = changing(preview, &headers)?;
        let request: NewRequest = body(&bytes, lang)?;
        let kind = crate::diag::scaffolding::NewKind::parse(&request.soort)
            .filter(|k| k.entity_kind().is_some())
            .ok_or_else(|| {
                let refusal = EditRefusal::BadRequest {
                    reason: request.soort.clone(),
                };
                refused(StatusCode::BAD_REQUEST, &refusal, lang)
            })?;
        let id = request
            .id
            .filter(|id| !id.trim().is_empty())
            .unwrap_or_else(|| crate::values::slugify(&request.titel));
        // `new` refuses what would break the project (an id in use, an
        // unknown region) and writes a file that checks.
        let created = scaffold::new_file(&editor.root, kind, &id, Some(&request.regio)).map_err(|e| {
            let problem = json!({ "severity": "error", "message": e.message(lang), "veld": "id" });
            (StatusCode::UNPROCESSABLE_ENTITY, json!({ "problemen": [problem] }))
        })?;
        let path = created.into_iter().next().unwrap_or_default();
        let pad = crate::source::display_name(&editor.root, &path);
        let role = parse::role_of(&pad);
        let text = std::fs::read_to_string(&path).unwrap_or_default();
        let markdown = role.is_some_and(|r| r.is_markdown());
        let title = Change {
            path: YamlPath::field("title"),
            value: Some(serde_yaml::Value::String(request.titel.clone())),
        };
        let titled = edit::apply(&text, markdown, &[title], None).unwrap_or(text);
        save(preview, &pad, &path, titled.into_bytes())?;
        Ok((StatusCode::OK, json!({ "pad": pad })))
    })
    .await
}

#[derive(Deserialize)]
struct PreviewRequest {
    tekst: String,
}

/// `POST /_bewerken/api/voorbeeld`: a body's Markdown as HTML, to look at
/// before saving.
pub async fn preview_text(State(preview): State<Arc<Preview>>, headers: HeaderMap, bytes: Bytes) -> Response {
    blocking(preview, move |preview| {
        let (_, lang) = changing(preview, &headers)?;
        let request: PreviewRequest = body(&bytes, lang)?;
        let markdown = crate::load::markdown::compile(&request.tekst, 0, &HashSet::new());
        Ok((StatusCode::OK, json!({ "html": markdown.html })))
    })
    .await
}
