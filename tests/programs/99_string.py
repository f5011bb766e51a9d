# string: its constants, capwords and Template, in threads and in a process pool
import random
import string
import threading
from multiprocessing import Pool
from string import Template

report = Template('$name processed ${count} items ($$${cost} spent)')


def process(name):
    random.seed(name)
    items = ''.join(random.choice(string.ascii_lowercase + string.digits) for _ in range(8))
    return report.substitute(name=name, count=len(items), cost=len(name) * 3)


if __name__ == '__main__':
    results = []
    threads = [threading.Thread(target=lambda n=n: results.append(process(n))) for n in ['ann', 'bo']]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    print(sorted(results))
    with Pool(2) as pool:
        print(pool.map(string.capwords, ['hello wide world', 'the   GIL  shown']))
        print(pool.map(process, ['cy', 'dee']))
    print(string.ascii_letters, string.digits, string.hexdigits, string.octdigits)
    print(repr(string.punctuation), repr(string.whitespace), len(string.printable))
    print(report.safe_substitute(name='eve'), report.get_identifiers(), report.is_valid())
    try:
        Template('total: $').substitute()
    except ValueError as e:
        print('ValueError:', e)
    try:
        report.substitute(name='x')
    except KeyError as e:
        print('KeyError:', e)
