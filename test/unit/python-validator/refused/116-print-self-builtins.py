# expect: 2:attribute.dunder -- a builtin's __self__ is the builtins module
b = print.__self__
