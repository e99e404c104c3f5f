# expect: 3:attribute.dunder -- a method's globals
import random
random.Random.__init__.__globals__
