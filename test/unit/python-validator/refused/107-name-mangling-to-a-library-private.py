# expect: 4:attribute.not_allowed -- self.__x inside class C reads _C__x
class _SixMetaPathImporter:
    def reach(self, other):
        return other.__get_module
