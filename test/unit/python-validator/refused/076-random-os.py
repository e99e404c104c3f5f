# expect: 3:attribute.not_allowed -- the os module inside random
import random
random._os.system("id")
