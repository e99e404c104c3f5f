# expect: 3:attribute.not_allowed -- copyreg through re
import re
re.copyreg.dispatch_table
