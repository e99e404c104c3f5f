# expect: 3:attribute.not_allowed -- frames through generators
g = (i for i in [1])
print(g.gi_frame.f_globals)
