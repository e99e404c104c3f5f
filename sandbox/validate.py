"""Static validator for submitted Python code: one wall of two (the isolated sandbox is the other).

Reads {"code": str, "allowedImports": [str]} as JSON on stdin and prints
{"ok": bool, "errors": [{"line", "col", "rule", "message"}]} (1-based line and column, sorted, at most 50).
It parses with CPython's own grammar (ast) and walks the whole tree; it never executes the code.
Standard library only: it runs as `python3 -I -S -B validate.py`.

The approach is a deny-list over names, because the allowed modules (numpy, pandas) are far too large to
allow-list attribute by attribute. The known escape routes all go through one of: a dangerous builtin, a dunder
attribute (type graph: __class__, __subclasses__, __globals__, __builtins__ ...), a frame/code attribute
(gi_frame, f_globals, co_code ...), a module object re-exported by an allowed module (random._os, np.lib.npyio.pickle
...), or a dynamic attribute name (getattr with a computed string, "{0.__class__}".format). Each has a rule below.
"""

import _string  # CPython's own parser of format-field names, the one str.format uses
import ast
import io
import json
import re
import string
import sys
import tokenize

MAX_ERRORS = 50

# Never importable, even when someone puts them on the whitelist: process, file system, network, interpreter
# internals, code loading and (de)serialisation of code.
DENIED_MODULES = frozenset("""
    os posix nt posixpath ntpath sys subprocess _posixsubprocess socket _socket ssl select selectors socketserver
    importlib imp zipimport pkgutil runpy site sysconfig ctypes _ctypes cffi pickle _pickle cPickle dill cloudpickle
    shelve marshal copyreg shutil pathlib glob tempfile fileinput io _io builtins __builtin__ multiprocessing
    concurrent threading _thread thread signal resource inspect gc code codeop pty tty termios fcntl mmap urllib
    urllib2 urllib3 http ftplib smtplib poplib imaplib telnetlib xmlrpc webbrowser requests httpx aiohttp asyncio
    types operator faulthandler tracemalloc trace traceback pdb bdb dis platform _string zipfile tarfile sqlite3
    dbm winreg msvcrt _winapi
""".split())

# Modules that allowed modules hold as attributes (random._os, numpy.lib.npyio.pickle, pandas.io.common.zipfile,
# enum's `bltns` for builtins...): an attribute with one of these names, with or without leading underscores, is
# refused. `computation`/`expressions` are pandas' string evaluators (numexpr, `@name.attr` lookups); `io` holds the
# open builtin (`io.open`), at the price of refusing `pd.io` (pd.read_csv and pd.json_normalize remain).
MODULE_ATTRS = frozenset("""
    os posix nt sys subprocess posixsubprocess socket importlib imp ctypes ctypeslib pickle cPickle marshal
    builtins multiprocessing threading thread runpy pty fcntl mmap inspect gc shutil
    asyncio codeop copyreg f2py distutils bltns pathlib platform sysconfig tarfile zipfile tempfile traceback
    typing timeit dataclasses logging unittest doctest pydoc computation expressions numexpr io
    jinja2 matplotlib plotting numba numba_
""".split())

