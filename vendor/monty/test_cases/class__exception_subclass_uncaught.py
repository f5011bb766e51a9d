class TaskError(RuntimeError):
    pass


def run():
    raise TaskError('task 3 failed')


run()
# Raise=TaskError('task 3 failed')
