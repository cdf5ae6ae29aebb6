for text in ["1" * 4300, "1" * 4301, "1_" * 4300 + "1", "x" + "1" * 4301, "_1"]:
    try:
        print(len(str(int(text))))
    except ValueError as e:
        print(str(e)[:60])
try:
    str(10**5000)
except ValueError as e:
    print(e)
print(len(hex(10**5000)))
