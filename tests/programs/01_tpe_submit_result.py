# ThreadPoolExecutor as a context manager: submit() + result() + done().
from concurrent.futures import ThreadPoolExecutor


def square(n):
    return n * n


with ThreadPoolExecutor(max_workers=3) as executor:
    futures = [executor.submit(square, n) for n in range(1, 6)]
    results = [f.result() for f in futures]

print(results)
print(all([f.done() for f in futures]))
print(sum(results))
