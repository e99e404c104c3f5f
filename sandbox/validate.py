"""Static validator for submitted Python code: one wall of two (the isolated sandbox is the other).

Reads {"code": str, "allowedImports": [str]} as JSON on stdin and prints
{"ok": bool, "errors": [{"line", "col", "rule", "message"}]} (1-based line and column, sorted, at most 50).
It parses with CPython's own grammar (ast) and walks the whole tree; it never executes the code.
Standard library only: it runs as `python3 -I -S -B validate.py`.

It is an allow-list (validate_allow.py, validate_names.json). A name is refused unless it is listed:
- modules: only the listed module paths import; on a module object only the listed attributes are reachable, and a
  module is never a value (no `m = np`, `f(np)`), so every module access is visible in the source;
- builtins: the listed ones; getattr/setattr/delattr/hasattr only with a literal name, judged like `x.name`;
- attributes on values: the public surface of the value types a student uses (ndarray, Series, str, datetime ...),
  or a name the program defines itself (self.x = ..., a method, a column string) that no library class has;
- dunders: only the data-model methods a class defines, `super().__init__(...)`, `if __name__ == "__main__":`;
- string dispatch: pandas' agg/apply/transform/pivot_table... turn a string into an attribute lookup, so what they
  are given must be a function or a literal name, and they are only ever called directly;
- format strings: attribute fields ("{0.x}") are judged like attributes; .format only on a string literal.
"""

import ast
import builtins
import io
import json
import os
import re
import sys
import tokenize

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import validate_allow as A  # noqa: E402
from validate_scan import (LIBRARY_NAMES, OBJECT_ATTRS, DUNDER, IDENTIFIER, Program, ValueChecks,  # noqa: E402
                           contexts, is_str, is_super, module_attr)
MAX_ERRORS = 50
# Refused with "never allowed" even when a caller whitelists them (the allow-list has no entry for them anyway).
DENIED_MODULES = frozenset("""
    os posix nt sys subprocess socket ssl importlib imp zipimport pkgutil runpy site ctypes cffi pickle _pickle dill
    cloudpickle shelve marshal copyreg shutil pathlib tempfile io _io builtins multiprocessing threading _thread
    signal inspect gc code codeop pty fcntl mmap urllib http asyncio types operator codecs ast dis platform _string
    zipfile tarfile sqlite3 string typing dataclasses timeit pydoc traceback
""".split())
DENIED_NAMES = frozenset("eval exec compile __import__ open input globals locals vars breakpoint help memoryview "
                         "exit quit license credits copyright".split())
BUILTIN_NAMES = frozenset(dir(builtins))
READABLE_DUNDERS = frozenset(("__name__", "__qualname__", "__doc__"))  # strings: type(x).__name__ is everyday code


