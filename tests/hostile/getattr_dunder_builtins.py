f = getattr(__builtins__, "open")
print(f("canary.txt").read())
