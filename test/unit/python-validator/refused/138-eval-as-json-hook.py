# expect: 3:call.denied -- eval handed to a library
import json
json.loads("[1]", object_hook=eval)