class Validator(ValueChecks, ast.NodeVisitor):
    def __init__(self, source_lines, allowed_imports, program):
        self.lines = source_lines
        self.allowed = set(allowed_imports)
        self.p = program
        self.errors = []
        self.handled = set()  # ids of nodes already judged by a parent, so they are not reported twice
        self.classes = []     # enclosing class names, for private-name mangling

    def report(self, node, rule, message):
        line = getattr(node, "lineno", 1) or 1
        col = getattr(node, "col_offset", 0) or 0
        if isinstance(node, ast.Attribute) and node.end_lineno:
            # Point at the attribute's name, not at the start of `a.b.c.d` (where every link of a chain starts).
            line, col = node.end_lineno, max(node.end_col_offset - len(node.attr.encode("utf-8")), 0)
        # ast columns are UTF-8 byte offsets; report 1-based characters so the editor points at the right place.
        text = self.lines[line - 1] if 0 < line <= len(self.lines) else ""
        col = len(text.encode("utf-8")[:col].decode("utf-8", "replace")) + 1
        self.errors.append({"line": line, "col": col, "rule": rule, "message": message})

    # -- the attribute rule ------------------------------------------------------------------------------------

    def attr_problem(self, name, strict=True):
        """Why `value.name` is refused, as (rule, message), or None. strict=False: a format field of a string no
        .format is seen on, where only library internals and dunders are refused (prose has dots and braces)."""
        if DUNDER.match(name):
            return None if name in READABLE_DUNDERS else ("attribute.dunder", f"dunder attribute '{name}' is not allowed")
        if name in OBJECT_ATTRS:
            return None
        why = A.OBJECT_EXCLUDE.get(name)
        if why:
            return "attribute.not_allowed", f"attribute '{name}' is not allowed: {why}"
        mangled = f"_{self.classes[-1].lstrip('_')}{name}" if self.classes and name.startswith("__") else name
        if name in LIBRARY_NAMES or mangled in LIBRARY_NAMES:
            own = " Your program defines it too, but the validator cannot tell your object from a library one: " \
                  "rename it." if name in self.p.attrs else ""
            return "attribute.not_allowed", (f"attribute '{name}' is not on the allow-list: it names an internal "
                                             f"of numpy, pandas or the standard library.{own}")
        if not strict or name in self.p.attrs or (name in self.p.strings and not name.startswith("_")):
            return None
        return "attribute.not_allowed", (f"attribute '{name}' is not on the allow-list and the program does not "
                                         f"define it (for a DataFrame column write df['{name}'])")

    def module_of(self, node):
        """The module path `node` evaluates to (np, np.random, pd.api.types), or None for any other value."""
        if isinstance(node, ast.Name) and node.id in self.p.modules and len(self.p.modules[node.id]) == 1:
            return next(iter(self.p.modules[node.id]))
        if isinstance(node, ast.Attribute):
            base = self.module_of(node.value)
            if base and module_attr(base, node.attr) == "module":
                return f"{base}.{node.attr}"
        return None

    # -- imports -----------------------------------------------------------------------------------------------

    def check_module_path(self, node, dotted):
        top = dotted.split(".")[0]
        if top in DENIED_MODULES:
            self.report(node, "import.denied_module", f"module '{dotted}' is never allowed")
            return False
        if top not in self.allowed:
            allowed = ", ".join(sorted(self.allowed)) or "none"
            self.report(node, "import.not_allowed", f"import of '{dotted}' is not allowed (allowed: {allowed})")
            return False
        if top not in A.MODULES:
            self.report(node, "import.not_allowed", f"module '{top}' is whitelisted but the validator has no "
                                                    "allow-list for it, so it cannot be checked")
            return False
        parts = dotted.split(".")
        for i in range(1, len(parts)):
            if module_attr(".".join(parts[:i]), parts[i]) != "module":
                self.report(node, "import.denied_module", f"module '{dotted}' is not on the allow-list")
                return False
        return True

    def visit_Import(self, node):
        for alias in node.names:
            self.check_module_path(node, alias.name)
            self.check_binding(node, alias.asname or alias.name.split(".")[0], imported=True)

    def visit_ImportFrom(self, node):
        if node.level:
            self.report(node, "import.not_allowed", "relative imports are not allowed")
            return
        if not self.check_module_path(node, node.module):
            return
        for alias in node.names:
            if alias.name == "*":
                self.report(node, "import.not_allowed", f"'from {node.module} import *' is not allowed")
            elif not module_attr(node.module, alias.name):
                self.report(node, "import.denied_module", f"'{alias.name}' from '{node.module}' is not on the "
                                                          "allow-list")
            self.check_binding(node, alias.asname or alias.name, imported=True)

    def check_binding(self, node, name, imported=False):
        if DUNDER.match(name):
            self.report(node, "attribute.dunder", f"dunder name '{name}' is not allowed")
        elif imported and name in self.p.modules and name in self.p.imported:
            self.report(node, "module.value", f"'{name}' is imported both as a module and as a value")
        elif name in self.p.modules and (not imported or len(self.p.modules[name]) > 1
                                         or self.p.bound.get(name, set()) - {"import"}):
            self.report(node, "module.value", f"'{name}' names a module; it cannot be bound to anything else")

    # -- names -------------------------------------------------------------------------------------------------

    def visit_Name(self, node):
        if id(node) in self.handled:
            return
        name = node.id
        if not isinstance(node.ctx, ast.Load) and not DUNDER.match(name):
            self.check_binding(node, name)
        if name in DENIED_NAMES:
            self.report(node, "call.denied", f"'{name}' is not allowed")
        elif name in A.ATTR_FUNCS:
            self.report(node, "call.denied", f"'{name}' may only be called directly with a literal attribute name")
        elif name == "type":
            self.report(node, "call.denied", "'type' may only be called directly with one argument")
        elif DUNDER.match(name):
            if not (self.classes and name in A.DUNDER_METHODS):  # `__rmul__ = __mul__` in a class body
                self.report(node, "attribute.dunder", f"dunder name '{name}' is not allowed")
        elif isinstance(node.ctx, ast.Load) and name in self.p.modules and id(node) not in self.receivers:
            self.report(node, "module.value", f"module '{name}' may only be used as {name}.<name>")
        elif name in BUILTIN_NAMES and name not in A.BUILTINS and name not in self.p.bound:
            self.report(node, "call.denied", f"builtin '{name}' is not on the allow-list")
        elif isinstance(node.ctx, ast.Load) and self.p.imported.get(name, (None, None))[1] in A.DISPATCH:
            self.report(node, "call.dispatch", f"'{name}' looks names up from strings; call it directly")
        elif self.p.imported.get(name) in A.REFERENCE_ONLY and not self.reference_context(node):
            self.report(node, "call.denied", f"'{name}' may only be used in isinstance(), comparisons and "
                                             "annotations; make arrays with np.array or np.zeros")

    def visit_arg(self, node):
        self.check_binding(node, node.arg)
        self.generic_visit(node)

    def visit_ExceptHandler(self, node):
        if node.name:
            self.check_binding(node, node.name)
        self.generic_visit(node)

    def visit_FunctionDef(self, node):
        if not DUNDER.match(node.name):
            self.check_binding(node, node.name)
        elif not (self.classes and node.name in A.DUNDER_METHODS):
            self.report(node, "attribute.dunder", f"method '{node.name}' is not one a class may define here")
        self.generic_visit(node)

    visit_AsyncFunctionDef = visit_FunctionDef

    def visit_ClassDef(self, node):
        self.check_binding(node, node.name)
        for d in node.decorator_list + node.bases + node.keywords:
            self.visit(d)
        self.classes.append(node.name)
        for stmt in node.body:
            self.visit(stmt)
        self.classes.pop()

    def visit_If(self, node):
        # `if __name__ == "__main__":` is the one place where a dunder name is allowed; it only reads a string.
        t = node.test
        if (isinstance(t, ast.Compare) and isinstance(t.left, ast.Name) and t.left.id == "__name__"
                and len(t.ops) == 1 and isinstance(t.ops[0], ast.Eq)
                and isinstance(t.comparators[0], ast.Constant) and t.comparators[0].value == "__main__"):
            self.handled.update((id(t.left), id(t.comparators[0])))
        self.generic_visit(node)

    def visit_Global(self, node):
        for name in node.names:
            self.check_binding(node, name)

    visit_Nonlocal = visit_Global

    def visit_MatchAs(self, node):
        if node.name:
            self.check_binding(node, node.name)
        self.generic_visit(node)

    visit_MatchStar = visit_MatchAs

    def visit_MatchMapping(self, node):
        if node.rest:
            self.check_binding(node, node.rest)
        self.generic_visit(node)

    def visit_MatchClass(self, node):
        # `case object(__class__=c):` reads attributes by name, like getattr.
        for name in node.kwd_attrs:
            problem = self.attr_problem(name)
            if problem:
                self.report(node, *problem)
        self.generic_visit(node)

    # -- attributes --------------------------------------------------------------------------------------------

    def visit_Attribute(self, node):
        if id(node) not in self.handled:
            self.check_attribute(node)
        self.generic_visit(node)

    def visit_AugAssign(self, node):
        # `x.attr += y` reads x.attr first (and hands it to y.__radd__): judged as a read too.
        t = node.target
        if isinstance(t, ast.Attribute) and not self.module_of(t.value):
            problem = self.attr_problem(t.attr)
            if problem:
                self.report(t, *problem)
        self.generic_visit(node)

    def check_attribute(self, node):
        base = self.module_of(node.value)
        if base:
            self.handled.add(id(node.value))
            kind = module_attr(base, node.attr)
            if kind is None:
                self.report(node, "attribute.not_allowed", f"'{base}.{node.attr}' is not on the allow-list")
            elif not isinstance(node.ctx, ast.Load):
                self.report(node, "module.value", f"attributes of module '{base}' cannot be assigned")
            elif kind == "module" and id(node) not in self.receivers:
                self.report(node, "module.value", f"module '{base}.{node.attr}' may only be used as "
                                                  f"{base}.{node.attr}.<name>")
            elif node.attr in A.DISPATCH and id(node) not in self.callees:
                self.report(node, "call.dispatch", f"'{node.attr}' looks names up from strings; call it directly")
            elif (base, node.attr) in A.REFERENCE_ONLY and not self.reference_context(node):
                self.report(node, "call.denied", f"'{base}.{node.attr}' may only be used in isinstance(), "
                                                 "comparisons and annotations; make arrays with np.array or np.zeros")
            return
        if node.attr in ("format", "format_map") and isinstance(node.ctx, ast.Load):
            if not is_str(node.value):
                # A literal format string is checked field by field; a computed one ("{0._" + "_class__}") cannot be.
                self.report(node, "format.field", f"'.{node.attr}' is only allowed as a call on a string literal "
                                                  "(use an f-string)")
            else:
                self.check_format_string(node.value, node.value.value, strict=True)
                self.handled.add(id(node.value))
            return
        if not isinstance(node.ctx, ast.Load):  # x.name = ...: defines a name of the program's own
            if DUNDER.match(node.attr):
                self.report(node, "attribute.dunder", f"dunder attribute '{node.attr}' is not allowed")
            return
        if node.attr in A.DUNDER_METHODS and is_super(node.value) and id(node) in self.callees:
            return  # super().__init__(...): the dunder calls a class needs
        link = node.value
        while isinstance(link, ast.Attribute):
            base = self.module_of(link.value)
            if base and module_attr(base, link.attr) is None:
                return  # np.lib.npyio: the refused np.lib is reported, not each link after it
            link = link.value
        problem = self.attr_problem(node.attr)
        if problem:
            self.report(node, *problem)
        elif node.attr in A.DISPATCH and id(node) not in self.callees:
            self.report(node, "call.dispatch", f"'{node.attr}' looks names up from strings; call it directly")

    # -- calls -------------------------------------------------------------------------------------------------

    def visit_Call(self, node):
        func = node.func
        if isinstance(func, ast.Name) and func.id in A.ATTR_FUNCS:
            self.handled.add(id(func))
            self.check_attr_func(node, func.id)
        elif isinstance(func, ast.Name) and func.id == "type":
            self.handled.add(id(func))
            # type(x) is x.__class__ by another name; the 3-argument form builds a class from a dict of any names.
            if len(node.args) != 1 or node.keywords or isinstance(node.args[0], ast.Starred):
                self.report(node, "call.denied", "only the one-argument form type(x) is allowed")
            elif not self.reference_context(node) and id(node) not in self.shown:
                self.report(node, "call.denied", "type(x) may only be printed, compared, used in isinstance() or "
                                                 "as type(x).name")
        elif isinstance(func, ast.Call) and isinstance(func.func, ast.Name) and func.func.id == "type":
            self.report(node, "call.denied", "calling what type(x) returns is not allowed (type(type) is type)")
        name = func.attr if isinstance(func, ast.Attribute) else self.p.imported.get(getattr(func, "id", None),
                                                                                       (None, None))[1]
        if name in A.DISPATCH:
            if isinstance(func, ast.Name):
                self.handled.add(id(func))
            self.check_dispatch(node, name)
        for kw in node.keywords:
            if kw.arg and DUNDER.match(kw.arg):  # f(__class__=...): an attribute name in disguise for setattr-like APIs
                self.report(kw.value, "attribute.dunder", f"dunder keyword '{kw.arg}' is not allowed")
            elif kw.arg in ("aggfunc", "win_type") and name not in A.DISPATCH:
                self.check_dispatched(kw.value, True, A.WIN_TYPES if kw.arg == "win_type" else None)
            elif kw.arg in A.SAFE_KEYWORDS and not (isinstance(kw.value, ast.Constant)
                                                     and kw.value.value is A.SAFE_KEYWORDS[kw.arg]):
                self.report(kw.value, "call.denied", f"{kw.arg}= may only be {A.SAFE_KEYWORDS[kw.arg]!r}: "
                                                     "the other value turns a memory-safety check off")
            elif kw.arg is None and name in A.SAFE_KEYWORD_CALLS:
                self.report(kw.value, "call.denied", f"{name}(**mapping) could switch refcheck off; spell it out")
        self.generic_visit(node)

    def check_attr_func(self, node, fname):
        args = node.args
        if len(args) < 2 or node.keywords or any(isinstance(a, ast.Starred) for a in args):
            self.report(node, "call.denied", f"{fname}() needs an object and a literal attribute name")
            return
        name = args[1]
        if not is_str(name) or not IDENTIFIER.match(name.value):
            # getattr(x, "__cl" + "ass__"), getattr(x, chr(95) * 2 + ...): any computed name may encode a dunder.
            self.report(node, "call.denied", f"{fname}() needs a literal attribute name")
            return
        self.handled.add(id(name))
        problem = None if fname in ("setattr", "delattr") else self.attr_problem(name.value)
        if DUNDER.match(name.value) or problem:
            self.report(node, "call.denied", f"{fname}() with attribute '{name.value}' is not allowed"
                                             + (f": {problem[1]}" if problem else ""))

    def reference_context(self, node):
        return id(node) in self.references or id(node) in self.receivers

