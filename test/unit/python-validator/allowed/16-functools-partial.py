from functools import partial
import numpy as np


def scaled_return(prices, scale, offset=0.0):
    return (prices[-1] / prices[0] - 1) * scale + offset

annual = partial(scaled_return, scale=252 / 20)
windows = [np.linspace(100, 100 + k, 20) for k in range(1, 4)]
print([round(annual(w), 3) for w in windows])
clip_unit = partial(np.clip, a_min=-1, a_max=1)
print(clip_unit(np.array([-3.0, 0.2, 7.0])))
