# eval in long loops, in the main program and in a worker process: 70,000 evaluations of the same snippets each see the values of the moment (the pools find a function by name the same way, once a call).
from concurrent.futures import ProcessPoolExecutor


def lookups(count):
    found = []
    step = 1
    for i in range(count):
        step = step + 1
        found.append(eval('step * 2'))
    return found[-1], len(found)


total = 0
for i in range(70000):
    total = total + eval('i')
print(total, lookups(70000))

if __name__ == '__main__':
    with ProcessPoolExecutor(max_workers=1) as executor:
        print(executor.submit(lookups, 70000).result())
        print(list(executor.map(lookups, [3, 70000])))
    exec('limit = 3')
    for i in range(2):
        print(eval('limit'), eval('len')('abc'))
        exec('len = lambda s: 42')
