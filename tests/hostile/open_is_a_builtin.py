print(open, callable(open))
