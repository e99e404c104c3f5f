# expect: 3:call.dispatch -- from pandas import pivot_table, then passed around
from pandas import pivot_table
f = pivot_table
