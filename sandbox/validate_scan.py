"""The validator's helpers (validate.py): the first pass over the program, and the checks of values handed to
string-dispatching calls, of strings and of subscripts. Standard library only."""

import _string  # CPython's own parser of format-field names, the one str.format uses
import ast
import json
import os
import re
import string

import validate_allow as A

with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "validate_names.json"), encoding="utf-8") as _f:
    _NAMES = json.load(_f)
OBJECT_ATTRS = frozenset(_NAMES["object_attrs"])
LIBRARY_NAMES = frozenset(_NAMES["library_names"])
DUNDER = re.compile(r"^__\w+__$")
IDENTIFIER = re.compile(r"^[A-Za-z_]\w*$")
CALLABLE_BUILTINS = frozenset("abs all any bool dict float int len list max min round set sorted str sum tuple".split())


def module_attr(path, name):
    """'module' for a listed submodule, 'value' for a listed attribute, None when the module does not list it."""
    names = A.MODULES.get(path, ())
    return "module" if name + "/" in names else "value" if name in names else None


class Program(ast.NodeVisitor):
    """First pass: what the program binds and defines, which the checks need before they meet a use."""

    def __init__(self):
        self.modules = {}      # alias -> module path
        self.imported = {}     # name -> (module path, attribute) for `from m import x`
        self.bound = {}        # name -> set of binding kinds: def, lambda, class, import, other
        self.attrs = set()     # attribute names the program defines (stores, class bodies, setattr)
        self.methods = set()   # names defined by def in a class body
        self.stored = set()    # attribute names assigned anywhere
        self.strings = set()   # identifier-like words in string literals (column names, namedtuple fields)
        self.lambdas = set()   # ids of Name targets assigned a lambda

    def bind(self, name, kind):
        self.bound.setdefault(name, set()).add(kind)

    def visit_Import(self, node):
        for a in node.names:
            name = a.asname or a.name.split(".")[0]
            self.modules.setdefault(name, set()).add(a.name if a.asname else a.name.split(".")[0])
            self.bind(name, "import")

    def visit_ImportFrom(self, node):
        for a in node.names:
            name = a.asname or a.name
            path = f"{node.module}.{a.name}"
            if node.module and module_attr(node.module, a.name) == "module":
                self.modules.setdefault(name, set()).add(path)
            else:
                self.imported[name] = (node.module, a.name)
            self.bind(name, "import")

    def visit_FunctionDef(self, node):
        self.bind(node.name, "def")
        self.generic_visit(node)

    visit_AsyncFunctionDef = visit_FunctionDef

    def visit_ClassDef(self, node):
        self.bind(node.name, "class")
        for stmt in node.body:
            if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                self.attrs.add(stmt.name)
                if not isinstance(stmt, ast.ClassDef):
                    self.methods.add(stmt.name)
            for t in getattr(stmt, "targets", []) + [getattr(stmt, "target", None)]:
                for n in ast.walk(t) if t else ():
                    if isinstance(n, ast.Name):
                        self.attrs.add(n.id)
        self.generic_visit(node)

    def visit_Assign(self, node):
        if isinstance(node.value, ast.Lambda):
            self.lambdas.update(id(t) for t in node.targets if isinstance(t, ast.Name))
        self.generic_visit(node)

    def visit_Name(self, node):
        if not isinstance(node.ctx, ast.Load):
            self.bind(node.id, "lambda" if id(node) in self.lambdas else "other")

    def visit_arg(self, node):
        self.bind(node.arg, "other")

    def visit_Attribute(self, node):
        if not isinstance(node.ctx, ast.Load):
            self.attrs.add(node.attr)
            self.stored.add(node.attr)
        self.generic_visit(node)

    def visit_Call(self, node):
        f = node.func
        if isinstance(f, ast.Name) and f.id in ("setattr", "delattr") and len(node.args) > 1 and is_str(node.args[1]):
            self.attrs.add(node.args[1].value)
            self.stored.add(node.args[1].value)
        self.generic_visit(node)

    def visit_Constant(self, node):
        if isinstance(node.value, str) and len(node.value) < 200:
            self.strings.update(w for w in re.split(r"[\s,]+", node.value) if IDENTIFIER.match(w))


