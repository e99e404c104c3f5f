# expect: 2:call.denied -- type as a value
class Meta(type):
    pass