# Attribute names refused, compared with and without leading underscores (`_ufunc_reconstruct` is refused as
# `ufunc_reconstruct`). Line by line: frames and code objects (reachable without dunders from generators, coroutines
# and tracebacks); process control and dynamic attribute access; numpy/pandas: eval/query evaluate a string with
# `@name.attr` access, load/read_array/read_hdf can unpickle (np.load takes allow_pickle positionally), as_strided
# reads and writes arbitrary memory; builtins that modules re-export under another name (numpy.lib._datasource._open,
# timeit._globals reached through pandas); helpers in numpy, pandas and the stdlib modules they load that import a
# module named by a string (np.core._ufunc_reconstruct('os', 'system'), np.lib.utils._makenamedict('os')), run a
# command (uuid._get_command_stdout, reached as pd._testing.contexts.uuid) or evaluate a string (typing.ForwardRef,
# get_type_hints, dataclasses._create_fn, jinja2 behind `df.style`: df.style.env.from_string("{{ x.__init__... }}")
# renders an unsandboxed template). Most were found by walking everything reachable by attribute from the default
# whitelist; test/unit/sandbox-validator.test.ts repeats the walk, so a numpy or pandas with new routes fails it. The
# walk does not follow what calls and properties return (df.style): those were added by hand. Any name containing "pickle" is refused too (read_pickle, pickle_compat...). `open` itself is not on the list:
# `bar.open` is the opening price in every OHLC table; the open builtin is refused as a name instead.
DENIED_ATTRS = frozenset("""
    gi_frame gi_code gi_yieldfrom ag_frame ag_code ag_await cr_frame cr_code cr_await cr_origin
    f_globals f_locals f_builtins f_back f_code f_trace tb_frame tb_next tb_lasti
    co_code co_consts co_names co_varnames func_globals func_code func_closure func_defaults
    im_func im_self im_class cell_contents mro _getframe getframe settrace setprofile
    system popen Popen spawnv spawnl execv execve execl execvp fork forkpty import_module rmtree
    CodeType FunctionType LambdaType FrameType attrgetter methodcaller Formatter vformat get_field
    eval query runstring exec_command load read_array read_hdf as_strided
    exec globals locals vars getattr setattr delattr _open _builtin_open open_code breakpoint
    ufunc_reconstruct makenamedict lookfor lookfor_generate_cache add_newdoc import_optional_dependency
    load_backend get_command_stdout getcategory search_function create_fn ForwardRef get_type_hints
    eval_type _evaluate style plot from_string from_custom_template
""".split())

# Builtins refused wherever they are named (called or merely referenced, e.g. `f = eval`).
DENIED_NAMES = frozenset("""
    eval exec compile __import__ open input globals locals vars breakpoint help memoryview exit quit
    license credits copyright
""".split())

# Builtins taking an attribute name: allowed only with a plain, non-dunder string literal.
ATTR_FUNCS = frozenset({"getattr", "setattr", "delattr", "hasattr"})

DUNDER = re.compile(r"^__\w+__$")
IDENTIFIER = re.compile(r"^[A-Za-z_]\w*$")


def attr_problem(name):
    """Why an attribute name is refused, as (rule, reason), or None when it is fine."""
    if DUNDER.match(name):
        return "attribute.dunder", f"dunder attribute '{name}' is not allowed"
    bare = name.lstrip("_")
    if name in DENIED_ATTRS or bare in DENIED_ATTRS:
        return "attribute.denied", f"attribute '{name}' is not allowed (frame, code or code-running access)"
    if bare in MODULE_ATTRS or name in MODULE_ATTRS or "pickle" in name.lower():
        return "attribute.denied", f"attribute '{name}' is not allowed (reaches a denied module)"
    return None