class ValueChecks:
    """Mixed into validate.Validator: what dispatching calls are given, subscripts, string constants."""

    def check_dispatch(self, node, name):
        positions, keywords, most = A.DISPATCH[name]
        containers = name in A.DISPATCH_CONTAINERS
        if len(node.args) > most or any(isinstance(a, ast.Starred) for a in node.args):
            self.report(node, "call.dispatch", f"{name}() takes at most {most} positional arguments here; "
                                               "pass the rest by keyword")
        for i in positions:
            if i < len(node.args):
                self.check_dispatched(node.args[i], containers)
        for kw in node.keywords:
            if kw.arg is None:
                self.report(kw.value, "call.dispatch", f"{name}(**mapping) hides what is looked up; spell it out")
            elif kw.arg in keywords:
                self.check_dispatched(kw.value, containers, A.WIN_TYPES if kw.arg == "win_type" else None)
            elif name in A.NAMED_AGG:  # agg(total=("qty", "sum")) or agg(total=pd.NamedAgg(...))
                v = kw.value
                if isinstance(v, ast.Tuple) and len(v.elts) == 2:
                    self.check_dispatched(v.elts[1], False)
                elif not (isinstance(v, ast.Call) and self.p.imported.get(getattr(v.func, "id", None), (0, 0))[1]
                          == "NamedAgg" or isinstance(v, ast.Call) and getattr(v.func, "attr", None) == "NamedAgg"
                          or isinstance(v, ast.Constant) and not isinstance(v.value, str)):
                    self.check_dispatched(v, False)

    def check_dispatched(self, v, containers, names=None):
        """A dispatched argument: a function, or a literal name that is allowed as an attribute (or in `names`)."""
        if containers and isinstance(v, (ast.List, ast.Tuple, ast.Set)):
            for e in v.elts:
                self.check_dispatched(e, containers, names)
        elif containers and isinstance(v, ast.Dict):
            for e in v.values:
                self.check_dispatched(e, containers, names)
        elif is_str(v):
            # never another dispatcher: df.agg("apply", name) would look `name` up unchecked
            problem = v.value not in names if names is not None else not (
                IDENTIFIER.match(v.value) and not v.value.startswith("_") and v.value not in A.DISPATCH
                and (v.value in OBJECT_ATTRS or module_attr("numpy", v.value)))
            self.handled.add(id(v))
            if problem:
                self.report(v, "call.dispatch", f"'{v.value}' is not a method name this call may look up")
        elif not self.function_like(v):
            self.report(v, "call.dispatch", "this argument is looked up by name when it is a string: pass a "
                                            "function (def, lambda, np.mean) or a literal name like 'mean'")

    def function_like(self, v):
        if isinstance(v, ast.Lambda) or isinstance(v, ast.Constant) and not isinstance(v.value, str):
            return True
        if isinstance(v, ast.Name):
            kinds = self.p.bound.get(v.id)
            if kinds is None:
                return v.id in CALLABLE_BUILTINS
            return kinds <= {"def", "lambda", "class"} or kinds == {"import"} and v.id in self.p.imported
        if isinstance(v, ast.Attribute):
            if self.module_of(v.value):
                return True
            return v.attr in self.p.methods and v.attr not in self.p.stored or (
                v.attr in OBJECT_ATTRS and self.module_of_value(v.value))
        if isinstance(v, ast.Call) and isinstance(v.func, ast.Attribute) and v.func.attr in ("partial", "vectorize"):
            return self.module_of(v.func.value) in ("functools", "numpy")
        return False

    def module_of_value(self, node):
        # pd.Series.mean, np.ndarray.sum: a method read from a class the module lists
        return isinstance(node, ast.Attribute) and self.module_of(node.value) is not None

    # -- subscripts and strings --------------------------------------------------------------------------------

    def visit_Subscript(self, node):
        # x['__class__'] on __dict__-like mappings, and '__cl' + 'ass__': any key starting with two underscores.
        for sub in ast.walk(node.slice):
            if is_str(sub) and sub.value.startswith("__") and id(sub) not in self.handled:
                self.handled.add(id(sub))
                self.report(sub, "string.dunder", f"subscript key {sub.value!r} looks like a dunder name")
        self.generic_visit(node)

    def visit_Constant(self, node):
        if not isinstance(node.value, str) or id(node) in self.handled:
            return
        if DUNDER.match(node.value):
            # Exactly a dunder identifier: '__class__' as a dict key, a getattr argument built elsewhere...
            self.report(node, "string.dunder", f"string {node.value!r} is a dunder name")
        elif "{" in node.value:
            self.check_format_string(node, node.value, strict=False)

    def check_format_string(self, node, s, strict, depth=0):
        # "{0.__class__}".format(x) reads attributes at run time, and so might a library that formats a user string.
        try:
            fields = list(string.Formatter().parse(s))
        except ValueError:
            return  # not a valid format string: str.format would raise too
        for _, field, spec, _ in fields:
            try:
                first, rest = _string.formatter_field_name_split(field or "")
                parts = [(True, first)] + list(rest)
            except ValueError:
                parts = []
            for i, (is_attr, key) in enumerate(parts):
                if not isinstance(key, str):
                    continue
                if i == 0:
                    bad = DUNDER.match(key) and f"'{key}'"
                elif is_attr:
                    problem = self.attr_problem(key, strict) if IDENTIFIER.match(key) or strict else None
                    bad = problem and f"'{key}': {problem[1]}"
                else:
                    bad = key.startswith("__") and f"'{key}'"
                if bad:
                    self.report(node, "format.field", f"format field '{{{field}}}' reaches {bad}")
                    return
            if spec and "{" in spec and depth < 2:  # nested fields: "{0:{1.__class__}}"
                self.check_format_string(node, spec, strict, depth + 1)


