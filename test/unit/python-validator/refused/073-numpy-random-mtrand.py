# expect: 3:attribute.not_allowed -- an unlisted submodule
import numpy as np
np.random.mtrand._rand
