from collections import defaultdict, OrderedDict, ChainMap


def check(label, f):
    try:
        r = f()
    except Exception as e:
        print(label, type(e).__name__, e)
    else:
        print(label, "->", r)


dd = defaultdict(list)
for word in ["apple", "avocado", "banana", "blueberry", "cherry"]:
    dd[word[0]].append(word)
print(dd, dict(dd), dd["z"], len(dd), "q" in dd, dd.get("q"), dd.default_factory)
counts = defaultdict(int)
for ch in "hello":
    counts[ch] += 1
print(counts, sorted(counts.items()), counts.copy(), type(counts.copy()).__name__)
nested = defaultdict(lambda: defaultdict(int))
nested["a"]["b"] += 1
print(dict(nested["a"]), nested["x"]["y"])
none = defaultdict()
print(none, none.default_factory)
check("missing", lambda: none["k"])
check("__missing__", lambda: defaultdict(list).__missing__("k"))
check("not callable", lambda: defaultdict(5))
print(defaultdict(int, {"a": 1}, b=2), defaultdict(set, [("k", {1})]), defaultdict(None, x=1))
print(repr(defaultdict(list)), type(dd).__name__, isinstance(dd, dict), dd == {"a": ["apple", "avocado"], "b": ["banana", "blueberry"], "c": ["cherry"], "z": []})
print(defaultdict(int, a=1) | {"b": 2}, type(defaultdict(int) | {}).__name__)

od = OrderedDict(b=1, a=2)
od["c"] = 3
od.move_to_end("b")
print(od, list(od), list(od.items()))
od.move_to_end("c", last=False)
print(od, od.popitem(), od.popitem(last=False), od)
check("move missing", lambda: OrderedDict().move_to_end("x"))
check("popitem empty", lambda: OrderedDict().popitem())
print(OrderedDict(a=1, b=2) == OrderedDict(b=2, a=1), OrderedDict(a=1, b=2) == {"b": 2, "a": 1}, dict(a=1, b=2) == OrderedDict(b=2, a=1))
print(OrderedDict(a=1, b=2) != OrderedDict(b=2, a=1), OrderedDict([(1, 2)]) == OrderedDict([(1, 2)]))
print(OrderedDict(), repr(OrderedDict([("x", [1])])), list(reversed(OrderedDict(a=1, b=2, c=3))))
print(OrderedDict.fromkeys("abc", 0), type(OrderedDict(a=1).copy()).__name__, OrderedDict(a=1) | {"b": 2})

base = {"color": "red", "size": 1}
override = {"color": "blue"}
cm = ChainMap(override, base)
print(cm["color"], cm["size"], len(cm), sorted(cm), "size" in cm, cm.get("nope", 0), cm)
cm["new"] = 5
print(override, cm.maps[0] is override, list(cm.keys()), list(cm.values()), list(cm.items()))
child = cm.new_child()
child["color"] = "green"
print(child["color"], cm["color"], child.parents, ChainMap())
check("chainmap missing", lambda: cm["zzz"])
check("chainmap del", lambda: ChainMap({}, {"a": 1}).__delitem__("a"))
dict(dd)["q"]
