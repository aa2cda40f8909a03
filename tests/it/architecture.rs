//! The crate's layering, as ARCHITECTURE.md states it: no import cycles
//! between modules. Reads `src/` and follows every `crate::` and `super::`
//! path to the module it names; a new cycle fails here with the modules
//! that form it.
//!
//! Two levels are checked. Between the crate's top-level modules (the
//! foundation and the stages), and between sibling modules inside any
//! folder (`render::views` and `render::print`, say). A folder's own
//! `mod.rs` may use its children and they may use it: that is how Rust
//! modules share a parent's types, not a cycle between concepts.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

type ModPath = Vec<String>;

/// Every module of the library (not `main.rs`) with its source text.
fn modules() -> BTreeMap<ModPath, String> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut out = BTreeMap::new();
    for entry in walkdir::WalkDir::new(&src).into_iter().filter_map(Result::ok) {
        let path = entry.path();
        if path.extension().is_none_or(|e| e != "rs") {
            continue;
        }
        let rel = path.strip_prefix(&src).unwrap().with_extension("");
        let mut parts: ModPath = rel.iter().map(|p| p.to_string_lossy().into_owned()).collect();
        if parts.last().is_some_and(|p| p == "mod") {
            parts.pop();
        }
        if parts == ["lib"] || parts == ["main"] {
            continue;
        }
        out.insert(parts, std::fs::read_to_string(path).unwrap());
    }
    out
}

/// The text without line comments, so that a doc link is no import.
fn code_only(text: &str) -> String {
    text.lines()
        .map(|line| match line.find("//") {
            // A `//` inside a string (a URL) cuts the rest of that line: at
            // worst an edge is missed, never invented.
            Some(at) => &line[..at],
            None => line,
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The paths a module's code names: `crate::a::b` and `super::c`, resolved
/// to the segments after the crate root.
fn named_paths(module: &ModPath, code: &str) -> Vec<ModPath> {
    let mut paths = Vec::new();
    let bytes = code.as_bytes();
    for (root, rest_from) in ["crate::", "super::"]
        .iter()
        .flat_map(|root| code.match_indices(root).map(move |(at, _)| (*root, at + root.len())))
    {
        let start = rest_from - root.len();
        let is_word_start = start == 0 || !(bytes[start - 1].is_ascii_alphanumeric() || bytes[start - 1] == b'_');
        // `super::` right after `super::` is part of a longer path, read from its first `super::`.
        if !is_word_start || (start >= 2 && &code[start - 2..start] == "::") {
            continue;
        }
        let tail: String = code[rest_from..]
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_' || *c == ':')
            .collect();
        let mut segs: Vec<String> = tail.split("::").filter(|s| !s.is_empty()).map(str::to_string).collect();
        let mut base: ModPath = if root == "crate::" {
            Vec::new()
        } else {
            module[..module.len().saturating_sub(1)].to_vec()
        };
        while segs.first().is_some_and(|s| s == "super") {
            segs.remove(0);
            base.pop();
        }
        base.extend(segs);
        paths.push(base);
    }
    paths
}

/// The module a path names: its longest prefix that is a module.
fn module_of<'a>(path: &ModPath, modules: &'a BTreeMap<ModPath, String>) -> Option<&'a ModPath> {
    (1..=path.len())
        .rev()
        .find_map(|n| modules.get_key_value(&path[..n]).map(|(k, _)| k))
}

/// Edges between the children of each folder: for two modules under
/// different children of the same parent, an edge from one child to the other.
fn sibling_edges(modules: &BTreeMap<ModPath, String>) -> BTreeMap<ModPath, BTreeMap<String, BTreeSet<String>>> {
    let mut edges: BTreeMap<ModPath, BTreeMap<String, BTreeSet<String>>> = BTreeMap::new();
    for (module, text) in modules {
        for path in named_paths(module, &code_only(text)) {
            let Some(target) = module_of(&path, modules) else {
                continue;
            };
            let common = module.iter().zip(target).take_while(|(a, b)| a == b).count();
            // Parent and child (one is a prefix of the other) is no sibling edge.
            if common < module.len() && common < target.len() {
                edges
                    .entry(module[..common].to_vec())
                    .or_default()
                    .entry(module[common].clone())
                    .or_default()
                    .insert(target[common].clone());
            }
        }
    }
    edges
}

/// One cycle in `graph`, if it has any (depth-first search for a back edge).
fn find_cycle(graph: &BTreeMap<String, BTreeSet<String>>) -> Option<Vec<String>> {
    fn visit(
        node: &str,
        graph: &BTreeMap<String, BTreeSet<String>>,
        done: &mut BTreeSet<String>,
        stack: &mut Vec<String>,
    ) -> Option<Vec<String>> {
        if let Some(at) = stack.iter().position(|n| n == node) {
            let mut cycle = stack[at..].to_vec();
            cycle.push(node.to_string());
            return Some(cycle);
        }
        if done.contains(node) {
            return None;
        }
        stack.push(node.to_string());
        for next in graph.get(node).into_iter().flatten() {
            if let Some(cycle) = visit(next, graph, done, stack) {
                return Some(cycle);
            }
        }
        stack.pop();
        done.insert(node.to_string());
        None
    }
    let mut done = BTreeSet::new();
    graph
        .keys()
        .find_map(|node| visit(node, graph, &mut done, &mut Vec::new()))
}

#[test]
fn no_module_imports_itself_in_a_circle() {
    let modules = modules();
    assert!(modules.len() > 40, "the walk found the modules");
    let mut cycles = Vec::new();
    for (parent, graph) in sibling_edges(&modules) {
        if let Some(cycle) = find_cycle(&graph) {
            let scope = if parent.is_empty() {
                "the crate".to_string()
            } else {
                parent.join("::")
            };
            cycles.push(format!("in {scope}: {}", cycle.join(" -> ")));
        }
    }
    assert!(cycles.is_empty(), "module cycles:\n{}", cycles.join("\n"));
}

#[test]
fn the_checker_finds_a_cycle_and_resolves_paths() {
    let graph = BTreeMap::from([
        ("a".to_string(), BTreeSet::from(["b".to_string()])),
        ("b".to_string(), BTreeSet::from(["c".to_string()])),
        ("c".to_string(), BTreeSet::from(["a".to_string()])),
    ]);
    assert_eq!(
        find_cycle(&graph),
        Some(vec!["a".into(), "b".into(), "c".into(), "a".into()])
    );
    let acyclic = BTreeMap::from([("a".to_string(), BTreeSet::from(["b".to_string()]))]);
    assert_eq!(find_cycle(&acyclic), None);

    let here: ModPath = vec!["render".into(), "print".into()];
    let code = code_only("use super::views::Link; // crate::nothing\nlet x = crate::urls::entity();");
    assert_eq!(
        named_paths(&here, &code),
        vec![
            vec!["urls".to_string(), "entity".to_string()],
            vec!["render".to_string(), "views".to_string(), "Link".to_string()],
        ]
    );
}
