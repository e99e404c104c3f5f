# expect: 3:attribute.not_allowed -- codecs through json
import json
json.codecs.lookup("rot13")
