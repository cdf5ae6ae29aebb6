match command:
    case 1:
        pass
    case -1 | 2 | 3.5 | -4j | 1 + 2j | 1 - 2j:
        pass
    case "a" | b"b" | "c" "d":
        pass
    case None | True | False:
        pass
    case x if x:
        pass
    case _ if y:
        pass
    case Color.RED | a.b.c:
        pass
    case (a, b) | [a, b] | (a, b,):
        pass
    case [a, *rest] | (*rest, a):
        pass
    case (*_, last):
        pass
    case ():
        pass
    case []:
        pass
    case (x) if x:
        pass
    case {"k": v, 1: w, **rest}:
        pass
    case {}:
        pass
    case {a.b: 1, None: 2, -1: 3}:
        pass
    case Point(x=0, y=0) | Point(1, 2) | Point() | Point(1, y=2):
        pass
    case a.B(c) as d:
        pass
    case [Point(x=0) as p, *_] if p.y > 0:
        pass
    case 1, 2:
        pass
    case *a, b:
        pass
    case (1 | 2) as n:
        pass
    case _:
        pass
match x, y:
    case a, b: pass
match (x):
    case _: pass
match = 1
match.x = 2
match(x)
match[x]
case = 3
_ = 4
print(match, case, _)
