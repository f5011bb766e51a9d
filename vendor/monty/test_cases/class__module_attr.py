# A class body that sets `__module__` (as a module written in Python sets it for its classes)
# is named with it in the class's repr and its instances' default repr; a class that inherits
# from it, or sets nothing, is the main module's.
class Queue:
    __module__ = 'queue'


class Mine(Queue):
    pass


class Plain:
    pass


assert repr(Queue) == "<class 'queue.Queue'>", repr(Queue)
assert repr(Queue()).startswith('<queue.Queue object at 0x'), repr(Queue())
assert Queue.__module__ == 'queue'
assert repr(Mine) == "<class '__main__.Mine'>" and Mine.__module__ == '__main__'
assert repr(Mine()).startswith('<__main__.Mine object at 0x')
assert repr(Plain) == "<class '__main__.Plain'>" and Plain.__module__ == '__main__'
assert type(Queue()) is Queue
