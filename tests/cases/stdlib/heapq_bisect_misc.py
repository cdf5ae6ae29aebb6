import heapq
import bisect
import keyword


def check(label, f):
    try:
        r = f()
    except Exception as e:
        print(label, type(e).__name__, e)
    else:
        print(label, "->", r)


h = []
for x in [5, 1, 8, 3, 9, 2]:
    heapq.heappush(h, x)
print(h, heapq.heappop(h), heapq.heappop(h), h)
data = [9, 4, 7, 1, 8, 2]
heapq.heapify(data)
print(data, heapq.heapreplace(data, 6), data, heapq.heappushpop(data, 0), heapq.heappushpop(data, 10), data)
print(heapq.nlargest(3, [5, 1, 8, 3, 9, 2]), heapq.nsmallest(2, [5, 1, 8, 3]), heapq.nlargest(2, ["bb", "a", "ccc"], key=len))
print(heapq.nsmallest(2, [(1, "b"), (1, "a"), (0, "z")]), heapq.nlargest(10, [3, 1]), heapq.nsmallest(1, []), heapq.nsmallest(1, [4, 2]))
print(list(heapq.merge([1, 3, 5], [2, 4, 6], [0])), list(heapq.merge(["b", "d"], ["a", "c"], key=str.upper if hasattr(str, "upper") else None)))
print(list(heapq.merge([5, 3], [4, 1], reverse=True)))
tasks = []
heapq.heappush(tasks, (2, "write"))
heapq.heappush(tasks, (1, "plan"))
heapq.heappush(tasks, (3, "ship"))
while tasks:
    prio, name = heapq.heappop(tasks)
    print(prio, name)
check("pop empty", lambda: heapq.heappop([]))
check("push int", lambda: heapq.heappush(1, 2))
check("heapify int", lambda: heapq.heapify(5))
check("replace empty", lambda: heapq.heapreplace([], 1))
a = [1, 2, 2, 2, 3, 5]
print(bisect.bisect_left(a, 2), bisect.bisect_right(a, 2), bisect.bisect(a, 4), bisect.bisect_left(a, 0), bisect.bisect(a, 9))
print(bisect.bisect_left(a, 2, 2), bisect.bisect_right(a, 2, 0, 3), bisect.bisect_left([(1, "a"), (3, "b")], 2, key=lambda t: t[0]))
bisect.insort(a, 4)
bisect.insort_left(a, 2)
bisect.insort_right(a, 0)
print(a)
grades = "FDCBA"
print([grades[bisect.bisect([60, 70, 80, 90], score)] for score in [33, 99, 77, 70, 89, 90, 100]])
check("lo negative", lambda: bisect.bisect_left([1], 1, -1))
print(keyword.iskeyword("for"), keyword.iskeyword("match"), keyword.issoftkeyword("match"), len(keyword.kwlist))
heapq.heappop([])
