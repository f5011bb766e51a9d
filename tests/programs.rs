//! The differential suite of whole programs: each of `tests/programs/*.py` (and the page's
//! presets, `python/programs/*.py`) run by `python3` and by the playground's program runner,
//! stdout and the exit status compared exactly (the programs print nothing that depends on
//! timing; see `tests/programs/README.md`).

#![cfg(feature = "python")]

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use map_playground::program::{self, ProgramError, ProgramReport, Settings, Unwatched};

fn programs() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut found: Vec<PathBuf> = ["tests/programs", "python/programs"]
        .iter()
        .flat_map(|dir| std::fs::read_dir(root.join(dir)).expect("the programs' folder exists"))
        .map(|entry| entry.expect("a readable entry").path())
        .filter(|path| path.extension().is_some_and(|e| e == "py"))
        .collect();
    found.sort();
    found
}

/// What python3 prints to stdout for the program, and its exit status.
fn cpython(path: &Path) -> (String, Option<i64>) {
    let out = Command::new("python3").arg(path).output().expect("python3 runs");
    (String::from_utf8(out.stdout).expect("utf-8 output"), out.status.code().map(i64::from))
}

/// Runs `code` with the playground's program runner, unwatched, within `seconds`.
fn run_within(code: &str, seconds: u64) -> ProgramReport {
    program::run(
        code,
        Settings { timeout: Duration::from_secs(seconds), ..Settings::default() },
        &mut Unwatched,
    )
}

#[test]
fn every_program_prints_what_cpython_prints() {
    let only = std::env::var("PROGRAM").ok();
    let mut failures = Vec::new();
    for path in programs() {
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        if only.as_ref().is_some_and(|o| !name.contains(o.as_str())) {
            continue;
        }
        let code = std::fs::read_to_string(&path).unwrap();
        // It fetches from the playground's site: tests/e2e/programs.test.mjs runs it, served.
        if code.contains("urllib.request") {
            continue;
        }
        let (expected, status) = cpython(&path);
        let report = run_within(&code, 20);
        if report.stdout != expected || report.error.is_some() || report.exit_code != status {
            failures.push(format!(
                "--- {name}\nexpected (exit status {status:?}):\n{expected}\ngot (exit status {:?}):\n{}\nstderr:\n{}\nerror: {:?}\n",
                report.exit_code, report.stdout, report.stderr, report.error
            ));
        }
    }
    assert!(failures.is_empty(), "{} programs differ:\n{}", failures.len(), failures.join("\n"));
}

/// What a worker process cannot receive or send back (a lambda, a `range`, an object of the
/// program's class holding one: CPython pickles the last two) is a `TypeError` that says so, where
/// pickling would fail, never a pool that waits for its budget; the program can catch it and
/// go on.
#[test]
fn a_value_a_process_cannot_take_is_a_clear_error_not_a_hang() {
    let code = r#"from multiprocessing import Pool
from concurrent.futures import ProcessPoolExecutor
class Box:
    def __init__(self, held):
        self.held = held
def one(b):
    return 1
def make(n):
    return Box(range(n))
def apply(f, x):
    return f(x)
with Pool(1) as pool:
    for args in [[Box(1), Box(range(2))], [range(3)]]:
        try:
            pool.map(one, args)
        except TypeError as e:
            print(e)
    try:
        pool.apply(apply, (lambda x: x, 3))
    except TypeError as e:
        print(e)
    print(pool.apply(apply, (one, 3)))
    try:
        pool.map(make, [1, 2])
    except TypeError as e:
        print(e)
    print(pool.map(one, [[1, (2.5, 'x')], {'k': {3}}, None, ValueError('v'), Box(Box(2))]))
with ProcessPoolExecutor(2) as ex:
    f = ex.submit(make, 1)
    print(type(f.exception()).__name__, f.exception())
    print(ex.submit(one, 1).result())
"#;
    let report = run_within(code, 10);
    assert!(report.error.is_none(), "{:?}\n{}", report.error, report.stderr);
    let says = |verb: &str, kind: &str| {
        format!(
            "a worker process of the playground cannot {verb} a '{kind}' object: only numbers, strings, bytes, \
             None, exceptions, dates, functions of the module, built-in types, objects of the program's classes \
             and lists, tuples, dicts, sets and deques of them travel between its processes"
        )
    };
    let expected = [
        says("receive", "range"),
        says("receive", "range"),
        says("receive", "function"),
        "1".to_string(),
        says("send back", "range"),
        "[1, 1, 1, 1, 1]".to_string(),
        format!("TypeError {}", says("send back", "range")),
        "1".to_string(),
    ];
    assert_eq!(report.stdout, expected.map(|line| line + "\n").concat());
}

