//! The message catalogue is complete: every id exists in English and in Chinese with the same
//! placeables, every id the code looks up exists, and every id in the catalogue is used.

use fluent_syntax::ast;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

const LOCALES: [&str; 2] = ["en-US", "zh-CN"];

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Each language has its own loader, over its own directory.
fn locale_dir(locale: &str) -> String {
    format!("assets/locales/{}/{locale}", &locale[..2])
}

/// Message id → the variables its value (and attributes) refer to, over every file of a locale.
fn messages(locale: &str) -> BTreeMap<String, BTreeSet<String>> {
    let dir = root().join(locale_dir(locale));
    let mut out = BTreeMap::new();
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "ftl"))
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no .ftl files in {}", dir.display());
    for f in files {
        let src = std::fs::read_to_string(&f).unwrap();
        let res = fluent_syntax::parser::parse(src.as_str())
            .unwrap_or_else(|(_, errs)| panic!("{}: {errs:?}", f.display()));
        for entry in res.body {
            if let ast::Entry::Message(m) = entry {
                let mut vars = BTreeSet::new();
                if let Some(p) = &m.value {
                    pattern_vars(p, &mut vars);
                }
                let id = m.id.name.to_string();
                assert!(
                    out.insert(id.clone(), vars).is_none(),
                    "{id} defined twice in {locale}"
                );
            }
        }
    }
    out
}

fn pattern_vars(p: &ast::Pattern<&str>, vars: &mut BTreeSet<String>) {
    for el in &p.elements {
        if let ast::PatternElement::Placeable { expression } = el {
            expr_vars(expression, vars);
        }
    }
}

fn expr_vars(e: &ast::Expression<&str>, vars: &mut BTreeSet<String>) {
    match e {
        ast::Expression::Select { selector, variants } => {
            inline_vars(selector, vars);
            for v in variants {
                pattern_vars(&v.value, vars);
            }
        }
        ast::Expression::Inline(i) => inline_vars(i, vars),
    }
}

fn inline_vars(i: &ast::InlineExpression<&str>, vars: &mut BTreeSet<String>) {
    match i {
        ast::InlineExpression::VariableReference { id } => {
            vars.insert(id.name.to_string());
        }
        ast::InlineExpression::Placeable { expression } => expr_vars(expression, vars),
        ast::InlineExpression::FunctionReference { arguments, .. } => {
            for a in &arguments.positional {
                inline_vars(a, vars);
            }
        }
        _ => {}
    }
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

/// The ids the code looks up: the first string literal after each `t!(`.
fn used_ids() -> BTreeMap<String, String> {
    let mut files = Vec::new();
    rust_files(&root().join("src"), &mut files);
    let mut used = BTreeMap::new();
    for f in files {
        let src = std::fs::read_to_string(&f).unwrap();
        let mut from = 0;
        while let Some(i) = src[from..].find("t!(").map(|i| from + i) {
            from = i + 3;
            let before = &src[..i];
            // `t!(`, not `format!(`/`print!(`...: the macro is `t` alone.
            if before
                .chars()
                .last()
                .is_some_and(|c| c.is_alphanumeric() || c == '_')
            {
                continue;
            }
            // Not in a comment (the macro's own documentation shows it with a made-up id).
            let line = before.rsplit('\n').next().unwrap_or("");
            if line.trim_start().starts_with("//") {
                continue;
            }
            let rest = &src[from..];
            let Some(q) = rest.find('"') else { break };
            let after = &rest[q + 1..];
            let Some(end) = after.find('"') else { break };
            used.insert(after[..end].to_string(), f.display().to_string());
        }
    }
    used
}

#[test]
fn every_id_exists_in_both_languages_with_the_same_placeables() {
    let en = messages(LOCALES[0]);
    let zh = messages(LOCALES[1]);
    let only_en: Vec<_> = en.keys().filter(|k| !zh.contains_key(*k)).collect();
    let only_zh: Vec<_> = zh.keys().filter(|k| !en.contains_key(*k)).collect();
    assert!(only_en.is_empty(), "missing in zh-CN: {only_en:?}");
    assert!(only_zh.is_empty(), "missing in en-US: {only_zh:?}");
    let differ: Vec<_> = en
        .iter()
        .filter(|(k, v)| zh.get(*k) != Some(v))
        .map(|(k, v)| format!("{k}: en {v:?} zh {:?}", zh[k]))
        .collect();
    assert!(differ.is_empty(), "placeables differ: {differ:#?}");
}

#[test]
fn every_id_the_code_uses_exists_and_every_id_is_used() {
    let en = messages(LOCALES[0]);
    let used = used_ids();
    let unknown: Vec<_> = used
        .iter()
        .filter(|(k, _)| !en.contains_key(*k))
        .map(|(k, f)| format!("{k} ({f})"))
        .collect();
    assert!(unknown.is_empty(), "ids not in the catalogue: {unknown:?}");
    // An id is also used when the code names it as a literal elsewhere: the key tables hold
    // their descriptions as ids (checked against the catalogue by the key map's own test).
    let mut files = Vec::new();
    rust_files(&root().join("src"), &mut files);
    let all: String = files
        .iter()
        .map(|f| std::fs::read_to_string(f).unwrap())
        .collect();
    let unused: Vec<_> = en
        .keys()
        .filter(|k| !used.contains_key(*k) && !all.contains(&format!("\"{k}\"")))
        .collect();
    assert!(unused.is_empty(), "ids no code uses: {unused:?}");
}

/// Ids are named after their file (`tui-token-…` in `tui-token.ftl`; `common.ftl` holds the ids
/// that start with no file's name): a lookup parses only the file its id names.
#[test]
fn every_id_is_named_after_its_file() {
    for locale in LOCALES {
        let dir = root().join(locale_dir(locale));
        let names: Vec<String> = std::fs::read_dir(&dir)
            .unwrap()
            .filter_map(|e| {
                let n = e.unwrap().file_name().into_string().unwrap();
                n.strip_suffix(".ftl").map(str::to_string)
            })
            .collect();
        let owner = |id: &str| {
            names
                .iter()
                .find(|n| {
                    id.strip_prefix(n.as_str())
                        .is_some_and(|r| r.starts_with('-'))
                })
                .cloned()
                .unwrap_or_else(|| "common".to_string())
        };
        for name in &names {
            let src = std::fs::read_to_string(dir.join(format!("{name}.ftl"))).unwrap();
            let res = fluent_syntax::parser::parse(src.as_str()).unwrap();
            for entry in res.body {
                if let ast::Entry::Message(m) = entry {
                    assert_eq!(
                        &owner(m.id.name),
                        name,
                        "{locale}: {} is in {name}.ftl, so its id starts with `{name}-`",
                        m.id.name
                    );
                }
            }
        }
    }
}
