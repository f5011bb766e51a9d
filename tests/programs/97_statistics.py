# statistics: a pool's results summarized as CPython's statistics module does (exact means and spreads), and its functions sent to a process pool
import statistics
from statistics import mean, median, stdev
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor


def measurements(seed):
    # A worker's readings: deterministic, so python3 and the playground agree.
    return [((seed * 37 + i * 11) % 23) / 4 for i in range(12)]


if __name__ == '__main__':
    with ProcessPoolExecutor(max_workers=2) as executor:
        readings = list(executor.map(measurements, range(6)))
        means = list(executor.map(statistics.mean, readings))
        spreads = list(executor.map(stdev, readings))
    for seed, (m, s) in enumerate(zip(means, spreads)):
        print(f'worker {seed}: mean {m} stdev {s}')
    everything = [x for r in readings for x in r]
    print('mean', mean(everything), 'median', median(everything))
    print('variance', statistics.variance(everything), 'pstdev', statistics.pstdev(everything))
    print('mode', statistics.mode(everything), 'multimode', statistics.multimode([1, 1, 2, 2, 3]))
    print('quartiles', statistics.quantiles(everything))
    print('fmean', statistics.fmean([0.1, 0.2, 0.3]), 'mean', mean([0.1, 0.2, 0.3]))
    print('ints', mean([1, 2, 3]), statistics.variance([1, 3, 5]), median([4, 1, 3, 2]))
    with ThreadPoolExecutor(max_workers=3) as executor:
        print(list(executor.map(statistics.median_low, [[1, 3, 5, 7], [2, 4], [9]])))
    try:
        mean([])
    except statistics.StatisticsError as e:
        print(type(e).__name__, e, isinstance(e, ValueError))
