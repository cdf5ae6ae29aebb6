try:
    import no_such_module_anywhere
except ImportError as e:
    print(type(e).__name__, e)
