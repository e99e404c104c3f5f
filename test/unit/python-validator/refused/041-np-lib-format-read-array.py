# expect: 3:attribute.not_allowed -- read_array(fp, allow_pickle)
import numpy as np
with np.DataSource().open("/tmp/x.npy") as f:
    np.lib.format.read_array(f, True)
