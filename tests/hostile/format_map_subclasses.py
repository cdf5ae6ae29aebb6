print("{x.__class__.__base__.__subclasses__}".format_map({"x": 1}))
