# The server of a `multiprocessing.Manager()`: an interpreter of its own on the host, holding the
# objects the manager made (src/program/manager.rs runs it), as CPython's manager is a process
# of its own holding them. Every process of the program reaches them through proxies (the
# prelude's `DictProxy`, `ListProxy`, ...), whose methods call `_pg_serve` here with copies of
# their arguments, as CPython's proxies send theirs pickled; what comes back is a copy too.
# One call runs at a time, so each method call is whole, as under CPython's server's GIL.

_pg_objects = {}


class Namespace:
    # Its attributes in a dict of their own, which the proxy's attribute reads, writes and
    # deletions reach through `get`, `set` and `delete`.
    def __init__(self, attrs):
        self.attrs = attrs

    def get(self, name):
        if name not in self.attrs:
            raise AttributeError("'Namespace' object has no attribute " + repr(name))
        return self.attrs[name]

    def set(self, name, value):
        self.attrs[name] = value

    def delete(self, name):
        if name not in self.attrs:
            raise AttributeError("'Namespace' object has no attribute " + repr(name))
        del self.attrs[name]

    def __repr__(self):
        items = [name + '=' + repr(value) for name, value in self.attrs.items() if not name.startswith('_')]
        items.sort()
        return 'Namespace(' + ', '.join(items) + ')'


class Value:
    # As CPython's manager keeps a Value: the typecode is only shown, nothing is converted.
    def __init__(self, typecode, value, lock=True):
        self._typecode = typecode
        self._value = value

    def get(self):
        return self._value

    def set(self, value):
        self._value = value

    def __repr__(self):
        return 'Value(' + repr(self._typecode) + ', ' + repr(self._value) + ')'


ARRAY_KINDS = {'b': int, 'B': int, 'h': int, 'H': int, 'i': int, 'I': int, 'l': int, 'L': int,
               'q': int, 'Q': int, 'f': float, 'd': float}


class Array:
    # What `array.array(typecode, items)` keeps and shows, for the manager's Array.
    def __init__(self, typecode, sequence, lock=True):
        if typecode not in ARRAY_KINDS:
            raise ValueError('bad typecode (must be b, B, u, h, H, i, I, l, L, q, Q, f or d)')
        self._typecode = typecode
        self._items = [self._item(x) for x in sequence]

    def _item(self, x):
        if ARRAY_KINDS[self._typecode] == float:
            if type(x) not in (int, float, bool):
                raise TypeError('must be real number, not ' + type(x).__name__)
            return float(x)
        if type(x) not in (int, bool):
            raise TypeError("'" + type(x).__name__ + "' object cannot be interpreted as an integer")
        return int(x)

    def __len__(self):
        return len(self._items)

    def __getitem__(self, i):
        return self._items[i]

    def __setitem__(self, i, value):
        if type(i) == slice:
            self._items[i] = [self._item(x) for x in value]
        else:
            self._items[i] = self._item(value)

    def __iter__(self):
        return iter(self._items)

    def __repr__(self):
        return 'array(' + repr(self._typecode) + ', ' + repr(self._items) + ')'


MAKERS = {'dict': dict, 'list': list, 'Namespace': Namespace, 'Value': Value, 'Array': Array}


def _pg_make(typeid, args, kwargs):
    # A new object of the manager: its number, which its proxies name it by.
    if typeid == 'Namespace':
        made = Namespace(kwargs)
    else:
        made = MAKERS[typeid](*args, **kwargs)
    number = len(_pg_objects) + 1
    _pg_objects[number] = made
    return number


def key_of(sent):
    # A proxy sends a slice as a tuple.
    if type(sent) == tuple and len(sent) == 4 and sent[0] == '\x00slice':
        return slice(sent[1], sent[2], sent[3])
    return sent


def _pg_serve(number, method, args, kwargs):
    # `method` of the object, called with the arguments a proxy sent.
    referent = _pg_objects[number]
    if method == '__repr__':
        return repr(referent)
    if method == '__len__':
        return len(referent)
    if method == '__contains__':
        return args[0] in referent
    if method == '__getitem__':
        return referent[key_of(args[0])]
    if method == '__setitem__':
        referent[key_of(args[0])] = args[1]
        return None
    if method == '__delitem__':
        del referent[key_of(args[0])]
        return None
    if method == '__add__':
        return referent + args[0]
    if method == '__mul__':
        return referent * args[0]
    if method == '__iadd__':
        referent += args[0]
        return None
    if method == 'copy_of':
        # What the proxy's iteration goes over: the keys of a dict, the items of a list.
        return list(referent)
    result = getattr(referent, method)(*args, **kwargs)
    if method in ('keys', 'values', 'items'):
        # A view cannot travel: CPython's DictProxy returns these as lists.
        return list(result)
    return result
