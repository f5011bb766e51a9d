# dataclasses: monty's own module (`@dataclass`, `field`, `fields`, `is_dataclass`,
# `FrozenInstanceError`, `MISSING`) with CPython 3.11's `asdict`, `astuple` and `replace`,
# written as CPython writes them. Fed after the prelude to a program that names the module
# (src/program/modules.rs).

import dataclasses as _pg_dataclasses_native
import copy as _pg_copy


def _pg_dataclasses_build(native):
    fields = native.fields
    is_dataclass = native.is_dataclass

    def is_instance(obj):
        return is_dataclass(obj) and not isinstance(obj, type)

    def asdict(obj, *, dict_factory=dict):
        if not is_instance(obj):
            raise TypeError('asdict() should be called on dataclass instances')
        return asdict_inner(obj, dict_factory)

    def asdict_inner(obj, dict_factory):
        if is_instance(obj):
            return dict_factory([(f.name, asdict_inner(getattr(obj, f.name), dict_factory)) for f in fields(obj)])
        if isinstance(obj, tuple) and hasattr(obj, '_fields'):
            return type(obj)(*[asdict_inner(v, dict_factory) for v in obj])
        if isinstance(obj, (list, tuple)):
            return type(obj)([asdict_inner(v, dict_factory) for v in obj])
        if isinstance(obj, dict):
            return type(obj)([(asdict_inner(k, dict_factory), asdict_inner(v, dict_factory)) for k, v in obj.items()])
        return _pg_copy.deepcopy(obj)

    def astuple(obj, *, tuple_factory=tuple):
        if not is_instance(obj):
            raise TypeError('astuple() should be called on dataclass instances')
        return astuple_inner(obj, tuple_factory)

    def astuple_inner(obj, tuple_factory):
        if is_instance(obj):
            return tuple_factory([astuple_inner(getattr(obj, f.name), tuple_factory) for f in fields(obj)])
        if isinstance(obj, tuple) and hasattr(obj, '_fields'):
            return type(obj)(*[astuple_inner(v, tuple_factory) for v in obj])
        if isinstance(obj, (list, tuple)):
            return type(obj)([astuple_inner(v, tuple_factory) for v in obj])
        if isinstance(obj, dict):
            return type(obj)([(astuple_inner(k, tuple_factory), astuple_inner(v, tuple_factory))
                              for k, v in obj.items()])
        return _pg_copy.deepcopy(obj)

    def replace(obj, /, **changes):
        if not is_instance(obj):
            raise TypeError('replace() should be called on dataclass instances')
        # Every field is an `__init__` argument: monty's `field()` takes no `init=False`.
        for f in fields(obj):
            if f.name not in changes:
                changes[f.name] = getattr(obj, f.name)
        return type(obj)(**changes)

    return {
        'dataclass': native.dataclass,
        'field': native.field,
        'fields': fields,
        'is_dataclass': is_dataclass,
        'FrozenInstanceError': native.FrozenInstanceError,
        'MISSING': native.MISSING,
        'asdict': asdict,
        'astuple': astuple,
        'replace': replace,
    }


_pg_dataclasses = _pg_provide('dataclasses', _pg_dataclasses_build(_pg_dataclasses_native))
