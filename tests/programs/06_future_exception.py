# Future.exception() and result() for a task that raises inside a thread pool.
from concurrent.futures import ThreadPoolExecutor


def divide(a, b):
    return a / b


with ThreadPoolExecutor(max_workers=2) as executor:
    good = executor.submit(divide, 10, 4)
    bad = executor.submit(divide, 1, 0)

    print("good exception:", good.exception())
    print("good result:", good.result())

    err = bad.exception()
    print("bad exception type:", type(err).__name__)
    print("bad exception text:", str(err))
    try:
        bad.result()
    except ZeroDivisionError as e:
        print("caught at result():", type(e).__name__, str(e))

print("program continues")
