import operator as op
import string
from operator import itemgetter, attrgetter, methodcaller


def check(label, f):
    try:
        r = f()
    except Exception as e:
        print(label, type(e).__name__, e)
    else:
        print(label, "->", r)


print(op.add(1, 2), op.sub(5, 3), op.mul("ab", 2), op.truediv(1, 4), op.floordiv(-7, 2), op.mod(-7, 3), op.pow(2, 100))
print(op.neg(5), op.pos(-2), op.inv(5), op.invert(0), op.abs(-3.5), op.not_([]), op.truth("x"), op.index(True))
print(op.lt(1, 2), op.le(2, 2), op.eq("a", "a"), op.ne(1, 1.0), op.ge(3, 4), op.gt([2], [1, 5]))
print(op.and_(12, 10), op.or_(12, 10), op.xor(12, 10), op.lshift(1, 10), op.rshift(1024, 3), op.and_({1, 2}, {2}))
print(op.is_(None, None), op.is_not(1, None), op.contains("hello", "ell"), op.countOf([1, 2, 1], 1), op.indexOf("abc", "c"))
print(op.concat([1], [2]), op.concat("a", "b"), op.getitem({"k": 3}, "k"), op.length_hint([1, 2, 3]), op.length_hint(iter([]), 7))
lst = [1, 2, 3]
op.setitem(lst, 0, 9)
op.delitem(lst, 1)
print(lst, op.iadd(lst, [4]), lst, op.imul(2, 3), op.__add__(1, 1), op.call(max, 3, 7))
print(sorted([("b", 2), ("a", 3), ("c", 1)], key=itemgetter(1)), itemgetter(0, 2)("xyz"), itemgetter("k")({"k": 1}))
print(itemgetter(1), itemgetter(0, "a"), attrgetter("real"), attrgetter("a.b", "c"), methodcaller("split", ",", maxsplit=1))


class P:
    def __init__(self, name, age):
        self.name, self.age = name, age

    def greet(self, greeting, punct="!"):
        return f"{greeting}, {self.name}{punct}"


people = [P("ann", 30), P("bob", 25)]
print([p.name for p in sorted(people, key=attrgetter("age"))], attrgetter("name", "age")(people[0]))
print(methodcaller("greet", "hi")(people[0]), methodcaller("greet", "yo", punct="?")(people[1]))
print(list(map(methodcaller("upper"), ["a", "b"])), methodcaller("split", ",", maxsplit=1)("a,b,c"))
check("add args", lambda: op.add(1))
check("neg args", lambda: op.neg())
check("itemgetter none", lambda: itemgetter())
check("attrgetter type", lambda: attrgetter(1))
check("methodcaller none", lambda: methodcaller())
check("methodcaller type", lambda: methodcaller(1))
check("itemgetter index", lambda: itemgetter(5)([1]))
check("attrgetter missing", lambda: attrgetter("zz")(1))
check("concat int", lambda: op.concat(1, 2))
check("indexOf missing", lambda: op.indexOf([1], 2))
check("index float", lambda: op.index(1.5))
check("add types", lambda: op.add(1, "a"))
print(string.ascii_letters, string.ascii_lowercase, string.ascii_uppercase)
print(string.digits, string.hexdigits, string.octdigits, repr(string.whitespace))
print(string.punctuation, len(string.printable))
print(string.capwords("hello   world  foo"), string.capwords("a-b-c", "-"), string.capwords(" mIxEd cAsE "))
t = string.Template("$who likes ${what}, $$5 each")
print(t.substitute(who="tim", what="kung pao"), t.substitute({"who": "ann", "what": "tea"}))
print(t.safe_substitute(who="x"), t.get_identifiers(), t.is_valid(), string.Template("$1").is_valid())
check("template missing", lambda: t.substitute(who="x"))
check("template invalid", lambda: string.Template("a $ b").substitute())
check("template invalid line", lambda: string.Template("ok\nx ${bad").substitute())
op.truediv(1, 0)
