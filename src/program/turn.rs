//! An interpreter's callback while it runs a turn: what it prints, and the calls to the host
//! that it answers without a suspension; the parent's host here ([`ParentHost`]), a worker
//! process's in `processes.rs`.
//!
//! monty offers each call of a `_pg` function, each clock read and each sleep to this
//! callback before it suspends for it (`HostCall`). A call answered here costs the
//! conversion of its arguments and its answer, where a suspension takes the interpreter's
//! state apart into a snapshot, goes through [`Host::drive`] and restores it: a process pool's
//! result reaches the program through about a dozen such calls (its future's lock and
//! condition, the collector thread's wait). And where the interpreter cannot suspend at all,
//! in a function that a built-in calls back (a sort key), answering here is what lets the call
//! work: `time.perf_counter()` there, an uncontended lock, and a `time.sleep` when no other
//! thread could run meanwhile.
//!
//! What waits (a held lock, a result not in yet) is declined and suspends as before, and so
//! does a sleep the interpreter can suspend for, so that the other threads run meanwhile.

use std::borrow::Cow;

use monty_types::{ExtFunctionResult, HostCall, MontyException, MontyObject, PrintWriterCallback};

use super::output::Printer;
use super::{Host, Reply, Watcher};

/// Checkpoints of the interpreter (every few dozen loop iterations or calls) between two
/// looks at whether new output should go to the page: a look reads the clock.
const POLLS_PER_FLUSH: u32 = 64;

/// What a process's host answers within the turn: the parent's ([`ParentHost`]), or a worker
/// process's (`processes.rs`).
pub(super) trait AnswersNow {
    /// The answer to `call`, or `None` to decline it: the call then suspends.
    fn answer_now(&mut self, call: HostCall<'_>) -> Option<Result<MontyObject, MontyException>>;

    /// A checkpoint of the interpreter (see [`PrintWriterCallback::poll_flush`]).
    fn poll(&mut self) {}
}

/// The callback for one turn of an interpreter: what it prints, and the calls its host answers
/// without a suspension.
pub(super) struct Turn<A> {
    host: A,
    printer: Printer,
}

impl<A: AnswersNow> Turn<A> {
    pub(super) fn new(host: A, printer: Printer) -> Self {
        Turn { host, printer }
    }
}

impl<A: AnswersNow> PrintWriterCallback for Turn<A> {
    fn stdout_write(&mut self, output: Cow<'_, str>) -> Result<(), MontyException> {
        self.printer.stdout_write(output)
    }

    fn stdout_push(&mut self, end: char) -> Result<(), MontyException> {
        self.printer.stdout_push(end)
    }

    fn stderr_write(&mut self, output: Cow<'_, str>) -> Result<(), MontyException> {
        self.printer.stderr_write(output)
    }

    fn stderr_push(&mut self, end: char) -> Result<(), MontyException> {
        self.printer.stderr_push(end)
    }

    fn poll_flush(&mut self) -> Result<(), MontyException> {
        self.host.poll();
        Ok(())
    }

    fn answer_now(&mut self, call: HostCall<'_>) -> Option<Result<MontyObject, MontyException>> {
        // What the call writes (a traceback to stderr) comes after what was printed before it.
        self.printer.flush();
        self.host.answer_now(call)
    }
}

/// The parent interpreter's host during a turn.
pub(super) struct ParentHost<'a> {
    host: &'a mut Host,
    watcher: &'a mut dyn Watcher,
    polls: u32,
}

impl<'a> ParentHost<'a> {
    pub(super) fn new(host: &'a mut Host, watcher: &'a mut dyn Watcher) -> Self {
        ParentHost { host, watcher, polls: 0 }
    }
}

impl AnswersNow for ParentHost<'_> {
    /// A program that computes and prints without calling the host shows its lines as it
    /// goes, as [`Host::drive`] shows them between calls.
    fn poll(&mut self) {
        self.polls += 1;
        if self.polls >= POLLS_PER_FLUSH {
            self.polls = 0;
            self.host.flush(self.watcher, false);
        }
    }

    fn answer_now(&mut self, call: HostCall<'_>) -> Option<Result<MontyObject, MontyException>> {
        let answer = match call {
            HostCall::Function { name, args, .. } => match self.host.reply(name, args) {
                Reply::Now(answer) => answer,
                // Without side effects: the suspension that follows asks again.
                Reply::Lock { .. } | Reply::PoolResult(_) | Reply::QueueItem { .. } | Reply::WithCall => {
                    return None
                }
            },
            HostCall::Os { call, can_suspend } => self.host.os_reply(call, can_suspend, self.watcher)?,
        };
        settled(answer)
    }
}

/// An answer as `answer_now` gives it: `None` for one that would need a suspension.
pub(super) fn settled(answer: ExtFunctionResult) -> Option<Result<MontyObject, MontyException>> {
    match answer {
        ExtFunctionResult::Return(value) => Some(Ok(value)),
        ExtFunctionResult::Error(e) => Some(Err(e)),
        ExtFunctionResult::Future(_) | ExtFunctionResult::NotFound(_) => None,
    }
}
