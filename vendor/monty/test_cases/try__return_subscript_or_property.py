# `return obj[k]` and `return obj.prop` inside a try, where the class's __getitem__ or the
# property's getter raises: the function's own except and finally run, as for a call.
class Box:
    def __getitem__(self, key):
        raise KeyError(key)

    @property
    def value(self):
        raise ValueError('no value')


box = Box()


def item(key):
    try:
        return box[key]
    except KeyError as e:
        return 'caught ' + repr(e.args[0])


def prop():
    try:
        return box.value
    except ValueError as e:
        return 'caught ' + str(e)


log = []


def item_finally():
    try:
        return box['k']
    finally:
        log.append('finally ran')


assert item('a') == "caught 'a'"
assert prop() == 'caught no value'
try:
    item_finally()
    raise AssertionError('the KeyError goes on after the finally block')
except KeyError:
    pass
assert log == ['finally ran'], log


def in_loop():
    for key in ['x']:
        try:
            return box[key]
        except KeyError:
            return 'caught in a loop'


assert in_loop() == 'caught in a loop'
