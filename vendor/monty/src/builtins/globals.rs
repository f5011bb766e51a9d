//! Implementation of the globals() builtin function.

use crate::{args::ArgValues, bytecode::VM, exception_private::RunResult, value::Value};

/// Implementation of the `globals()` builtin function.
///
/// Code run by `exec()` / `eval()` under a globals dict (and the functions it
/// defines) gets that dict, as in CPython. Elsewhere the module's globals live
/// in slots, not in a dict, so the answer is a snapshot of the bound ones, as
/// `locals()` gives at module scope: reading it finds them (what
/// `timeit.timeit(stmt, globals=globals())` needs), but a write to it binds no
/// global.
pub fn builtin_globals(vm: &mut VM<'_>, args: ArgValues) -> RunResult<Value> {
    args.check_zero_args("globals", vm.heap)?;
    vm.globals_dict()
}
