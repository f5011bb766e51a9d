//! The differential suite of whole programs: each of `tests/programs/*.py` (and the page's
//! presets, `python/programs/*.py`) run by `python3` and by the playground's program runner,
//! stdout compared exactly (the programs print nothing that depends on timing; see
//! `tests/programs/README.md`).

#![cfg(feature = "python")]

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use map_playground::program::{self, Settings, Unwatched};

fn programs() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut found: Vec<PathBuf> = ["tests/programs", "python/programs"]
        .iter()
        .flat_map(|dir| std::fs::read_dir(root.join(dir)).expect("the programs' folder exists"))
        .map(|entry| entry.expect("a readable entry").path())
        .filter(|path| path.extension().is_some_and(|e| e == "py"))
        .collect();
    found.sort();
    found
}

fn cpython(path: &Path) -> String {
    let out = Command::new("python3").arg(path).output().expect("python3 runs");
    String::from_utf8(out.stdout).expect("utf-8 output")
}

#[test]
fn every_program_prints_what_cpython_prints() {
    let only = std::env::var("PROGRAM").ok();
    let mut failures = Vec::new();
    for path in programs() {
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        if only.as_ref().is_some_and(|o| !name.contains(o.as_str())) {
            continue;
        }
        let code = std::fs::read_to_string(&path).unwrap();
        // It fetches from the playground's site: tests/e2e/programs.test.mjs runs it, served.
        if code.contains("urllib.request") {
            continue;
        }
        let expected = cpython(&path);
        let report = program::run(
            &code,
            Settings { timeout: Duration::from_secs(20), ..Settings::default() },
            &mut Unwatched,
        );
        if report.stdout != expected || report.error.is_some() {
            failures.push(format!(
                "--- {name}\nexpected:\n{expected}\ngot:\n{}\nstderr:\n{}\nerror: {:?}\n",
                report.stdout, report.stderr, report.error
            ));
        }
    }
    assert!(failures.is_empty(), "{} programs differ:\n{}", failures.len(), failures.join("\n"));
}
