__builtins__.open("canary.txt")
