import sys
print(sys._getframe().f_globals)
