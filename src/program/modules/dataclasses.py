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
        return converted(obj, lambda inner, convert: dict_factory([(f.name, convert(getattr(inner, f.name)))
                                                                   for f in fields(inner)]))

    def astuple(obj, *, tuple_factory=tuple):
        if not is_instance(obj):
            raise TypeError('astuple() should be called on dataclass instances')
        return converted(obj, lambda inner, convert: tuple_factory([convert(getattr(inner, f.name))
                                                                    for f in fields(inner)]))

    def converted(obj, of_instance):
        # asdict's and astuple's walk (CPython's `_asdict_inner` and `_astuple_inner`, which
        # differ only in what a dataclass instance becomes: `of_instance`).
        def convert(value):
            if is_instance(value):
                return of_instance(value, convert)
            if isinstance(value, tuple) and hasattr(value, '_fields'):
                return type(value)(*[convert(v) for v in value])
            if isinstance(value, (list, tuple)):
                return type(value)([convert(v) for v in value])
            if isinstance(value, dict):
                return type(value)([(convert(k), convert(v)) for k, v in value.items()])
            return _pg_copy.deepcopy(value)

        return convert(obj)

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
