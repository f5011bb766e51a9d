//! Runs a Python program file with the playground's program runner, prints what it prints and
//! a line about its report, and exits with its exit status (2 if it was stopped):
//! `cargo run --example run_program -- path/to/program.py [timeout_ms]`.

use std::time::Duration;

use map_playground::program::{self, Settings, Stream, Watcher};

struct Echo;

impl Watcher for Echo {
    fn output(&mut self, stream: Stream, text: &str) {
        match stream {
            Stream::Stdout => print!("{text}"),
            Stream::Stderr => eprint!("{text}"),
        }
    }
}

fn main() {
    let mut args = std::env::args().skip(1);
    let path = args.next().expect("usage: run_program FILE [timeout_ms]");
    let timeout_ms: u64 = args.next().map_or(30_000, |t| t.parse().expect("timeout_ms is a number"));
    let code = std::fs::read_to_string(&path).expect("a readable program");
    let settings = Settings { timeout: Duration::from_millis(timeout_ms), ..Settings::default() };
    let report = program::run(&code, settings, &mut Echo);
    eprintln!(
        "--- wall {:.0} ms, error {:?}, {} trace entries",
        report.wall_ms,
        report.error.map(|e| (e.type_name, e.line, e.message)),
        report.trace.len()
    );
    std::process::exit(report.exit_code.map_or(2, |code| i32::try_from(code).unwrap_or(1)));
}
