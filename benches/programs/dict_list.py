# Dicts and lists: building, lookups, updates, comprehensions, sorting.
counts = {}
for i in range(300_000):
    key = (i * 7919) % 5003
    counts[key] = counts.get(key, 0) + 1
squares = [n * n for n in range(300_000)]
evens = [x for x in squares if x % 2 == 0]
index = {n: i for i, n in enumerate(evens[:100_000])}
hits = sum(1 for n in range(0, 200_000, 3) if n * n in index)
top = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:3]
print(len(counts), len(evens), hits, top)
