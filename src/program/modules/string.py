# string, as CPython 3.11's: its constants (`ascii_letters`, `digits`, `punctuation`, ...),
# `capwords` and `Template` (`$name` and `${name}` substitution; CPython reads the template
# with a regular expression, this module with a scanner that matches the same). Fed after the
# prelude to a program that names the module (src/program/mod.rs).


def _pg_string_build():
    whitespace = ' \t\n\r\x0b\x0c'
    ascii_lowercase = 'abcdefghijklmnopqrstuvwxyz'
    ascii_uppercase = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ'
    ascii_letters = ascii_lowercase + ascii_uppercase
    digits = '0123456789'
    hexdigits = digits + 'abcdef' + 'ABCDEF'
    octdigits = '01234567'
    punctuation = '!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~'
    printable = digits + ascii_letters + punctuation + whitespace

    def capwords(s, sep=None):
        return (sep or ' ').join([word.capitalize() for word in s.split(sep)])

    def identifier_end(text, start):
        # Where an identifier (`[_a-z][_a-z0-9]*`, ASCII, any case) starting at `start` ends.
        at = start
        while at < len(text):
            c = text[at]
            if not (c == '_' or c in ascii_letters or (at > start and c in digits)):
                break
            at += 1
        return at

    class Template:
        __module__ = 'string'
        delimiter = '$'

        def __init__(self, template):
            self.template = template

        def _scan(self, on_name, on_invalid):
            # The template with each `$$` made `$`, each `$name` or `${name}` given to `on_name`
            # (the name, the placeholder) and each other `$` to `on_invalid` (its index).
            text = self.template
            delimiter = self.delimiter
            out = []
            at = 0
            while True:
                found = text.find(delimiter, at)
                if found < 0:
                    out.append(text[at:])
                    return ''.join(out)
                out.append(text[at:found])
                after = found + len(delimiter)
                if text.startswith(delimiter, after):
                    out.append(delimiter)
                    at = after + len(delimiter)
                    continue
                end = identifier_end(text, after)
                if end > after:
                    out.append(on_name(text[after:end], text[found:end]))
                    at = end
                    continue
                if text.startswith('{', after):
                    end = identifier_end(text, after + 1)
                    if end > after + 1 and text.startswith('}', end):
                        out.append(on_name(text[after + 1:end], text[found:end + 1]))
                        at = end + 1
                        continue
                out.append(on_invalid(after))
                at = after

        def _invalid(self, at):
            lines = self.template[:at].splitlines(True)
            if not lines:
                colno = 1
                lineno = 1
            else:
                colno = at - len(''.join(lines[:-1]))
                lineno = len(lines)
            raise ValueError('Invalid placeholder in string: line %d, col %d' % (lineno, colno))

        def substitute(self, *args, **kws):
            lookup = _pg_string_lookup('substitute', args, kws)
            return self._scan(lambda name, placeholder: str(lookup(name)), self._invalid)

        def safe_substitute(self, *args, **kws):
            lookup = _pg_string_lookup('safe_substitute', args, kws)

            def on_name(name, placeholder):
                try:
                    return str(lookup(name))
                except KeyError:
                    return placeholder

            return self._scan(on_name, lambda at: self.delimiter)

        def is_valid(self):
            invalid = []
            self._scan(lambda name, placeholder: '', lambda at: invalid.append(at) or '')
            return not invalid

        def get_identifiers(self):
            ids = []

            def on_name(name, placeholder):
                if name not in ids:
                    ids.append(name)
                return ''

            self._scan(on_name, lambda at: '')
            return ids

    return {
        'whitespace': whitespace,
        'ascii_lowercase': ascii_lowercase,
        'ascii_uppercase': ascii_uppercase,
        'ascii_letters': ascii_letters,
        'digits': digits,
        'hexdigits': hexdigits,
        'octdigits': octdigits,
        'punctuation': punctuation,
        'printable': printable,
        'capwords': capwords,
        'Template': Template,
    }


def _pg_string_lookup(method, args, kws):
    # A template's names looked up as CPython's: in the keywords, then in the mapping given.
    if len(args) > 1:
        raise TypeError(method + '() takes from 1 to 2 positional arguments but ' + str(len(args) + 1)
                        + ' were given')

    def lookup(name):
        if name in kws or not args:
            return kws[name]
        return args[0][name]

    return lookup


_pg_string = _pg_provide('string', _pg_string_build())