class Validator(ast.NodeVisitor):
    def __init__(self, source_lines, allowed_imports):
        self.lines = source_lines
        self.allowed = set(allowed_imports)
        self.errors = []
        self.handled = set()  # ids of nodes already judged by a parent, so they are not reported twice

    # -- reporting ---------------------------------------------------------------------------------------------

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

    def check_attr_name(self, node, name):
        problem = attr_problem(name)
        if problem:
            self.report(node, *problem)

    # -- imports -----------------------------------------------------------------------------------------------

    def check_module_path(self, node, dotted):
        top, *rest = dotted.split(".")
        if top in DENIED_MODULES:
            self.report(node, "import.denied_module", f"module '{dotted}' is never allowed")
            return False
        for part in rest:  # numpy.ctypeslib, numpy.f2py, pandas.io.pickle...
            if attr_problem(part):
                self.report(node, "import.denied_module", f"module '{dotted}' is never allowed")
                return False
        if top not in self.allowed:
            allowed = ", ".join(sorted(self.allowed)) or "none"
            self.report(node, "import.not_allowed", f"import of '{dotted}' is not allowed (allowed: {allowed})")
            return False
        return True

    def check_alias_name(self, node, asname):
        if asname and DUNDER.match(asname):
            self.report(node, "attribute.dunder", f"dunder name '{asname}' is not allowed")

    def visit_Import(self, node):
        for alias in node.names:
            self.check_module_path(node, alias.name)
            self.check_alias_name(node, alias.asname)

    def visit_ImportFrom(self, node):
        if node.level:
            self.report(node, "import.not_allowed", "relative imports are not allowed")
            return
        if not self.check_module_path(node, node.module):
            return
        for alias in node.names:
            if alias.name == "*":
                self.report(node, "import.not_allowed", f"'from {node.module} import *' is not allowed")
            elif attr_problem(alias.name):
                # `from random import _os` is the same as `random._os`
                self.report(node, "import.denied_module", f"'{alias.name}' from '{node.module}' is never allowed")
            self.check_alias_name(node, alias.asname)

    # -- names and attributes ----------------------------------------------------------------------------------

    def visit_Name(self, node):
        if id(node) in self.handled:
            return
        name = node.id
        if name in DENIED_NAMES:
            self.report(node, "call.denied", f"'{name}' is not allowed")
        elif name in ATTR_FUNCS:
            self.report(node, "call.denied", f"'{name}' may only be called directly with a literal attribute name")
        elif name == "type":
            self.report(node, "call.denied", "'type' may only be called directly with one argument")
        elif DUNDER.match(name):
            self.report(node, "attribute.dunder", f"dunder name '{name}' is not allowed")

    def visit_Attribute(self, node):
        if id(node) not in self.handled:
            if node.attr in ("format", "format_map") and not is_str_literal(node.value):
                # A literal format string is checked field by field; a computed one ("{0._" + "_class__}") cannot be.
                self.report(node, "format.dunder", f"'.{node.attr}' is only allowed on a string literal")
            else:
                self.check_attr_name(node, node.attr)
        self.generic_visit(node)

    def visit_Call(self, node):
        func = node.func
        if isinstance(func, ast.Name) and func.id in ATTR_FUNCS:
            self.handled.add(id(func))
            self.check_attr_func(node, func.id)
        elif isinstance(func, ast.Name) and func.id == "type":
            self.handled.add(id(func))
            # type(x) is x.__class__ by another name (still harmless: its dunders are refused); the 3-argument form
            # builds classes from a dict, a way to smuggle dunder methods past the checks.
            if len(node.args) != 1 or node.keywords or isinstance(node.args[0], ast.Starred):
                self.report(node, "call.denied", "only the one-argument form type(x) is allowed")
        elif is_super_init(func):
            self.handled.add(id(func))  # super().__init__(...): the one dunder call a class needs
        for kw in node.keywords:
            if kw.arg and DUNDER.match(kw.arg):  # f(__class__=...): an attribute name in disguise for setattr-like APIs
                self.report(kw.value, "attribute.dunder", f"dunder keyword '{kw.arg}' is not allowed")
            # numpy.load(..., allow_pickle=True) and friends unpickle, i.e. run code from a file.
            if kw.arg == "allow_pickle" and not (isinstance(kw.value, ast.Constant) and kw.value.value is False):
                self.report(kw.value, "call.denied", "allow_pickle is not allowed (unpickling runs code)")
        self.generic_visit(node)

    def check_attr_func(self, node, fname):
        args = node.args
        if len(args) < 2 or node.keywords or any(isinstance(a, ast.Starred) for a in args):
            self.report(node, "call.denied", f"{fname}() needs an object and a literal attribute name")
            return
        name = args[1]
        if not is_str_literal(name):
            # getattr(x, "__cl" + "ass__"), getattr(x, chr(95) * 2 + ...): any computed name may encode a dunder.
            self.report(node, "call.denied", f"{fname}() with a computed attribute name is not allowed")
            return
        self.handled.add(id(name))
        problem = attr_problem(name.value)
        if problem or not IDENTIFIER.match(name.value):
            self.report(node, "call.denied", f"{fname}() with attribute '{name.value}' is not allowed")

    def visit_If(self, node):
        # `if __name__ == "__main__":` is the one place where a dunder name is allowed; it only reads a string.
        t = node.test
        if (isinstance(t, ast.Compare) and isinstance(t.left, ast.Name) and t.left.id == "__name__"
                and len(t.ops) == 1 and isinstance(t.ops[0], ast.Eq)
                and isinstance(t.comparators[0], ast.Constant) and t.comparators[0].value == "__main__"):
            self.handled.update((id(t.left), id(t.comparators[0])))
        self.generic_visit(node)

    def visit_MatchClass(self, node):
        # `case object(__class__=c):` reads attributes by name, like getattr.
        for name in node.kwd_attrs:
            self.check_attr_name(node, name)
        self.generic_visit(node)

    def visit_Subscript(self, node):
        # x['__class__'] on __dict__-like mappings, and '__cl' + 'ass__': any key starting with two underscores.
        for sub in ast.walk(node.slice):
            if is_str_literal(sub) and sub.value.startswith("__") and id(sub) not in self.handled:
                self.handled.add(id(sub))
                self.report(sub, "string.dunder", f"subscript key {sub.value!r} looks like a dunder name")
        self.generic_visit(node)

    # -- string constants --------------------------------------------------------------------------------------

    def visit_Constant(self, node):
        if not isinstance(node.value, str) or id(node) in self.handled:
            return
        s = node.value
        if DUNDER.match(s):
            # Exactly a dunder identifier: '__class__' as a dict key, a getattr argument built elsewhere...
            # Prose that merely mentions one ("call __init__ first") is not refused.
            self.report(node, "string.dunder", f"string {s!r} is a dunder name")
        elif "{" in s:
            self.check_format_string(node, s)

    def check_format_string(self, node, s, depth=0):
        # "{0.__class__}".format(x) reads attributes at run time. Every string is checked, not just receivers of
        # .format, so that `f = "{0.__class__}"; f.format(x)` is caught too.
        try:
            fields = list(string.Formatter().parse(s))
        except ValueError:
            return  # not a valid format string: str.format would raise too
        for _, field, spec, _ in fields:
            if field:
                try:
                    first, rest = _string.formatter_field_name_split(field)
                    parts = [(True, first)] + list(rest)
                except ValueError:
                    parts = []
                for i, (is_attr, key) in enumerate(parts):
                    if not isinstance(key, str):
                        continue
                    if i == 0:  # the argument's name, "{price}": only a dunder matters there
                        bad = DUNDER.match(key)
                    elif is_attr:  # "{0.attr}": an attribute access, judged like one
                        bad = attr_problem(key)
                    else:  # "{0[key]}": an index, like a subscript
                        bad = key.startswith("__")
                    if bad:
                        self.report(node, "format.dunder", f"format field '{{{field}}}' reaches '{key}'")
                        return
            if spec and "{" in spec and depth < 2:  # nested fields: "{0:{1.__class__}}"
                self.check_format_string(node, spec, depth + 1)


def is_str_literal(node):
    return isinstance(node, ast.Constant) and isinstance(node.value, str)


def is_super_init(func):
    return (isinstance(func, ast.Attribute) and func.attr == "__init__" and isinstance(func.value, ast.Call)
            and isinstance(func.value.func, ast.Name) and func.value.func.id == "super"
            and not func.value.args and not func.value.keywords)


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
    validator = Validator(lines, allowed_imports)
    try:
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
