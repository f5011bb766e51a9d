//! Differential tests: every workload against CPython running the project's oracle
//! (`tests/oracle/workloads.py`), on seeded random inputs in and around each domain.
//! The Rust kernels' output for an item, `repr()` or `TypeName: message`, must be CPython's.

mod common;

use common::Rng;
use map_playground::{Value, Workload};

/// Inputs for each workload: mostly inside the domain, kept cheap for the costly ones, plus
/// the edges and a few items outside.
fn inputs(workload: Workload, rng: &mut Rng) -> Vec<i64> {
    let (count, lo, hi, edges): (usize, i64, i64, &[i64]) = match workload {
        Workload::Square => (300, i64::MIN, i64::MAX, &[i64::MIN, i64::MAX, 0, -1]),
        Workload::IsPrime => {
            (300, -100, 10_000_000_000, &[0, 1, 2, 3, 4, -1, 1_000_000_007, 999_999_999_989])
        }
        Workload::CountPrimes => (200, 0, 3_000, &[0, 1, 2, 3, -1, 10_000_001]),
        Workload::Fib => (200, -2, 22, &[0, 1, 2, 51, -1, i64::MAX]),
        Workload::CollatzSteps => {
            (300, -5, 1_000_000_000_000, &[1, 2, 27, 0, 1_000_000_000_000, 1_000_000_000_001])
        }
        Workload::Sha256Chain => (100, i64::MIN, i64::MAX, &[0, -1, 7, i64::MIN]),
        Workload::MandelbrotRow => (40, -3, 602, &[0, 299, 300, 599, 600, -1]),
        Workload::SleepMs => (100, -3, 2, &[0, 10_001, -1]),
        Workload::FetchLen => (0, 0, 0, &[]),
    };
    let mut items: Vec<i64> = edges.to_vec();
    items.extend((0..count).map(|_| rng.range(lo, hi)));
    items
}

fn rust_output(workload: Workload, item: i64) -> String {
    match workload.call(&Value::Int(item.into())) {
        Ok(v) => v.repr(),
        Err(e) => e.display(),
    }
}

fn python_outputs(requests: &[(Workload, Vec<i64>)]) -> Vec<Vec<String>> {
    let lines: Vec<String> = requests
        .iter()
        .map(|(workload, items)| {
            serde_json::json!({ "workload": workload.name(), "items": items }).to_string()
        })
        .collect();
    common::ask_oracle("workloads.py", &lines)
}

#[test]
fn every_workload_matches_cpython_on_random_inputs() {
    let mut rng = Rng(0x5EED_2026);
    let requests: Vec<_> = Workload::ALL
        .iter()
        .filter(|w| **w != Workload::FetchLen)
        .map(|&w| (w, inputs(w, &mut rng)))
        .collect();
    let expected = python_outputs(&requests);
    assert_eq!(expected.len(), requests.len());
    for ((workload, items), expected) in requests.iter().zip(expected) {
        assert_eq!(items.len(), expected.len(), "{}", workload.name());
        for (item, want) in items.iter().zip(expected) {
            assert_eq!(rust_output(*workload, *item), want, "{}({item})", workload.name());
        }
    }
}
