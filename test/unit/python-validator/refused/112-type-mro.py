# expect: 2:attribute.not_allowed -- the type graph
print(int.mro())
