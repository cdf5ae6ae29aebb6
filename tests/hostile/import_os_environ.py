from os import environ
print(environ["APY_HOSTILE_SECRET"])