def error(line, col, rule, message):
    return {"line": line, "col": col, "rule": rule, "message": message}


def validate(code, allowed_imports):
    try:
        data = code.encode("utf-8")
    except UnicodeEncodeError as e:  # a lone surrogate from a JS string
        line = code.count("\n", 0, e.start) + 1
        return [error(line, 1, "syntax", "the code is not valid Unicode")]

    # The runner executes these UTF-8 bytes as a file, so Python honours a coding cookie there. With
    # `# coding: utf-7`, text that is a comment in UTF-8 (`#+AAo-import os`) becomes code: refuse any other encoding.
    try:
        encoding, _ = tokenize.detect_encoding(io.BytesIO(data).readline)
    except SyntaxError as e:
        return [error(e.lineno or 1, 1, "encoding.denied", e.msg)]
    if encoding not in ("utf-8", "utf-8-sig"):
        return [error(1, 1, "encoding.denied", f"source encoding '{encoding}' is not allowed; use UTF-8")]

    try:
        # The encoding is UTF-8 now, so the text parses exactly as the runner's bytes will (and a str gives
        # SyntaxError offsets in characters, where bytes give them in bytes for some errors and not others).
        tree = ast.parse(code, mode="exec")
    except SyntaxError as e:
        return [error(e.lineno or 1, e.offset or 1, "syntax", e.msg)]
    except ValueError as e:  # null bytes (3.11 raises ValueError, 3.12 SyntaxError)
        line = code.count("\n", 0, max(code.find("\0"), 0)) + 1
        return [error(line, 1, "syntax", str(e))]
    except (RecursionError, MemoryError):
        return [error(1, 1, "code.too_complex", "the code is nested too deeply to check")]

    lines = re.split(r"\r\n|\r|\n", code)
    try:
        program = Program()
        program.visit(tree)
        validator = Validator(lines, allowed_imports, program)
        # Which nodes are called and which are the receiver of an attribute: known before any node is judged.
        validator.callees = {id(n.func) for n in ast.walk(tree) if isinstance(n, ast.Call)}
        validator.receivers = {id(n.value) for n in ast.walk(tree) if isinstance(n, ast.Attribute)}
        validator.references, validator.shown = contexts(tree)
        validator.visit(tree)
    except RecursionError:
        return [error(1, 1, "code.too_complex", "the code is nested too deeply to check")]
    return sorted(validator.errors, key=lambda e: (e["line"], e["col"], e["rule"]))[:MAX_ERRORS]


def main():
    request = json.loads(sys.stdin.buffer.read().decode("utf-8"))  # whatever the locale says
    code = request["code"]
    allowed = request.get("allowedImports", [])
    if not isinstance(code, str) or not isinstance(allowed, list) or not all(isinstance(m, str) for m in allowed):
        raise TypeError("expected {code: str, allowedImports: [str]}")
    sys.setrecursionlimit(10_000)  # deep but legal expressions; anything deeper is refused as too complex
    errors = validate(code, allowed)
    json.dump({"ok": not errors, "errors": errors}, sys.stdout)  # ASCII-only (ensure_ascii)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