/// A call with the wrong number of arguments is reported where it was made, below the calls
/// that led there, as CPython reports it; a thread whose target is called so prints CPython's
/// `Traceback` line though none of the frames above the call is the program's.
#[test]
fn a_call_with_the_wrong_number_of_arguments_is_reported_at_the_call() {
    let code = r#"import threading
def worker(x):
    print(x)
t = threading.Thread(target=worker, args=("abc"))
t.start()
t.join()
def main():
    worker(1, 2)
main()
"#;
    let report = run_within(code, 10);
    let error = report.error.expect("the call raises");
    assert_eq!(
        error.traceback,
        "Traceback (most recent call last):\n  File \"main.py\", line 9, in <module>\n    main()\n  \
         File \"main.py\", line 8, in main\n    worker(1, 2)\n\
         TypeError: worker() takes 1 positional argument but 2 were given\n"
    );
    assert_eq!(
        report.stderr,
        "Exception in thread Thread-1 (worker):\nTraceback (most recent call last):\n\
         TypeError: worker() takes 1 positional argument but 3 were given\n"
            .to_string()
            + &error.traceback
    );
}

/// An uncaught exception in a thread or in a `Process` target prints the line that says where
/// it happened, then its traceback, whose last line names it as CPython's does (`KeyError:
/// 'k'`, not `KeyError: k`); the program goes on.
#[test]
fn an_uncaught_exception_in_a_thread_or_a_process_prints_as_cpython_names_it() {
    let code = r#"import threading
from multiprocessing import Process
def boom(e):
    raise e
t = threading.Thread(target=boom, args=(KeyError('k'),))
t.start()
t.join()
p = Process(target=boom, args=(ValueError("it's bad"),))
p.start()
p.join()
print(p.exitcode)
"#;
    let report = run_within(code, 10);
    assert!(report.error.is_none(), "{:?}", report.error);
    assert_eq!(report.stdout, "1\n");
    assert_eq!(
        report.stderr,
        "Exception in thread Thread-1 (boom):\nTraceback (most recent call last):\n  File \"main.py\", line 4, in boom\n    raise e\nKeyError: 'k'\n\
         Process Process-1:\nTraceback (most recent call last):\n  File \"main.py\", line 4, in boom\n    raise e\nValueError: it's bad\n"
    );
}

/// A sleep inside a function that a built-in calls back blocks when nothing else could run
/// meanwhile (`tests/programs/79_waits_inside_builtins.py`); with another thread of the program
/// alive it would hold that thread up, as CPython never does, so it is refused, saying what to
/// write instead, and a loop doing the same works, as does `map()`, which calls the function
/// as a loop does.
#[test]
fn a_sleep_inside_a_built_ins_callback_with_another_thread_alive_says_what_to_write_instead() {
    let code = r#"import threading, time
def nap(x):
    time.sleep(0.01)
    return x
done = threading.Event()
threading.Thread(target=done.wait, daemon=True).start()
print([nap(x) for x in [2, 1]])
print(list(map(nap, [2, 1])))
print(sorted([2, 1], key=nap))
"#;
    let report = run_within(code, 10);
    assert_eq!(report.stdout, "[2, 1]\n[2, 1]\n");
    let error = report.error.expect("the sort raises");
    assert_eq!((error.type_name.as_str(), error.line), ("NotImplementedError", Some(3)));
    assert!(error.message.ends_with("write it as a for loop or a list comprehension"), "{}", error.message);
}

/// The program's own exception class, uncaught, is named by its class on the last line of
/// the traceback, in a thread (which the program outlives) and at the program's end, where
/// it is the report's error, as CPython names it (not by the built-in class it derives from).
#[test]
fn an_uncaught_exception_of_the_programs_class_is_named_by_its_class() {
    let code = r#"import threading
class TaskError(RuntimeError):
    pass
class Quiet(TaskError):
    pass
def boom(n):
    raise TaskError(f'task {n} failed')
t = threading.Thread(target=boom, args=(1,))
t.start()
t.join()
try:
    boom(2)
except RuntimeError as e:
    print(type(e).__name__, e)
raise Quiet
"#;
    let report = run_within(code, 10);
    assert_eq!(report.stdout, "TaskError task 2 failed\n");
    assert_eq!(
        report.stderr,
        "Exception in thread Thread-1 (boom):\nTraceback (most recent call last):\n  File \"main.py\", line 7, in boom\n    \
         raise TaskError(f'task {n} failed')\nTaskError: task 1 failed\n\
         Traceback (most recent call last):\n  File \"main.py\", line 15, in <module>\n    raise Quiet\nQuiet\n"
    );
    let error = report.error.expect("the program ends on its exception");
    assert_eq!((error.type_name.as_str(), report.exit_code), ("Quiet", Some(1)), "{error:?}");
}

