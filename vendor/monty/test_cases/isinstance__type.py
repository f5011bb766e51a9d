# `type` as isinstance's second argument: every class is an instance of it, nothing else is.
class A:
    def m(self):
        return 1

    @classmethod
    def c(cls):
        return cls


assert isinstance(A, type), 'a class is a type'
assert isinstance(int, type), 'a built-in class is a type'
assert isinstance(ValueError, type), 'an exception class is a type'
assert not isinstance(A(), type), 'an instance is not a type'
assert not isinstance(3, type), 'an int is not a type'
assert isinstance(A.c.__self__, type), "a class method's __self__ is its class"
assert not isinstance(A().m.__self__, type), "a method's __self__ is its object"
assert isinstance(A, (int, type)), 'type in a tuple'
assert not isinstance('s', (int, type)), 'neither in the tuple'
