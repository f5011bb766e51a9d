# A function read through its class (Circle.area, a static or class method) travels to a pool by its qualified name.
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import Pool
import math


class Circle:
    def __init__(self, r):
        self.r = r

    def area(self):
        return round(math.pi * self.r ** 2, 2)

    @staticmethod
    def doubled(n):
        return n * 2

    @classmethod
    def area_of(cls, r):
        return cls(r).area()


if __name__ == '__main__':
    shapes = [Circle(1), Circle(2), Circle(3)]
    with Pool(2) as pool:
        print(pool.map(Circle.area, shapes))
        print(pool.map(Circle.doubled, [1, 2, 3]))
        print(pool.map(Circle.area_of, [1, 2]))
    with ProcessPoolExecutor(max_workers=2) as executor:
        print(list(executor.map(Circle.area, shapes)))
        print(executor.submit(shapes[1].area).result())
        print(executor.submit(Circle.doubled, 21).result())
