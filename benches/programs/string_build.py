# String building: f-strings, concatenation, join, split, str methods.
parts = []
for i in range(200_000):
    parts.append(f"{i}:{i * 3 % 11}")
text = ",".join(parts)
fields = text.split(",")
s = ""
for f in fields[:50_000]:
    s += f.upper()[:3]
print(len(text), len(fields), len(s), text[-20:])
