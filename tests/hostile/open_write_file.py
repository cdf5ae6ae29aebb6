with open("pwned.txt", "w") as f:
    f.write("pwned")
