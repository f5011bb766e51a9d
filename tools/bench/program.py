# `./build.sh bench`'s program case (issue 15): one Python program, run by python3 and by the
# playground's Program mode, that times the same CPU-bound work through list(map()),
# ProcessPoolExecutor(2).map and ThreadPoolExecutor(2).map, and eight time.sleep(0.2) calls on
# ThreadPoolExecutor(8). The executors are made and warmed first (untimed rounds: three, and
# WARM_S seconds in all); each round then times every way once, side by side, and each line
# printed is one way's times in ms, one per round.
# tools/bench/run.mjs replaces N, ROUNDS and WARM_S (smaller in a smoke run).
import time
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor

N = 60000
ROUNDS = 7
# The bench's other cases warm up for 400 ms on a page that has run others; a program starts
# a fresh Python engine, whose interpreter Chromium compiles to optimized code in the
# background over about its first half second.
WARM_S = 1.0
ITEMS = [N] * 8


def work(n):
    s = 0
    for i in range(n):
        s += (i * i) % 7
    return s


def nap(seconds):
    time.sleep(seconds)
    return seconds


def timed(times, name, run):
    began = time.perf_counter()
    run()
    times[name].append((time.perf_counter() - began) * 1000)


if __name__ == '__main__':
    times = {'map': [], 'ProcessPoolExecutor(2)': [], 'ThreadPoolExecutor(2)': [], 'sleep on ThreadPoolExecutor(8)': []}
    with ProcessPoolExecutor(2) as processes, ThreadPoolExecutor(2) as threads, ThreadPoolExecutor(8) as sleepers:
        # Warm-up, as the bench's other cases have: a browser tiers its compiled code up
        # while the first runs go, in the workers as in the parent.
        warm_until = time.perf_counter() + WARM_S
        rounds = 0
        while rounds < 3 or time.perf_counter() < warm_until:
            rounds += 1
            list(processes.map(work, ITEMS))
            list(threads.map(work, ITEMS))
            list(sleepers.map(nap, [0.01] * 8))
            list(map(work, ITEMS))
        for _ in range(ROUNDS):
            timed(times, 'map', lambda: list(map(work, ITEMS)))
            timed(times, 'ProcessPoolExecutor(2)', lambda: list(processes.map(work, ITEMS)))
            timed(times, 'ThreadPoolExecutor(2)', lambda: list(threads.map(work, ITEMS)))
            timed(times, 'sleep on ThreadPoolExecutor(8)', lambda: list(sleepers.map(nap, [0.2] * 8)))
    for name in times:
        print(name + ':', ' '.join(str(round(t, 2)) for t in times[name]))
