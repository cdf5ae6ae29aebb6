# A 10-million-iteration integer loop (arithmetic, comparison, augmented assignment).
total = 0
i = 0
while i < 10_000_000:
    total += i % 7
    i += 1
print(total)
