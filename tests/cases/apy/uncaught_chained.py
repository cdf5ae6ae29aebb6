# An uncaught exception raised while handling another: both are reported,
# with CPython's chaining note, and the exit status is 1.


def parse(text):
    try:
        return int(text)
    except ValueError:
        raise KeyError(text)


print("before")
parse("twelve")
print("never printed")
