# expect: 3:attribute.not_allowed -- functools.reduce(getattr, names, obj) walks any attribute chain
import functools
functools.reduce(getattr, ["real"], 1)
