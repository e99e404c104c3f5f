# expect: 7:call.dispatch -- self.how holds a string
import pandas as pd
class Stat:
    def __init__(self, how):
        self.how = how
    def run(self, s):
        return s.agg(self.how)
