import math
print(sorted(vars(math)))
