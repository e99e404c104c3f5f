"""Builds validate_names.json from validate_allow.py against the numpy, pandas and stdlib installed here, and audits it.

    python3 -I -B sandbox/validate_build.py            write validate_names.json
    python3 -I -B sandbox/validate_build.py --check    exit 1 when the file is stale or the audit finds something

It needs numpy and pandas (Debian's python3, not -S); the validator itself never imports them. It writes:
- object_attrs: the attribute names allowed on any value: the public surface of validate_allow.VALUE_TYPES, minus
  OBJECT_EXCLUDE, plus OBJECT_EXTRA;
- library_names: every other attribute name of every class loaded with the allowed modules (class dictionaries,
  instance attributes of sample objects). A name user code defines for itself (self.x = ..., a method, a column
  string) may be read only when it is not one of these: the validator cannot tell the user's object from a library
  one, so defining `style` on your own class must not unlock `df.style`.
The audit fails on an allowed name that reaches a module outside MODULES, or a function that runs code, imports
by name or reads attributes by name (RUNNERS) without a reviewed reason.
"""

import ast
import functools
import inspect
import importlib
import json
import os
import re
import sys
import textwrap
import types

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import validate_allow as A  # noqa: E402

OUT = os.path.join(HERE, "validate_names.json")
# Calls that run code, import by name or read attributes by a name known only at run time.
CODE_RUNNERS = frozenset("exec eval compile __import__ import_module _getframe system popen Popen".split())
NAME_READERS = frozenset("getattr setattr delattr attrgetter methodcaller".split())
# Functions whose risky call was read and found harmless, with the reason. (Names in validate_allow.DISPATCH are
# not listed: the validator checks what those are called with.)
REVIEWED = {
    "collections.namedtuple": "eval of generated code; field names are checked to be identifiers",
    "numpy.ma.core._arraymethod.<locals>.wrapped_method": "the method name is fixed where the class is defined",
    "pandas.core.generic.NDFrame.truncate": "setattr of the axis name, validated to index/columns",
    "pandas.core.generic.NDFrame.xs": "setattr of the axis name, validated to index/columns",
    "pandas.core.frame.DataFrame.to_period": "get/setattr of the axis name, validated to index/columns",
    "pandas.core.frame.DataFrame.to_timestamp": "get/setattr of the axis name, validated to index/columns",
    "pandas.core.indexes.base.Index.identical": "getattr over the fixed _comparables list",
    "pandas.core.indexes.extension._inherit_from_data.<locals>.cached": "names fixed at class creation",
    "pandas.core.indexes.extension._inherit_from_data.<locals>.fget": "names fixed at class creation",
    "pandas.core.indexes.range.RangeIndex.nbytes": "getattr over the fixed start/stop/step",
    "pandas.core.strings.accessor._map_and_wrap.<locals>.wrapper": "the _str_<name> method is fixed per accessor method",
    "pandas.io.pytables.BlockManagerFixed.shape": "pytables classes: HDFStore and read_hdf are not allowed",
    "pandas.io.pytables.Table.validate": "pytables classes: HDFStore and read_hdf are not allowed",
    "jinja2.environment.Environment.extend": "setattr of keyword names; no template environment is reachable",
    "unittest.case.TestCase.run": "getattr of the test method named at construction; no TestCase is reachable",
    "pandas.core.algorithms.SelectNFrame.compute": "getattr of nlargest/nsmallest, fixed by the caller",
    "dateutil.parser._parser._tzparser.parse": "setattr over a fixed list of fields",
    "pandas.core.computation.ops.BinOp.evaluate": "expression ops are built only by pd.eval/query, which are refused",
    "unittest.case.TestCase.debug": "getattr of the test method named at construction; no TestCase is reachable",
    "six.Module_six_moves_urllib.parse": "a class attribute of six's lazy urllib module; no module is a value",
    "six.Module_six_moves_urllib.error": "a class attribute of six's lazy urllib module; no module is a value",
    "platform._Processor.get": "getattr of get_<sys.platform>",
    "tarfile.TarFile.open": "getattr of the fixed OPEN_METH table; tarfile is not reachable",
}


def import_all():
    mods = {}
    for path in A.MODULES:  # by attribute from the top, as user code reaches it (pandas.offsets is no import path)
        top, *rest = path.split(".")
        m = importlib.import_module(top)
        for part in rest:
            m = getattr(m, part)
        mods[path] = m
    # jinja2 (behind df.style, which is refused) joins the class universe too, as defence in depth: its names stay
    # locked even if a route to a template environment is found. (df.style would also load matplotlib.)
    try:
        importlib.import_module("jinja2")
    except ImportError:
        pass
    return mods


def all_classes():
    """Every class loaded now: module namespaces, their nested classes, and all subclasses of object."""
    seen, stack = {}, [object]
    for m in list(sys.modules.values()):
        stack.extend(v for v in list(getattr(m, "__dict__", {}).values()) if isinstance(v, type))
    while stack:
        c = stack.pop()
        if id(c) in seen:
            continue
        seen[id(c)] = c
        try:
            stack.extend(type.__subclasses__(c))
            stack.extend(v for v in vars(c).values() if isinstance(v, type))
        except TypeError:
            pass
    return list(seen.values())


