//! A host answering calls within the turn (`PrintWriterCallback::answer_now`): the call
//! returns or raises the answer without a suspension, also where the VM cannot suspend (a
//! function that a built-in calls back); a declined call suspends, or raises as before.

use std::borrow::Cow;

use monty::{MontyRun, RunProgress};
use monty_types::{
    CompileOptions, DateTimeSource, ExcType, HostCall, MontyException, MontyObject, OsFunctionCall, OsPolicy,
    PrintWriter, PrintWriterCallback, ResourceTracker, SleepMode,
};

/// Answers `double(n)` and `fail()`, declines `wait()`; answers the clock and the sleeps
/// with their own values; records what it was offered.
#[derive(Default)]
struct Answers {
    offered: Vec<(String, bool)>,
    printed: String,
}

impl PrintWriterCallback for Answers {
    fn stdout_write(&mut self, output: Cow<'_, str>) -> Result<(), MontyException> {
        self.printed.push_str(&output);
        Ok(())
    }

    fn stdout_push(&mut self, end: char) -> Result<(), MontyException> {
        self.printed.push(end);
        Ok(())
    }

    fn answer_now(&mut self, call: HostCall<'_>) -> Option<Result<MontyObject, MontyException>> {
        let can_suspend = call.can_suspend();
        match call {
            HostCall::Function { name, args, .. } => {
                self.offered.push((name.to_owned(), can_suspend));
                match name {
                    "double" => {
                        let n = args.arg(0).and_then(|o| o.as_int()).expect("an int");
                        Some(Ok(MontyObject::int(n * 2)))
                    }
                    "fail" => Some(Err(MontyException::new(ExcType::ValueError, Some("no".into())))),
                    _ => None,
                }
            }
            HostCall::Os { call, .. } => {
                self.offered.push((call.name().to_owned(), can_suspend));
                match call {
                    OsFunctionCall::Time(_) => Some(Ok(MontyObject::float(1234.5))),
                    // Whatever the host answers, a sleep returns None.
                    OsFunctionCall::Sleep(_) => Some(Ok(MontyObject::int(7))),
                    _ => None,
                }
            }
        }
    }
}

fn runner(code: &str) -> MontyRun {
    let policy = OsPolicy {
        datetime: DateTimeSource::CallHost,
        sleep: SleepMode::CallHost,
        ..OsPolicy::default()
    };
    MontyRun::new(
        code.to_owned(),
        "test.py",
        vec!["double".to_owned(), "fail".to_owned(), "wait".to_owned()],
        CompileOptions::default(),
    )
    .unwrap()
    .with_os_policy(policy)
}

fn inputs() -> Vec<MontyObject> {
    ["double", "fail", "wait"]
        .into_iter()
        .map(|name| MontyObject::function(name.to_owned(), None))
        .collect()
}

#[test]
fn answered_calls_return_without_a_suspension() {
    let code = r"
import time
caught = None
try:
    fail()
except ValueError as e:
    caught = str(e)
(double(21), sorted([3, 1, 2], key=lambda n: double(-n)), list(map(double, [1, 2])), caught,
 time.perf_counter(), time.sleep(0.5), [time.sleep(1) for _ in range(2)], sorted([2, 1], key=lambda n: time.time() + n))
";
    let mut answers = Answers::default();
    let result = runner(code)
        .run(
            inputs(),
            ResourceTracker::default(),
            PrintWriter::Callback(&mut answers),
        )
        .unwrap();
    assert_eq!(
        result.to_string(),
        "(42, [3, 2, 1], [2, 4], 'no', 1234.5, None, [None, None], [1, 2])"
    );
    let offered: Vec<(&str, bool)> = answers.offered.iter().map(|(n, s)| (n.as_str(), *s)).collect();
    assert_eq!(
        offered,
        [
            ("fail", true),
            ("double", true),
            ("double", false),
            ("double", false),
            ("double", false),
            ("double", true),
            ("double", true),
            ("time.time", true),
            ("time.sleep", true),
            ("time.sleep", true),
            ("time.sleep", true),
            ("time.time", false),
            ("time.time", false),
        ]
    );
}

#[test]
fn a_declined_call_suspends_or_raises_where_it_cannot() {
    let mut answers = Answers::default();
    let progress = runner("double(wait())")
        .start(
            inputs(),
            ResourceTracker::default(),
            PrintWriter::Callback(&mut answers),
        )
        .unwrap();
    let RunProgress::FunctionCall(call) = progress else {
        panic!("wait() suspends");
    };
    assert_eq!(call.function_name, "wait");
    let result = call
        .resume(MontyObject::int(5), PrintWriter::Callback(&mut answers))
        .unwrap();
    let RunProgress::Complete(value) = result else {
        panic!("double() is answered at once");
    };
    assert_eq!(value, MontyObject::int(10));

    let code = "
try:
    sorted([1], key=lambda n: wait())
except NotImplementedError as e:
    message = str(e)
message
";
    let mut answers = Answers::default();
    let result = runner(code)
        .run(
            inputs(),
            ResourceTracker::default(),
            PrintWriter::Callback(&mut answers),
        )
        .unwrap();
    assert_eq!(
        result,
        MontyObject::string("external function 'wait' cannot suspend in this synchronous context")
    );
}