def contexts(tree):
    """Ids of nodes where a class is named without being called or stored: isinstance/issubclass classes,
    comparison operands, annotations; and (shown) what is printed, formatted or turned into a string."""
    refs, shown = set(), set()
    for n in ast.walk(tree):
        if isinstance(n, ast.Call) and isinstance(n.func, ast.Name) and n.func.id in ("isinstance", "issubclass"):
            for a in n.args[1:2]:
                refs.update(id(e) for e in (a.elts if isinstance(a, ast.Tuple) else [a]))
        elif isinstance(n, ast.Call) and isinstance(n.func, ast.Name) and n.func.id in ("print", "str", "repr"):
            shown.update(id(a) for a in n.args)
        elif isinstance(n, ast.Compare):
            refs.update(id(e) for e in [n.left, *n.comparators])
        elif isinstance(n, ast.FormattedValue):
            shown.add(id(n.value))
        for note in (getattr(n, "annotation", None), getattr(n, "returns", None)):
            stack = [note] if note is not None else []
            while stack:  # np.ndarray, list[np.ndarray], "x" | None; never into a call, which would run
                e = stack.pop()
                if isinstance(e, (ast.Name, ast.Attribute)):
                    refs.add(id(e))
                elif isinstance(e, (ast.Subscript, ast.Tuple, ast.List, ast.BinOp)):
                    stack.extend(ast.iter_child_nodes(e))
    return refs, shown


def is_str(node):
    return isinstance(node, ast.Constant) and isinstance(node.value, str)


def is_super(node):
    return (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "super"
            and not node.args and not node.keywords)
