//! What the differential tests share: asking CPython, through an oracle script in
//! `tests/oracle/`, for its answers to JSON requests, one line each way; and one seeded random
//! generator. Each test crate uses a part, so the rest is unused there.
#![allow(dead_code)]

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

/// splitmix64: a small, well-known generator, so random cases are the same on every run.
pub struct Rng(pub u64);

impl Rng {
    /// The next 64 random bits.
    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n`.
    pub fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }

    /// A number in `lo..=hi`.
    pub fn range(&mut self, lo: i64, hi: i64) -> i64 {
        let span = (hi as i128 - lo as i128 + 1) as u128;
        (lo as i128 + (u128::from(self.next()) % span) as i128) as i64
    }
}
