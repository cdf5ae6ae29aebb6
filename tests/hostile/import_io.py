import io
io.open("canary.txt")