/// How a program ends shows as CPython's interpreter shows it: `sys.exit(n)` is exit status n
/// with nothing on stderr, `sys.exit('text')` prints the text (no traceback) and is status 1,
/// an uncaught exception prints its traceback and is status 1; only that last is the report's
/// `error`.
#[test]
fn a_program_ends_with_the_exit_status_cpython_gives_it() {
    let run = |code: &str| run_within(code, 10);
    let report = run("import sys\nprint('a')\nsys.exit(3)\nprint('b')\n");
    assert_eq!((report.stdout.as_str(), report.stderr.as_str(), report.exit_code), ("a\n", "", Some(3)));
    assert!(report.error.is_none(), "{:?}", report.error);
    let report = run("import sys\nsys.exit('no input file')\n");
    assert_eq!((report.stderr.as_str(), report.exit_code), ("no input file\n", Some(1)));
    assert!(report.error.is_none(), "{:?}", report.error);
    let report = run("raise SystemExit\n");
    assert_eq!((report.stderr.as_str(), report.exit_code), ("", Some(0)));
    // A code is read as a value, as CPython reads it: text is printed even where it reads as a
    // number, a bool is its status, an int keeps its low 8 bits.
    for (code, stderr, status) in [("'5'", "5\n", 1), ("True", "", 1), ("None", "", 0), ("256 + 7", "", 7)] {
        let report = run(&format!("raise SystemExit({code})\n"));
        assert_eq!((report.stderr.as_str(), report.exit_code), (stderr, Some(status)), "{code}");
    }
    let report = run("import sys\nfrom multiprocessing import Process\nif __name__ == '__main__':\n    p = Process(target=sys.exit, args=('4',))\n    p.start()\n    p.join()\n    print(p.exitcode)\n");
    assert_eq!((report.stdout.as_str(), report.stderr.as_str()), ("1\n", "4\n"));
    let report = run("print('fine')\n");
    assert_eq!(report.exit_code, Some(0));
    let report = run("print(1 / 0)\n");
    assert_eq!(report.exit_code, Some(1));
    assert_eq!(report.error.map(|e| e.type_name).as_deref(), Some("ZeroDivisionError"));
    assert!(report.stderr.starts_with("Traceback (most recent call last):\n"), "{}", report.stderr);
}

/// A thread of the parent can lose its turn just after a pool took its call and before it
/// recorded the call's future; a short call then ends first, and the thread that collects
/// results gets an outcome with no future yet. It keeps it for the submitter, which settles the
/// future as it records it (this used to end the collector with a `KeyError`, and the program
/// with a deadlock). The interleaving is made here by hand: the prelude's own submit, then a
/// wait long enough for the call to end, then the record.
#[test]
fn a_call_that_ends_before_its_future_is_recorded_still_settles_it() {
    let code = r#"import time
from concurrent.futures import ProcessPoolExecutor, Future
def square(n):
    return n * n
with ProcessPoolExecutor(1) as executor:
    print(executor.submit(square, 2).result())
    pool = executor._processes()
    number = _pg.pool_submit(pool._handle, 'call', 'square', (3,), {})
    time.sleep(0.2)
    f = Future()
    pool._record(number, f)
    print(f.result(), pool._early, number in pool._futures)
"#;
    let report = run_within(code, 10);
    assert!(report.error.is_none(), "{:?}\n{}", report.error, report.stderr);
    assert_eq!(report.stderr, "");
    assert_eq!(report.stdout, "4\n9 {} False\n");
}

