import os
os.remove("canary.txt")
