import sys
print(hasattr(sys, "modules"))
