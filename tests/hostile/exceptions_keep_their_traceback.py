def inner():
    raise ValueError("deep")
try:
    inner()
except ValueError as e:
    saved = e
raise RuntimeError("again").with_traceback(saved.__traceback__)
