# as_completed and wait(ALL_COMPLETED) with a ProcessPoolExecutor, results printed sorted.
from concurrent.futures import ProcessPoolExecutor, as_completed, wait, ALL_COMPLETED


def count_divisors(n):
    count = 0
    for d in range(1, n + 1):
        if n % d == 0:
            count += 1
    return n, count


if __name__ == '__main__':
    numbers = [12, 7, 30, 16, 9]
    with ProcessPoolExecutor(max_workers=2) as executor:
        futures = [executor.submit(count_divisors, n) for n in numbers]
        print(sorted([f.result() for f in as_completed(futures)]))

        futures = [executor.submit(count_divisors, n) for n in range(1, 7)]
        done, not_done = wait(futures, return_when=ALL_COMPLETED)
        print(len(done), len(not_done))
        print(sorted([f.result() for f in done]))
