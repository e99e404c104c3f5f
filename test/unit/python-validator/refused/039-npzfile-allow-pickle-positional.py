# expect: 3:attribute.not_allowed -- NpzFile(path, own_fid, allow_pickle) (passed the old validator)
import numpy as np
z = np.lib.npyio.NpzFile("/tmp/x.npz", False, True)
