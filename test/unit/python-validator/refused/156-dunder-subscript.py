# expect: 3:string.dunder -- a computed dunder subscript key
m = {}
m["__cl" + "ass__"]
