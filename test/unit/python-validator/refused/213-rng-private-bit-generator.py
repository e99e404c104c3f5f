# expect: 3:attribute.not_allowed -- the generator's private bit generator
import numpy as np
print(np.random.default_rng(1)._bit_generator)