/// A misspelt name or attribute is offered its nearest spelling on the traceback's last line,
/// as CPython's `sys.excepthook` offers it (`Did you mean: 'values'?`): from the frame's local
/// names, then the module's globals, then the builtins; from the object's attributes, a
/// module's, a class's or a built-in type's; never the prelude's own names (the playground's
/// `functools` is `_pg_functools`); nothing for an `UnboundLocalError` or a name bound only
/// later. Each program is run by python3 too, and its stderr must be the report's traceback.
#[test]
fn a_misspelt_name_is_offered_its_nearest_spelling_as_cpython_offers_it() {
    let programs = [
        "values = [1]\nprint(valuez)\n",
        "def f(count):\n    return cont\nf(1)\n",
        "prnt('x')\n",
        "total = 1\ndef f():\n    totl = 2\n    return totals\nf()\n",
        "class A:\n    def __init__(self):\n        self.count = 1\n    def show(self):\n        return self.cont\nA().show()\n",
        "class A:\n    speed = 1\nA.sped\n",
        "class Base:\n    def start(self):\n        pass\nclass Job(Base):\n    pass\nmethod = Job().strat\n",
        "import threading\nthreading.Thred\n",
        "import time\nnap = time.sleap\n",
        "d = {}\nitems = d.iterms\n",
        "text = 'a'\nshout = text.uper\n",
        "x = getattr([], 'apend')\n",
        "values = [1]\ntry:\n    valuez\nexcept NameError:\n    prnt(1)\n",
        "def f():\n    print(x)\n    x = 1\nf()\n",
        "functools.reduce(max, [1])\n",
        "print(valuex)\nvaluex = 1\n",
        "import math\nmath.sqr(2)\n",
        "words = []\nwords.apend(1)\n",
        "d = {}\nfor key in d.iterms():\n    pass\n",
        "text = 'a'\nprint(text.uper())\n",
        "class Counter:\n    def add(self, n):\n        return n\nc = Counter()\nc.ad(1)\n",
    ];
    for (i, error) in tracebacks_as_cpython_prints_them("suggestions", &programs).iter().enumerate() {
        assert!(
            !error.message.contains("Did you"),
            "program {i}: str() of the exception is {}",
            error.message
        );
    }
}

/// A call of a name the program never bound is CPython's `NameError`, in the main process and
/// in a worker process; a built-in of CPython that monty lacks says so instead.
#[test]
fn a_call_of_an_unbound_name_is_a_name_error_and_a_missing_builtin_says_so() {
    let code = "from concurrent.futures import ProcessPoolExecutor\ndef work(x):\n    return helpr(x)\nwith ProcessPoolExecutor(1) as ex:\n    try:\n        ex.submit(work, 1).result()\n    except NameError as e:\n        print(e)\nmian()\n";
    let report = run_within(code, 10);
    assert_eq!(report.stdout, "name 'helpr' is not defined\n");
    let error = report.error.expect("mian() raises");
    assert_eq!(
        (error.type_name.as_str(), error.message.as_str()),
        ("NameError", "name 'mian' is not defined")
    );
    let error = run_within("print(compile('1', 'x', 'eval'))\n", 10).error.expect("compile() raises");
    assert_eq!(error.type_name, "NotImplementedError", "{}", error.traceback);
}

/// A thread's uncaught exception is printed by its excepthook, which offers a spelling as
/// `sys.excepthook` does; `traceback.format_exc()` and a process's end print through the
/// `traceback` module, which does not in 3.11; neither is part of `str()`.
#[test]
fn a_thread_offers_a_spelling_where_the_traceback_module_does_not() {
    let code = r#"import threading, traceback
from multiprocessing import Process
values = [1]
def use():
    return valuez
t = threading.Thread(target=use)
t.start()
t.join()
try:
    use()
except NameError as e:
    print(e)
    print(traceback.format_exc().splitlines()[-1])
p = Process(target=use)
p.start()
p.join()
"#;
    let report = run_within(code, 10);
    assert!(report.error.is_none(), "{:?}", report.error);
    assert_eq!(report.stdout, "name 'valuez' is not defined\nNameError: name 'valuez' is not defined\n");
    let last_lines: Vec<&str> = report.stderr.lines().filter(|line| line.starts_with("NameError")).collect();
    assert_eq!(
        last_lines,
        [
            "NameError: name 'valuez' is not defined. Did you mean: 'values'?",
            "NameError: name 'valuez' is not defined"
        ],
        "{}",
        report.stderr
    );
}

