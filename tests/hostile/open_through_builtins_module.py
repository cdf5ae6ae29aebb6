import builtins
builtins.open("canary.txt")
