# A generator still suspended when the program ends is closed at shutdown,
# so its finally block runs after the last line of the program.


def ticker():
    try:
        n = 0
        while True:
            yield n
            n += 1
    finally:
        print("ticker closed")


t = ticker()
print(next(t), next(t))
print("end of program")
