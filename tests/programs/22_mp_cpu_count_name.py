# cpu_count() (checked, not printed) and current_process().name in the main process.
import os
import multiprocessing
from multiprocessing import cpu_count, current_process


def square(n):
    return n * n


if __name__ == '__main__':
    print(cpu_count() >= 1)
    print(os.cpu_count() >= 1)
    print(current_process().name)
    print(multiprocessing.current_process().name == "MainProcess")
    with multiprocessing.Pool(processes=min(2, cpu_count())) as pool:
        print(pool.map(square, [1, 2, 3]))
    print(current_process().name)
