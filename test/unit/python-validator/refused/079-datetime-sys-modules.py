# expect: 3:attribute.not_allowed -- datetime's sys
import datetime
datetime.sys.modules["os"].system("id")
