# An exception inside a thread-pool task does not kill the pool; it surfaces at result().
from concurrent.futures import ThreadPoolExecutor


def parse(text):
    return int(text)


with ThreadPoolExecutor(max_workers=2) as executor:
    futures = [executor.submit(parse, t) for t in ["1", "x", "3", "4.5"]]
    for text, f in zip(["1", "x", "3", "4.5"], futures):
        try:
            print(text, "->", f.result())
        except ValueError as e:
            print(text, "-> error:", type(e).__name__, str(e))
    print("pool still works:", executor.submit(parse, "42").result())
