//! What the differential tests share: asking CPython, through an oracle script in
//! `tests/oracle/`, for its answers to JSON requests, one line each way.

use std::io::Write;
use std::process::{Command, Stdio};

/// Runs `python3 tests/oracle/<script>`, writes each request as one line on its stdin, and
/// returns its answers: one JSON list of strings per request.
pub fn ask_oracle(script: &str, requests: &[String]) -> Vec<Vec<String>> {
    let path = format!("{}/tests/oracle/{script}", env!("CARGO_MANIFEST_DIR"));
    let mut child = Command::new("python3")
        .arg(&path)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("python3 runs (the oracle needs CPython 3)");
    let mut stdin = child.stdin.take().unwrap();
    for request in requests {
        writeln!(stdin, "{request}").unwrap();
    }
    drop(stdin);
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "the oracle {script} failed");
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|line| serde_json::from_str(line).expect("the oracle prints JSON lists of strings"))
        .collect()
}
