# expect: 6:attribute.not_allowed -- __exit__ receives a traceback
class C:
    def __enter__(self):
        return self
    def __exit__(self, t, v, tb):
        print(tb.tb_frame)
