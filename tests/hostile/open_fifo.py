print("opening")
open("canary.fifo").read()
