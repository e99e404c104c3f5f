# expect: 2:string.dunder -- a dunder string
name = "__subclasses__"
