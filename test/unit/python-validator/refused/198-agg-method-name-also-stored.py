# expect: 7:call.dispatch -- a method name that is also assigned a string
class S:
    def how(self):
        pass
    def run(self, s):
        self.how = "qu" + "ery"
        return s.agg(self.how)
