# expect: 3:attribute.dunder -- a match class pattern reads attributes by name
match 1:
    case object(__class__=c):
        pass
