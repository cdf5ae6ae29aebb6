# SystemExit sets the exit status and prints no traceback.
import sys

try:
    sys.exit("not yet")
except SystemExit as e:
    print("caught SystemExit with", repr(e.code))

print("exiting with 3")
raise SystemExit(3)
