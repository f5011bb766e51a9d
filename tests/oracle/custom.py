"""The oracle for custom worker functions: CPython running a person's `worker` over items.

Reads JSON lines `{"code": ..., "items": [...]}` on stdin and prints, for each, a JSON list with
one string per item: the result's `repr()`, or `TypeName: message` for an item that raised.
The module runs once and every item is a call in its namespace, as `list(map(worker, items))`
runs them, and as the playground runs a thread's items in one interpreter.
"""
import json
import sys


def outputs(code, items):
    compiled = compile(code, "worker.py", "exec")
    namespace = {"__name__": "worker"}
    exec(compiled, namespace)
    out = []
    for item in items:
        try:
            out.append(repr(namespace["worker"](item)))
        except Exception as e:  # the playground reports any exception per item
            out.append(f"{type(e).__name__}: {e}" if str(e) else type(e).__name__)
    return out


if __name__ == "__main__":
    sys.setrecursionlimit(1000)
    for line in sys.stdin:
        if line.strip():
            request = json.loads(line)
            print(json.dumps(outputs(request["code"], request["items"])), flush=True)
