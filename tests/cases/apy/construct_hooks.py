# Calling a class goes through its class-level checks even when it has a
# plain Python __init__: an abstract base refuses, an Enum looks up a member.
from abc import ABC, abstractmethod
from enum import Enum


class Shape(ABC):
    def __init__(self, name):
        self.name = name

    @abstractmethod
    def area(self): ...


class Square(Shape):
    def __init__(self, side):
        super().__init__("square")
        self.side = side

    def area(self):
        return self.side ** 2


try:
    Shape("blob")
except TypeError as e:
    print(e)
print(Square(3).area())


class Planet(Enum):
    MERCURY = (3.303e+23, 2.4397e6)
    EARTH = (5.976e+24, 6.37814e6)

    def __init__(self, mass, radius):
        self.mass = mass
        self.radius = radius


print(Planet((5.976e+24, 6.37814e6)), Planet.EARTH.radius)
try:
    Planet(1)
except ValueError as e:
    print(e)
