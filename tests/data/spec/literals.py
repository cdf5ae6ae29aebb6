a = 0, 1, 123, 1_000_000, 0x1F, 0XFF_FF, 0o17, 0O7, 0b1010, 0B1_1, 00, 0_0
b = 1.5, 1., .5, 1e10, 1E-5, 1.5e+3, 1_0.5_0, 0e5, 00.5, 09.5, 1e1_0
c = 1j, 1.5j, 1e3J, 0j, 5.j
d = 123456789012345678901234567890, 0xFFFFFFFFFFFFFFFFFFFF, 9223372036854775807, 9223372036854775808
e = 'a', "b", '''c''', """d""", r'\n', R"\t", b'x', B"y", rb'\d', BR'\w', Rb"z", bR'q'
f = u'x', U"y"
g = 'a' 'b' "c", b'a' b'b', 'multi' \
    'line'
h = '\n\t\\\'\"\a\b\f\v\r\0\101\x41\u0041\U00000041\N{BULLET}\N{latin small letter a}'
i = b'\n\t\\\x00\xff\101'
j = '\q \d'
k = '''line1
line2\
line3'''
l = "é ü 中文 😀"
m = 'unicode \u00e9 \U0001F600'
n = r'\N{BULLET}' '\N{EM DASH}'
o = "it's", 'say "hi"'
p = True, False, None, ...
q = ''
r = b''
s = """a "quoted" 'string'"""
t = '\
'
