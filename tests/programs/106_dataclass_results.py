# Dataclass jobs and results through a process pool, reported with dataclasses.asdict, astuple and replace.
import json
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict, astuple, dataclass, field, replace


@dataclass
class Job:
    name: str
    numbers: list = field(default_factory=list)
    retries: int = 0


@dataclass
class Result:
    job: Job
    total: int
    stats: dict = field(default_factory=dict)


def run(job):
    return Result(job, sum(job.numbers), {'count': len(job.numbers), 'max': max(job.numbers)})


if __name__ == '__main__':
    jobs = [Job('small', [1, 2, 3]), Job('big', list(range(100)))]
    with ProcessPoolExecutor(max_workers=2) as executor:
        results = list(executor.map(run, jobs))
    for result in results:
        print(json.dumps(asdict(result), sort_keys=True)[:80])
        print(astuple(result)[1:])
    again = replace(jobs[0], retries=jobs[0].retries + 1)
    print(again, again.numbers is jobs[0].numbers, jobs[0].retries)
    try:
        asdict(Job)
    except TypeError as e:
        print('TypeError:', e)
