# collections.OrderedDict, which monty's `collections` lacks: a dict that keeps its insertion
# order (as every dict does) and adds `move_to_end`, `popitem(last=False)` and an order-aware
# `==`, which a least-recently-used cache is built on. A class written in Python, so it is no
# `dict` (`isinstance(od, dict)` is False). Fed after the prelude to a program whose text names
# `OrderedDict` (src/program/modules.rs), with `collections` then the module that adds it to
# monty's.

import collections as _pg_collections_native


def _pg_ordered_dict_build():
    class OrderedDict:
        def __init__(self, other=(), /, **kwds):
            # The global a worker process finds the class by (src/program/processes.rs).
            self._pg_class = '_pg_class_OrderedDict'
            self._data = {}
            self.update(other, **kwds)

        def update(self, other=(), /, **kwds):
            if isinstance(other, OrderedDict):
                other = other._data
            if hasattr(other, 'keys'):
                for key in other.keys():
                    self._data[key] = other[key]
            else:
                for key, value in other:
                    self._data[key] = value
            for key in kwds:
                self._data[key] = kwds[key]

        @classmethod
        def fromkeys(cls, iterable, value=None):
            made = cls()
            for key in iterable:
                made[key] = value
            return made

        def __getitem__(self, key):
            return self._data[key]

        def __setitem__(self, key, value):
            self._data[key] = value

        def __delitem__(self, key):
            del self._data[key]

        def __contains__(self, key):
            return key in self._data

        def __len__(self):
            return len(self._data)

        def __iter__(self):
            return iter(self._data)

        def __eq__(self, other):
            if isinstance(other, OrderedDict):
                return list(self._data.items()) == list(other._data.items())
            if isinstance(other, dict):
                return self._data == other
            return NotImplemented

        def __repr__(self):
            if not self._data:
                return 'OrderedDict()'
            return 'OrderedDict(' + repr(list(self._data.items())) + ')'

        def keys(self):
            return self._data.keys()

        def values(self):
            return self._data.values()

        def items(self):
            return self._data.items()

        def get(self, key, default=None):
            return self._data.get(key, default)

        def pop(self, key, *default):
            return self._data.pop(key, *default)

        def setdefault(self, key, default=None):
            return self._data.setdefault(key, default)

        def popitem(self, last=True):
            if not self._data:
                raise KeyError('dictionary is empty')
            if last:
                return self._data.popitem()
            key = next(iter(self._data))
            return key, self._data.pop(key)

        def move_to_end(self, key, last=True):
            value = self._data.pop(key)
            if last:
                self._data[key] = value
            else:
                rest = self._data
                self._data = {key: value}
                self._data.update(rest)

        def clear(self):
            self._data.clear()

        def copy(self):
            return OrderedDict(self._data)

    return OrderedDict


_pg_class_OrderedDict = _pg_ordered_dict_build()


class _PgCollections(_PgModule):
    # monty's `collections`, with OrderedDict added.
    def __getattr__(self, name):
        return getattr(_pg_collections_native, name)


def _pg_ordered_dict_provide():
    module = _PgCollections('collections')
    module.OrderedDict = _pg_class_OrderedDict
    __modules__['collections'] = module


_pg_ordered_dict_provide()
