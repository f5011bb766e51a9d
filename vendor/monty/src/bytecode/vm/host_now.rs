//! Host calls answered within the turn.
//!
//! A call of an external function or an OS function suspends the VM to the host, which
//! answers it by resuming: the VM's state is taken apart into a snapshot, handed over as a
//! progress value, and restored on the answer. For a host whose functions mostly answer
//! without waiting (a clock, an uncontended lock, a counter) that round trip is most of what
//! a call costs. And inside a function that native code calls back (a `map()` function, a
//! `sorted` key) the VM cannot suspend at all, so the call raises `NotImplementedError` even
//! when the host could have answered it at once.
//!
//! So before suspending, the VM offers the call to the host's callback for the turn
//! ([`PrintWriterCallback::answer_now`](monty_types::PrintWriterCallback::answer_now)), which
//! may answer it there, or decline and see it suspend as before.

use monty_types::{HostCall, MontyException, MontyObject, OsFunctionCall};

use super::{CallResult, VM, recursion, unconvertible_reply};
use crate::{
    exception_private::RunResult,
    heap_traits::DropWithContext,
    modules::time::apply_clock_reading,
    object_bridge::MontyObjectExt,
    os_dispatch::{PendingEffect, PostConversionEffect},
    value::Value,
};

impl VM<'_> {
    /// Offers a call that would suspend to the host's callback: its value (or the exception
    /// it raises) when the host answers, or the call given back when the host declines it or
    /// it is not one a host can answer at once (a method of a host object, a file operation,
    /// an import). The caller suspends with what it is given back.
    pub(super) fn answer_now(&mut self, result: CallResult) -> Result<RunResult<Value>, CallResult> {
        // Only a callback answers: other writers would decline every call after its arguments
        // were exported for nothing.
        if !self.print_writer.wants_poll() {
            return Err(result);
        }
        let can_suspend = self.run_reentry_depth == recursion::MAX_RUN_REENTRY_DEPTH;
        match result {
            CallResult::External(name, args) => {
                let exported = args.to_call_args(self);
                let interns = self.interns;
                let call = HostCall::Function {
                    name: name.as_str(interns),
                    args: &exported,
                    can_suspend,
                };
                let Some(answer) = self.print_writer.answer_now(call) else {
                    return Err(CallResult::External(name, args));
                };
                args.drop_with(self);
                self.ext_function_load_ip = None;
                Ok(self.answered(answer))
            }
            CallResult::OsCall(call) if answerable(&call) => {
                let Some(answer) = self.print_writer.answer_now(HostCall::Os {
                    call: &call,
                    can_suspend,
                }) else {
                    return Err(CallResult::OsCall(call));
                };
                Ok(self.answered(answer))
            }
            // A sleep, which returns `None` whatever the host answers, or a clock read that
            // becomes what its `time` function returns; no other effect is answered here.
            CallResult::OsCallWithEffect { call, effect }
                if answerable(&call)
                    && matches!(
                        effect,
                        PendingEffect::Post(
                            PostConversionEffect::DiscardResult | PostConversionEffect::ClockReading { .. }
                        )
                    ) =>
            {
                let Some(answer) = self.print_writer.answer_now(HostCall::Os {
                    call: &call,
                    can_suspend,
                }) else {
                    return Err(CallResult::OsCallWithEffect { call, effect });
                };
                Ok(match effect {
                    PendingEffect::Post(PostConversionEffect::ClockReading { reading }) => self
                        .answered(answer)
                        .and_then(|value| apply_clock_reading(reading, value, self)),
                    _ => answer.map(|_| Value::None).map_err(Into::into),
                })
            }
            other => Err(other),
        }
    }

    /// The host's answer as `resume` takes it: the value converted onto the heap (a reply the
    /// heap cannot hold raises as `resume` raises), or the exception raised.
    fn answered(&mut self, answer: Result<MontyObject, MontyException>) -> RunResult<Value> {
        answer
            .map_err(Into::into)
            .and_then(|object| object.to_value(self).map_err(unconvertible_reply))
    }
}

/// The OS calls a host may answer at once: those that touch no path (a path is resolved
/// against the working directory before a suspension hands it over) and need no heap state on
/// resume beyond their effect.
fn answerable(call: &OsFunctionCall) -> bool {
    matches!(
        call,
        OsFunctionCall::Time(_)
            | OsFunctionCall::Sleep(_)
            | OsFunctionCall::SystemSleep(_)
            | OsFunctionCall::Getpid
            | OsFunctionCall::Getppid
    )
}
