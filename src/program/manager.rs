//! `multiprocessing.Manager()`: a server holding objects that every process of the program
//! reaches through proxies, as CPython's manager is a process of its own serving them.
//!
//! The server is an interpreter here on the host (`manager_server.py`), one per manager
//! started. A proxy's method (the prelude's `DictProxy`, `ListProxy`, ...) is one host call,
//! `_pg.manager_call`, answered at once by any process, parent or worker, since the server
//! never waits: so `len(d)` and `print(d)` work also where the interpreter cannot suspend (a
//! built-in calling `__len__` or `__str__`). Its arguments and its result travel as a pool's
//! do (copies, or the `TypeError` for what cannot travel), and one call runs at a time.

use std::sync::{Mutex, MutexGuard, PoisonError};
use std::time::Duration;

use monty::MontyRepl;
use monty_types::{CallArgs, ExcType, MontyException, MontyObject, PrintWriter, ResourceTracker};

use super::processes::{sendable, Receiver};
use crate::custom;

const SERVER: &str = include_str!("manager_server.py");

/// The program's managers, by number: `None` once shut down.
#[derive(Default)]
pub(crate) struct Managers {
    servers: Mutex<Vec<Option<MontyRepl>>>,
}

impl Managers {
    fn lock(&self) -> MutexGuard<'_, Vec<Option<MontyRepl>>> {
        self.servers.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// A manager call, answered alike for the parent and its workers: `manager_start()` (a
    /// server under the program's time `budget`), `manager_make(manager, typeid, args, kwargs)`,
    /// `manager_call(manager, number, method, args, kwargs)`, `manager_stop(manager)`. `None`
    /// for another call.
    pub(crate) fn answer_now(
        &self,
        name: &str,
        args: &CallArgs,
        budget: Duration,
    ) -> Option<Result<MontyObject, MontyException>> {
        let answer = match name {
            "manager_start" => self.start(budget),
            "manager_make" => self.serve(args, "_pg_make", 1..4),
            "manager_call" => self.serve(args, "_pg_serve", 1..5),
            "manager_stop" => {
                let mut servers = self.lock();
                if let Some(server) = manager_of(args).ok().and_then(|at| servers.get_mut(at)) {
                    *server = None;
                }
                Ok(MontyObject::none())
            }
            _ => return None,
        };
        Some(answer)
    }

    /// A new server, under the program's time budget and a custom worker's memory budget.
    fn start(&self, budget: Duration) -> Result<MontyObject, MontyException> {
        let limits = custom::limits().max_feed_duration(budget);
        let mut repl = MontyRepl::new("<manager>", ResourceTracker::new(limits), custom::compile_options());
        repl.feed_run(SERVER, vec![], PrintWriter::Disabled)?;
        let mut servers = self.lock();
        servers.push(Some(repl));
        Ok(MontyObject::int(servers.len() as i64 - 1))
    }

    /// Calls `function` of the manager the call names (its first argument) with the call's
    /// `arguments`, copied as a process sends them.
    fn serve(
        &self,
        args: &CallArgs,
        function: &str,
        arguments: std::ops::Range<usize>,
    ) -> Result<MontyObject, MontyException> {
        let sent = arguments
            .map(|at| {
                sendable(
                    args.arg(at).map_or_else(MontyObject::none, |o| o.to_owned()),
                    "send",
                    Receiver::Manager,
                )
            })
            .collect::<Result<Vec<_>, _>>()?;
        let at = manager_of(args)?;
        let mut servers = self.lock();
        let Some(Some(server)) = servers.get_mut(at) else {
            // What a proxy of a manager that was shut down gets in CPython: its connection to
            // the server is gone.
            return Err(MontyException::new(ExcType::BrokenPipeError, Some("[Errno 32] Broken pipe".into())));
        };
        let result = server.call_function(function, sent, PrintWriter::Disabled);
        drop(servers);
        // The exception the server's method raised, raised in the caller as its type and message
        // (`KeyError: 'missing'`), as CPython's proxy re-raises it.
        let result =
            result.map_err(|e| MontyException::new(e.exc_type(), e.message().map(str::to_string)))?;
        sendable(result, "send back", Receiver::Process)
    }
}

/// The manager a call names, its first argument.
fn manager_of(args: &CallArgs) -> Result<usize, MontyException> {
    super::numbered(args)
        .ok_or_else(|| MontyException::new(ExcType::RuntimeError, Some("unknown manager".into())))
}
