# expect: 2:call.denied -- eval in full-width letters (NFKC)
ｅｖａｌ("1")
