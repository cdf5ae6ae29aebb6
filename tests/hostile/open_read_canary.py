print(open("canary.txt").read())
