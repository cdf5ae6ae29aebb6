# A syntax error anywhere stops the program before it prints anything.
print("never printed")
if True
    print("no colon")
