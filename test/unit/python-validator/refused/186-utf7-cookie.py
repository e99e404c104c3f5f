# -*- coding: utf-7 -*-
x = 1 #+AAo-import os
# expect: 1:encoding.denied -- a utf-7 coding cookie hides an import in a comment
