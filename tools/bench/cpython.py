"""The CPython peer of `./build.sh bench`: the workloads as Python writes them
(python/workloads.py, the source the page's Python panel shows) under list(map(...)),
ThreadPoolExecutor, ProcessPoolExecutor (chunksize 1 and Pool.map's auto) and
multiprocessing.Pool.map.

Reads {workers, runs, cases: [{id, workload, items, code?}]} as JSON on stdin (items in the
playground's input language, which is Python; `code` a custom worker, which is imported as a
module so that the process pools can pickle it); writes {id: {peer: [ms, ...]}} on stdout. Each
pool is created and warmed once per case, then timed `runs` times: a warm pool, as a server
would keep one.
"""
import importlib
import json
import math
import os
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from multiprocessing import Pool

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "..", "python"))
import workloads  # noqa: E402  python/workloads.py: importable by name, so the pools can pickle it


def timed(call, runs):
    call()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        call()
        times.append((time.perf_counter() - start) * 1000)
    return times


def custom_worker(code, folder, name):
    """The `worker` of custom code, from a module of its own, as a user's script would hold it."""
    with open(os.path.join(folder, f"{name}.py"), "w") as f:
        f.write(code)
    return importlib.import_module(name).worker


def main():
    spec = json.load(sys.stdin)
    workers, runs = spec["workers"], spec["runs"]
    out = {}
    folder = tempfile.mkdtemp(prefix="bench-custom-")
    sys.path.insert(0, folder)
    for n, case in enumerate(spec["cases"]):
        if "code" in case:
            worker = custom_worker(case["code"], folder, f"custom_{n}")
        else:
            worker = getattr(workloads, case["workload"])
        items = list(eval(case["items"], {"__builtins__": {}, "range": range, "list": list}))
        auto = max(1, math.ceil(len(items) / (4 * workers)))
        threads = 8 if case["workload"] == "sleep_ms" else workers
        peers = {"CPython map": timed(lambda: list(map(worker, items)), runs)}
        with ThreadPoolExecutor(max_workers=threads) as ex:
            peers["CPython ThreadPoolExecutor"] = timed(lambda: list(ex.map(worker, items)), runs)
        with ProcessPoolExecutor(max_workers=workers) as ex:
            peers["CPython ProcessPoolExecutor c=1"] = timed(lambda: list(ex.map(worker, items)), runs)
            peers["CPython ProcessPoolExecutor c=auto"] = timed(lambda: list(ex.map(worker, items, chunksize=auto)), runs)
        with Pool(workers) as pool:
            peers["CPython Pool.map"] = timed(lambda: pool.map(worker, items), runs)
        out[case["id"]] = peers
    json.dump(out, sys.stdout)


if __name__ == "__main__":
    main()
