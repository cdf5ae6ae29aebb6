# Classes: instance creation, attribute access, method calls, inheritance.
class Vector:
    def __init__(self, x, y):
        self.x = x
        self.y = y

    def add(self, other):
        return Vector(self.x + other.x, self.y + other.y)

    def dot(self, other):
        return self.x * other.x + self.y * other.y


class Particle:
    def __init__(self, pos, vel):
        self.pos = pos
        self.vel = vel

    def step(self):
        self.pos = self.pos.add(self.vel)


class HeavyParticle(Particle):
    def step(self):
        super().step()
        self.vel = Vector(self.vel.x, self.vel.y - 1)


particles = [Particle(Vector(i, 0), Vector(1, 2)) for i in range(50)]
particles += [HeavyParticle(Vector(0, i), Vector(2, 0)) for i in range(50)]
for _ in range(3_000):
    for p in particles:
        p.step()
print(sum(p.pos.dot(p.vel) for p in particles))