/// A traceback is laid out as CPython 3.11 prints it: no marker under a line that is all of
/// the failing expression (`main()`), `^` under a call or an attribute, `~` around the `^` of
/// a binary operator or a subscript's brackets, columns counted as a terminal shows them (a
/// Korean syllable takes two), the first line only of a statement over several lines, nothing
/// under a `raise` or a failed `assert`. Each program here is run by python3 too, and its
/// stderr, the script's path aside, must be the report's traceback.
#[test]
fn a_traceback_is_laid_out_as_cpython_prints_it() {
    let programs = [
        "def main():\n    return 1 / 0\nmain()\n",
        "def f(x):\n    return x[5]\nresult = f([1])\n",
        "d = {}\nprint(d['missing'] + 1)\n",
        "words = {'a': 1}\ntotal = (words['a'] + 2) * None\n",
        "class A:\n    pass\nprint(A().name)\n",
        "def check(n):\n    assert n > 0, 'positive'\ncheck(-1)\n",
        "def fail():\n    raise ValueError('bad')\nvalue = fail() if True else 0\n",
        "label = \"가나\" + 1\n",
        "def deep(n):\n    return deep(n + 1) if n < 5 else [][n]\ndeep(0)\n",
        "total = sum([\n    1,\n    'two',\n])\n",
        "counter = 0\ndef inc():\n    counter += 1\ninc()\n",
        "text = 'abc'\nnumber = int(text) + 1\n",
        // Chains: an exception raised while another is handled, `raise ... from`, `from None`,
        // a cause never raised, three in a row, a `finally`, `raise e` of the handled one.
        "d = {}\ntry:\n    d['x']\nexcept KeyError:\n    print(missing)\n",
        "def load(n):\n    try:\n        return 10 // n\n    except ZeroDivisionError as e:\n        raise ValueError(n) from e\nload(0)\n",
        "try:\n    1 / 0\nexcept ZeroDivisionError:\n    raise RuntimeError('hidden') from None\n",
        "class AppError(Exception):\n    pass\ntry:\n    int('x')\nexcept ValueError:\n    raise AppError('wrapped') from KeyError('k')\n",
        "def a():\n    raise KeyError('a')\ndef b():\n    try:\n        a()\n    except KeyError:\n        raise ValueError('b')\ntry:\n    b()\nexcept ValueError as e:\n    raise TypeError('c') from e\n",
        "try:\n    1 / 0\nfinally:\n    print([][1])\n",
        "def f():\n    return 1 / 0\ndef g(e):\n    raise e\ntry:\n    f()\nexcept ZeroDivisionError as e:\n    g(e)\n",
        // A class that names another module is named with it on the last line, as CPython's
        // `statistics.StatisticsError` is; the main module's classes are not.
        "class ShopError(Exception):\n    __module__ = 'shop'\nraise ShopError('closed') from ValueError('v')\n",
    ];
    tracebacks_as_cpython_prints_them("tracebacks", &programs);
}

#[test]
fn an_await_outside_an_async_function_is_cpythons_syntax_error() {
    // A program is a script: monty's top-level `await` is refused as CPython refuses it, before
    // anything runs, and so is an `await` in a function that is not `async`.
    let programs = [
        "import asyncio\nprint('never printed')\nawait asyncio.sleep(0)\n",
        "import asyncio\ndef tick():\n    await asyncio.sleep(0)\n",
        "import asyncio\nasync def main():\n    return (lambda: await asyncio.sleep(0))\n",
        "import asyncio\nlock = asyncio.Lock()\nasync with lock:\n    pass\n",
    ];
    for error in tracebacks_as_cpython_prints_them("await", &programs) {
        assert_eq!(error.type_name, "SyntaxError");
    }
}

#[test]
fn asynchronous_iteration_where_cpython_refuses_it_is_its_syntax_error() {
    // `async for` and an asynchronous comprehension outside an `async def`, and a `return` with
    // a value in an asynchronous generator, refused before anything runs, with CPython's carets.
    let programs = [
        "async def ticks():\n    yield 1\nprint('never printed')\nasync for t in ticks():\n    pass\n",
        "async def ticks():\n    yield 1\ndef first():\n    return [t async for t in ticks()]\n",
        "async def ticks():\n    yield 1\n    return 5\n",
        "async def ticks():\n    yield 1\n    if True: return (1 +\n        2)\n",
    ];
    for error in tracebacks_as_cpython_prints_them("async-for", &programs) {
        assert_eq!(error.type_name, "SyntaxError");
    }
}

/// Runs each of `programs` as `main.py`, by python3 and by the runner, and asserts that the
/// traceback the runner's report ends on is what python3 printed to stderr (the script's path
/// aside); the reports' errors, in order.
fn tracebacks_as_cpython_prints_them(folder: &str, programs: &[&str]) -> Vec<ProgramError> {
    let dir = std::env::temp_dir().join(format!("map-playground-{folder}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a temporary folder");
    let errors = programs
        .iter()
        .enumerate()
        .map(|(i, code)| {
            let path = dir.join("main.py");
            std::fs::write(&path, code).expect("the program is written");
            let out = Command::new("python3").arg(&path).current_dir(&dir).output().expect("python3 runs");
            let expected =
                String::from_utf8(out.stderr).expect("utf-8").replace(&path.display().to_string(), "main.py");
            let report = run_within(code, 10);
            let error = report.error.unwrap_or_else(|| panic!("program {i} raised: {code}"));
            assert_eq!(error.traceback, expected, "program {i}:\n{code}");
            error
        })
        .collect();
    std::fs::remove_dir_all(&dir).ok();
    errors
}
