# expect: 6:attribute.not_allowed -- defining gi_frame does not unlock it
class A:
    def __init__(self):
        self.gi_frame = 1
g = (i for i in [])
print(g.gi_frame)
