# asyncio.set_event_loop accepts an event loop or None, and raises
# CPython's TypeError for anything else.
import asyncio

for v in (5, "x", object(), asyncio.Event()):
    try:
        asyncio.set_event_loop(v)
    except TypeError as e:
        print(e)

loop = asyncio.new_event_loop()
asyncio.set_event_loop(loop)
print(asyncio.get_event_loop() is loop)
asyncio.set_event_loop(None)
try:
    asyncio.get_event_loop()
except RuntimeError as e:
    print("RuntimeError", e)
loop.close()
