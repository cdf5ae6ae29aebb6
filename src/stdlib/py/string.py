"""string for apy: constants, capwords and Template."""

__all__ = ["ascii_letters", "ascii_lowercase", "ascii_uppercase", "capwords",
           "digits", "hexdigits", "octdigits", "printable", "punctuation",
           "whitespace", "Formatter", "Template"]

whitespace = ' \t\n\r\v\f'
ascii_lowercase = 'abcdefghijklmnopqrstuvwxyz'
ascii_uppercase = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ'
ascii_letters = ascii_lowercase + ascii_uppercase
digits = '0123456789'
hexdigits = digits + 'abcdef' + 'ABCDEF'
octdigits = '01234567'
punctuation = r"""!"#$%&'()*+,-./:;<=>?@[\]^_`{|}~"""
printable = digits + ascii_letters + punctuation + whitespace


def _capitalize(word):
    return word[:1].upper() + word[1:].lower()


def capwords(s, sep=None):
    return (sep or ' ').join(map(_capitalize, s.split(sep)))


_IDENT_START = '_' + ascii_letters
_IDENT_CHARS = _IDENT_START + digits


class Template:
    """A string class for supporting $-substitutions."""

    delimiter = '$'

    def __init__(self, template):
        self.template = template

    def _invalid(self, i):
        # i: the position after the delimiter.
        lineno = 1
        line_start = 0
        for pos in range(i):
            ch = self.template[pos]
            if ch == '\n' or (ch == '\r' and (pos + 1 >= i or self.template[pos + 1] != '\n')):
                if pos + 1 < i:
                    lineno += 1
                    line_start = pos + 1
        colno = i - line_start if i else 1
        raise ValueError('Invalid placeholder in string: line %d, col %d' %
                         (lineno, colno))

    def _scan(self, mapping, safe):
        s = self.template
        out = []
        i = 0
        n = len(s)
        while i < n:
            c = s[i]
            if c != self.delimiter:
                out.append(c)
                i += 1
                continue
            if i + 1 < n and s[i + 1] == self.delimiter:
                out.append(self.delimiter)
                i += 2
                continue
            j = i + 1
            braced = j < n and s[j] == '{'
            if braced:
                j += 1
            k = j
            if k < n and s[k] in _IDENT_START:
                k += 1
                while k < n and s[k] in _IDENT_CHARS:
                    k += 1
            name = s[j:k]
            if not name or (braced and (k >= n or s[k] != '}')):
                if safe:
                    out.append(c)
                    i += 1
                    continue
                self._invalid(i + 1)
            end = k + 1 if braced else k
            if safe:
                try:
                    out.append(str(mapping[name]))
                except KeyError:
                    out.append(s[i:end])
            else:
                out.append(str(mapping[name]))
            i = end
        return ''.join(out)

    def substitute(self, mapping={}, /, **kws):
        if kws:
            mapping = dict(mapping, **kws) if mapping else kws
        return self._scan(mapping, False)

    def safe_substitute(self, mapping={}, /, **kws):
        if kws:
            mapping = dict(mapping, **kws) if mapping else kws
        return self._scan(mapping, True)

    def get_identifiers(self):
        ids = []
        s = self.template
        i = 0
        while i < len(s):
            if s[i] == self.delimiter:
                if i + 1 < len(s) and s[i + 1] == self.delimiter:
                    i += 2
                    continue
                j = i + 1
                braced = j < len(s) and s[j] == '{'
                if braced:
                    j += 1
                k = j
                if k < len(s) and s[k] in _IDENT_START:
                    k += 1
                    while k < len(s) and s[k] in _IDENT_CHARS:
                        k += 1
                name = s[j:k]
                if name and (not braced or (k < len(s) and s[k] == '}')):
                    if name not in ids:
                        ids.append(name)
                    i = k
                    continue
            i += 1
        return ids

    def is_valid(self):
        s = self.template
        i = 0
        while i < len(s):
            if s[i] == self.delimiter:
                if i + 1 < len(s) and s[i + 1] == self.delimiter:
                    i += 2
                    continue
                j = i + 1
                braced = j < len(s) and s[j] == '{'
                if braced:
                    j += 1
                k = j
                if k < len(s) and s[k] in _IDENT_START:
                    k += 1
                    while k < len(s) and s[k] in _IDENT_CHARS:
                        k += 1
                if k == j or (braced and (k >= len(s) or s[k] != '}')):
                    return False
                i = k
                continue
            i += 1
        return True


class Formatter:
    def __init__(self, *args, **kwargs):
        _apy_unsupported("string.Formatter")