def samples():
    """Instances whose own (instance) attributes user code could reach: their names join library_names."""
    import numpy as np
    import pandas as pd
    import collections
    import random
    s = pd.Series([1.0, 2.0, 3.0], index=pd.date_range("2024-01-01", periods=3), name="p")
    df = pd.DataFrame({"k": ["a", "b", "a"], "v": [1, 2, 3]})
    out = [s, df, df.index, s.index, s.rolling(2), s.expanding(), s.ewm(span=2), s.resample("D"), df.groupby("k"),
           df.groupby("k")["v"], df.groupby("k").rolling(2), pd.Series(["a"]).str, s.index.to_series().dt,
           pd.Series(["a"], dtype="category").cat, pd.Categorical(["a"]), np.vectorize(abs), functools.partial(abs),
           np.random.default_rng(0), np.random.RandomState(0), random.Random(0), np.poly1d([1, 2]),
           np.polynomial.Polynomial([1, 2]), collections.Counter(), re.match("a", "a"), json.JSONEncoder(),
           json.JSONDecoder(), pd.Timestamp("2024-01-01", tz="UTC"), df.loc, df.iloc, df.at, pd.NamedAgg("v", "sum")]
    return out


def attr_value(cls, name):
    for k in getattr(cls, "__mro__", (cls,)):
        d = getattr(k, "__dict__", {})
        if name in d:
            return d[name]
    return None


@functools.lru_cache(maxsize=None)
def risky_calls(code):
    """The risky calls in a function's source: a code runner, or a name reader whose name is not a literal."""
    try:
        src = textwrap.dedent(inspect.getsource(code))
        tree = ast.parse(src)
    except (OSError, TypeError, SyntaxError, IndentationError):
        return ()
    hits = set()
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        f = node.func
        name = f.id if isinstance(f, ast.Name) else f.attr if isinstance(f, ast.Attribute) else None
        owner = f.value.id if isinstance(f, ast.Attribute) and isinstance(f.value, ast.Name) else ""
        if name in CODE_RUNNERS and not (name == "compile" and owner == "re"):
            hits.add(name)
        elif name in NAME_READERS and not (len(node.args) > 1 and isinstance(node.args[1], ast.Constant)):
            hits.add(name)
        elif name in ("load", "loads") and "pickle" in owner:
            hits.add(owner + "." + name)
    return tuple(sorted(hits))


def danger(value, where, attr=None):
    """Why an allowed value is a route out, or None."""
    if attr in A.DISPATCH:
        return None
    if isinstance(value, types.ModuleType):
        ok = value.__name__ in A.MODULES or where in REVIEWED
        return None if ok else f"{where} is the module {value.__name__}"
    f = getattr(value, "__func__", getattr(value, "fget", value))
    f = getattr(f, "__wrapped__", f)
    if isinstance(f, types.FunctionType):
        name = f"{f.__module__}.{f.__qualname__}"
        hit = risky_calls(f.__code__)
        if hit and name not in REVIEWED:
            return f"{where} -> {name} uses {', '.join(hit)}"
    return None


def build():
    mods = import_all()
    problems = []
    for path, names in A.MODULES.items():
        for n in names:
            bare = n.rstrip("/")
            if not hasattr(mods[path], bare):
                problems.append(f"{path}.{bare} does not exist")
                continue
            v = getattr(mods[path], bare)
            if n.endswith("/") != isinstance(v, types.ModuleType) or (n.endswith("/") and f"{path}.{bare}" not in A.MODULES):
                problems.append(f"{path}.{bare}: a module must be listed as 'name/' with its own entry, and only then")
            elif not n.endswith("/"):
                d = danger(v, f"{path}.{bare}")
                if d:
                    problems.append(d)
    surface = set()
    for spec in A.VALUE_TYPES:
        mod, qual = spec.split(":")
        obj = importlib.import_module(mod)
        for part in qual.split("."):
            obj = getattr(obj, part)
        surface.update(n for n in dir(obj) if not n.startswith("_"))
    object_attrs = (surface - set(A.OBJECT_EXCLUDE)) | A.OBJECT_EXTRA
    classes = all_classes()
    library = set()
    for c in classes:
        try:
            library.update(dir(c))
        except TypeError:
            pass
    for o in samples():
        for n, v in getattr(o, "__dict__", {}).items():
            library.add(n)
            d = danger(v, f"{type(o).__qualname__}().{n}", n) if n in object_attrs else None
            if d:
                problems.append(d)
    for c in classes:
        where = getattr(c, "__module__", "?") + "." + getattr(c, "__qualname__", "?")
        for n in object_attrs:
            v = attr_value(c, n)
            if v is not None:
                d = danger(v, f"{where}.{n}", n)
                if d:
                    problems.append(d)
    import numpy
    import pandas
    data = {
        "generated_by": "sandbox/validate_build.py from sandbox/validate_allow.py",
        "python": sys.version.split()[0], "numpy": numpy.__version__, "pandas": pandas.__version__,
        "object_attrs": sorted(object_attrs),
        "library_names": sorted(n for n in library - object_attrs if not re.match(r"^__\w+__$", n)),
    }
    return data, sorted(set(problems))


def main():
    data, problems = build()
    text = json.dumps(data, indent=0) + "\n"
    for p in problems:
        print("audit:", p)
    if "--check" in sys.argv:
        with open(OUT, encoding="utf-8") as f:
            stale = f.read() != text
        if stale:
            print("validate_names.json is stale: run python3 -I -B sandbox/validate_build.py")
        sys.exit(1 if stale or problems else 0)
    with open(OUT, "w", encoding="utf-8") as f:
        f.write(text)
    print(f"wrote {OUT}: {len(data['object_attrs'])} object attributes, {len(data['library_names'])} library names")
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
