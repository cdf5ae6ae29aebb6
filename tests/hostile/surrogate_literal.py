s = "\ud800"
print(len(s))
