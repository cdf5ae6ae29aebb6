import sys
class Log:
    def __init__(self):
        self.parts = []
    def write(self, s):
        self.parts.append(s)
        return len(s)
    def flush(self):
        self.parts.append("<flush>")
log = Log()
sys.stdout = log
print("a", 1, sep="-", end="!\n", flush=True)
print()
sys.stdout = sys.__stdout__
print(log.parts)
print("x", "y", file=log)
print(log.parts[-4:])
sys.stdout = None
print("lost")
sys.stdout = sys.__stdout__
print("back")
