__import__("os").remove("canary.txt")
