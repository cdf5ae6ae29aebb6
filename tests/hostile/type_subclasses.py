print(type.__subclasses__(type))
