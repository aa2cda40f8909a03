//! YAML files and front matter: the split of a Markdown file into front
//! matter and body, and typed deserialisation that reports located problems
//! (positions of valid values come from [`crate::source::SpanIndex`]).

use std::ops::Range;

use serde::de::DeserializeOwned;

use crate::diag::{Diagnostic, Problem};
use crate::source::spans::trim_end;
use crate::source::{FileId, SourceFile, Span, YamlPath};

/// Splits a Markdown file into front matter and body. Sets `file.yaml` to the
/// front matter's range and returns the body's byte range.
pub fn split_front_matter(file: &mut SourceFile) -> Result<Range<usize>, Problem> {
    let text = &file.text;
    let bom = if text.starts_with('\u{feff}') { 3 } else { 0 };
    let rest = &text[bom..];
    let first_line_end = rest.find('\n').map_or(rest.len(), |i| i + 1);
    if rest[..first_line_end].trim_end() != "---" {
        // No front matter: an empty mapping, so missing fields are reported as such.
        file.yaml = bom..bom;
        return Ok(bom..text.len());
    }
    let yaml_start = bom + first_line_end;
    let mut pos = yaml_start;
    while pos < text.len() {
        let line_end = text[pos..].find('\n').map_or(text.len(), |i| pos + i + 1);
        let line = text[pos..line_end].trim_end();
        if line == "---" || line == "..." {
            file.yaml = yaml_start..pos;
            return Ok(line_end..text.len());
        }
        pos = line_end;
    }
    Err(Problem::FrontMatterNotClosed)
}

/// The result of reading a typed document: the value, or nothing when it could
/// not be read; problems found either way go into `diags`.
pub fn deserialize<T: DeserializeOwned + schemars::JsonSchema>(
    file_id: FileId,
    file: &SourceFile,
    diags: &mut Vec<Diagnostic>,
) -> Option<T> {
    let yaml = file.text.get(file.yaml.clone()).unwrap_or("");
    // An empty document (or one of only comments) is an empty mapping.
    let empty = yaml.lines().all(|l| {
        let t = l.trim();
        t.is_empty() || t.starts_with('#')
    });
    let source = if empty { "{}" } else { yaml };
    let mut unknown = Vec::new();
    let de = serde_yaml::Deserializer::from_str(source);
    let result: Result<T, _> = serde_ignored::deserialize(de, |path| {
        unknown.push(to_yaml_path(&path));
    });
    match result {
        Ok(value) => {
            for path in unknown {
                let field = path.last_key().unwrap_or_default().to_string();
                diags.push(Diagnostic::error(
                    Problem::UnknownField {
                        suggestion: crate::raw::schema::nearest_field::<T>(&path, &field),
                        field,
                        path: path.to_string(),
                    },
                    Some(key_span(file_id, file, &path)),
                ));
            }
            Some(value)
        }
        Err(err) => {
            let (problem, path) = Problem::from_serde_yaml(&err);
            // Prefer the exact value the error names; else serde_yaml's own position.
            let by_path = path
                .and_then(|p| parse_serde_path(&p))
                .and_then(|p| file.span_index().value(&p))
                .map(|r| Span::new(file_id, r));
            let by_location = err.location().map(|loc| {
                let (first_line, _) = file.line_col(file.yaml.start);
                let start = file.offset_of(first_line + loc.line() - 1, loc.column().saturating_sub(1));
                let end = file.text[start..].find('\n').map_or(file.text.len(), |i| start + i);
                Span::new(file_id, start..trim_end(&file.text, start, end).max(start))
            });
            let fallback = Span::new(file_id, file.yaml.start..file.yaml.start);
            diags.push(Diagnostic::error(
                problem,
                Some(by_path.or(by_location).unwrap_or(fallback)),
            ));
            None
        }
    }
}

/// serde_yaml's path notation (`steps[0].actor`) as a [`YamlPath`].
fn parse_serde_path(text: &str) -> Option<YamlPath> {
    let mut path = YamlPath::root();
    for part in text.split('.') {
        let (key, indices) = match part.find('[') {
            Some(i) => (&part[..i], &part[i..]),
            None => (part, ""),
        };
        if !key.is_empty() {
            path = path.key(key);
        }
        for index in indices.split('[').filter(|s| !s.is_empty()) {
            path = path.index(index.trim_end_matches(']').parse().ok()?);
        }
    }
    Some(path)
}

fn key_span(file_id: FileId, file: &SourceFile, path: &YamlPath) -> Span {
    let range = file
        .span_index()
        .key(path)
        .or_else(|| file.span_index().value(path))
        .unwrap_or(file.yaml.start..file.yaml.start);
    Span::new(file_id, range)
}

fn to_yaml_path(path: &serde_ignored::Path<'_>) -> YamlPath {
    use serde_ignored::Path as P;
    match path {
        P::Root => YamlPath::root(),
        P::Seq { parent, index } => to_yaml_path(parent).index(*index),
        P::Map { parent, key } => to_yaml_path(parent).key(key),
        P::Some { parent } | P::NewtypeStruct { parent } | P::NewtypeVariant { parent } => to_yaml_path(parent),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    fn file(text: &str) -> SourceFile {
        SourceFile::new("x.md".into(), PathBuf::from("x.md"), text.into())
    }

    #[test]
    fn front_matter_is_split_and_bom_accepted() {
        let mut f = file("\u{feff}---\ntitle: A\n---\nBody\n");
        let body = split_front_matter(&mut f).unwrap();
        assert_eq!(&f.text[f.yaml.clone()], "title: A\n");
        assert_eq!(&f.text[body], "Body\n");
    }

    #[test]
    fn unclosed_front_matter_is_a_problem() {
        let mut f = file("---\ntitle: A\nBody\n");
        assert!(matches!(split_front_matter(&mut f), Err(Problem::FrontMatterNotClosed)));
    }
}
