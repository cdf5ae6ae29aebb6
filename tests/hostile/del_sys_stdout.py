import sys
del sys.stdout
try:
    print("x")
except RuntimeError as e:
    sys.stderr.write(f"{type(e).__name__}: {e}\n")
