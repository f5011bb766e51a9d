//! The native peer of `./build.sh bench`: the crate's own kernels and executors, built for the
//! host, sequential and on a rayon pool of the same worker count as the browser's.
//!
//! Reads `{workers, runs, cases: [{id, workload, items, code?}]}` as JSON on stdin (`code` for
//! the workload `custom`, run by the same interpreter as in the browser); writes
//! `{id: {"native sequential": [ms, ...], "native rayon": [ms, ...]}}` (one warm-up, then
//! `runs` timed runs, tracing off) as JSON on stdout.
use std::collections::BTreeMap;
use std::io::Read;
use std::sync::Arc;
use std::time::Instant;

use futures::executor::block_on;
use map_playground::custom::CustomWorker;
use map_playground::executor::{self, Control, Executor, Job};
use map_playground::{input, Workload};
use serde::Deserialize;

#[derive(Deserialize)]
struct Spec {
    workers: usize,
    runs: usize,
    cases: Vec<Case>,
}

#[derive(Deserialize)]
struct Case {
    id: String,
    workload: String,
    items: String,
    #[serde(default)]
    code: Option<String>,
}

fn time_ms(executor: Executor, job: &Arc<Job>) -> f64 {
    let start = Instant::now();
    let finished = block_on(executor::run(executor, Arc::clone(job), Arc::new(Control::new(None)), None));
    let ms = start.elapsed().as_secs_f64() * 1000.0;
    assert!(finished.is_ok_and(|f| f.outcomes.len() == job.items.len()), "a native run failed");
    ms
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut text = String::new();
    std::io::stdin().read_to_string(&mut text)?;
    let spec: Spec = serde_json::from_str(&text)?;
    rayon::ThreadPoolBuilder::new().num_threads(spec.workers).build_global()?;
    let mut out: BTreeMap<String, BTreeMap<&str, Vec<f64>>> = BTreeMap::new();
    for case in &spec.cases {
        let items = input::parse(&case.items)?;
        let mut job = match &case.code {
            Some(code) => Job::custom(CustomWorker::compile(code)?, items, spec.workers)?,
            None => Job::new(Workload::from_name(&case.workload)?, items, spec.workers)?,
        };
        job.trace = false;
        let job = Arc::new(job);
        for (peer, executor) in
            [("native sequential", Executor::Sequential), ("native rayon", Executor::Pool)]
        {
            time_ms(executor, &job);
            let times = (0..spec.runs).map(|_| time_ms(executor, &job)).collect();
            out.entry(case.id.clone()).or_default().insert(peer, times);
        }
    }
    println!("{}", serde_json::to_string(&out)?);
    Ok(())
}
