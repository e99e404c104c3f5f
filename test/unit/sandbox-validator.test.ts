// The Python validator (sandbox/validate.py through sandbox/validator.ts), run against Debian's real python3:
// ordinary programs pass; every refused construct answers its rule on the right line; encoded escape tricks,
// syntax errors, oversize code, custom whitelists, interpreter failures and the allow-list build. No mocks.
// The larger corpus (student programs, bypass attempts) is sandbox-validator-corpus.test.ts.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DEFAULT_ALLOWED_IMPORTS, DEFAULT_PYTHON, validatePython } from '../../sandbox/validator.js';
import type { ValidationResult } from '../../sandbox/types.js';

const check = (code: string, allowedImports: readonly string[] = DEFAULT_ALLOWED_IMPORTS) => validatePython(code, { allowedImports });
const rulesOf = (r: ValidationResult) => (r.ok ? [] : r.errors.map((e) => `${e.line}:${e.rule}`));

describe('allowed programs pass', () => {
  const programs: Array<[string, string]> = [
    [
      'numpy and pandas',
      `import numpy as np
import pandas as pd
prices = pd.Series(np.linspace(100, 110, 50))
returns = prices.pct_change().dropna()
df = pd.DataFrame({"p": prices, "ma": prices.rolling(5).mean()})
print(df.tail(3).to_string(), returns.std(), np.mean(returns.values))
print(df["p"].iloc[-1], df.loc[df["p"] > 105, "ma"].sum())`,
    ],
    [
      'math, statistics, random, json, datetime',
      `import math, statistics, random, json
from datetime import date, timedelta
random.seed(42)
xs = [random.gauss(0, 1) for _ in range(100)]
print(math.sqrt(2), statistics.median(xs), json.dumps({"n": len(xs)}), json.loads("[1]"))
print(date(2024, 1, 1) + timedelta(days=3))`,
    ],
    [
      'classes, inheritance with super().__init__, dunder methods, properties',
      `class Account:
    """A bank account. Call __init__ through the constructor, never by hand."""
    def __init__(self, owner, balance=0):
        self.owner = owner
        self._balance = balance
        self.__pin = 1234
    def __repr__(self):
        return f"Account({self.owner!r}, {self._balance})"
    def __eq__(self, other):
        return isinstance(other, Account) and self.owner == other.owner
    @property
    def balance(self):
        return self._balance
class Savings(Account):
    def __init__(self, owner, rate):
        super().__init__(owner)
        self.rate = rate
print(Savings("ann", 0.1), type(Savings("bob", 0.2)) is Savings)`,
    ],
    [
      'comprehensions, generators, lambdas, closures, match',
      `squares = {n: n * n for n in range(10) if n % 2}
gen = (x for x in squares.values())
total = sum(gen)
add = lambda a, b: a + b
def counter():
    count = 0
    def inc():
        nonlocal count
        count += 1
        return count
    return inc
match total:
    case 165:
        print("ok", add(1, 2), counter()())
    case _:
        pass`,
    ],
    [
      'f-strings and str.format with ordinary fields',
      `name, value = "pi", 3.14159
print(f"{name}: {value:.2f} {value!r:>10} {[1, 2][0]}")
print("{}: {:.3f}".format(name, value), "{price:>8.2f}".format(price=value), "{0[0]} {0[1]}".format((1, 2)))
print("%s is %.1f" % (name, value), "{query}".format(query="q"))`,
    ],
    ['if __name__ == "__main__" (the one allowed dunder name)', `def main():\n    print("hi")\n\nif __name__ == "__main__":\n    main()`],
    [
      'strings that merely mention underscores and dunders in prose',
      `note = "Python calls __init__ when an object is created; __class__ is a property of every object."
snake = "my__weird__name and _private_thing and __"
data = {"a__b": 1, "_x": 2}
print(note, snake, data["a__b"], data["_x"], "x.__class__ is discussed in chapter 3")`,
    ],
    [
      'getattr/setattr/hasattr with a plain literal name',
      `class P: pass\np = P()\nsetattr(p, "x", 1)\nprint(getattr(p, "x"), getattr(p, "y", 0), hasattr(p, "x"))`,
    ],
    [
      'type(x) with one argument, isinstance, exceptions',
      `try:\n    1 / 0\nexcept ZeroDivisionError as e:\n    print(type(e), e.args, isinstance(e, Exception))`,
    ],
    ['code with non-ASCII text', `# 计算移动平均线\nprint("价格", "Ωmega")\nnaïve = 1\nprint(naïve)`],
    [
      'a strategy over OHLC columns (open, signal and load are ordinary names here)',
      `import numpy as np
import pandas as pd
class Breakout:
    def __init__(self, lookback=20):
        self.lookback = lookback
        self.signal = None
    def run(self, bars):
        gap = (bars.open - bars.close.shift()) / bars.close.shift()
        self.signal = np.where(bars.high > bars.high.rolling(self.lookback).max().shift(), 1, 0)
        loads = {"signal": self.signal, "gap": gap}
        return pd.DataFrame(loads).fillna(0)
bars = pd.DataFrame({"open": [1.0, 2.0], "high": [1.5, 2.5], "close": [1.2, 2.2]})
print(Breakout(1).run(bars).to_dict(), pd.api.types.is_numeric_dtype(bars.open))`,
    ],
    ['a long but flat expression', `x = ${Array.from({ length: 2000 }, (_, i) => i).join(' + ')}\nprint(x)`],
  ];
  it.each(programs)('%s', async (_name, code) => {
    expect(await check(code)).toEqual({ ok: true });
  });
});

describe('refused constructs answer their rule on the right line', () => {
  // [name, code, expected "line:rule" that must be among the errors]
  const cases: Array<[string, string, string]> = [
    // imports
    ['import os', 'x = 1\nimport os', '2:import.denied_module'],
    ['from os import path', 'from os import path', '1:import.denied_module'],
    ['import os.path as p', 'import math\n\nimport os.path as p', '3:import.denied_module'],
    ['import sys', 'import sys', '1:import.denied_module'],
    ['import subprocess', 'import subprocess', '1:import.denied_module'],
    ['import socket', 'import socket', '1:import.denied_module'],
    ['import importlib', 'import importlib', '1:import.denied_module'],
    ['from importlib import import_module', 'from importlib import import_module', '1:import.denied_module'],
    ['import ctypes', 'import ctypes', '1:import.denied_module'],
    ['import pickle', 'import pickle', '1:import.denied_module'],
    ['import builtins', 'import builtins', '1:import.denied_module'],
    ['import io', 'import io', '1:import.denied_module'],
    ['import shutil', 'import shutil', '1:import.denied_module'],
    ['import operator (attrgetter)', 'import operator', '1:import.denied_module'],
    ['import types (CodeType)', 'import types', '1:import.denied_module'],
    ['a module that is not whitelisted', 'import itertools', '1:import.not_allowed'],
    ['a submodule of a non-whitelisted package', 'from collections.abc import Mapping', '1:import.not_allowed'],
    ['relative import', 'from . import secrets', '1:import.not_allowed'],
    ['star import', 'from math import *', '1:import.not_allowed'],
    ['import numpy.ctypeslib', 'import numpy.ctypeslib', '1:import.denied_module'],
    ['from numpy import ctypeslib', 'from numpy import ctypeslib', '1:import.denied_module'],
    ['from random import _os (a module inside an allowed one)', 'from random import _os', '1:import.denied_module'],
    ['from numpy.core import _ufunc_reconstruct', 'from numpy.core import _ufunc_reconstruct', '1:import.denied_module'],
    // builtins
    ['eval', 'x = 1\ny = eval("x + 1")', '2:call.denied'],
    ['exec', 'exec("print(1)")', '1:call.denied'],
    ['compile', 'c = compile("1", "f", "eval")', '1:call.denied'],
    ['__import__("os")', '__import__("os").system("id")', '1:call.denied'],
    ['open', 'print(open("/etc/passwd").read())', '1:call.denied'],
    ['input', 'x = input()', '1:call.denied'],
    ['globals', 'g = globals()', '1:call.denied'],
    ['locals', 'def f():\n    return locals()', '2:call.denied'],
    ['vars', 'print(vars(object))', '1:call.denied'],
    ['breakpoint', 'breakpoint()', '1:call.denied'],
    ['help', 'help(print)', '1:call.denied'],
    ['exit', 'exit(0)', '1:call.denied'],
    ['memoryview', 'm = memoryview(b"x")', '1:call.denied'],
    ['eval referenced, not called', 'f = eval\nf("1")', '1:call.denied'],
    ['eval passed as an argument', 'import numpy as np\nnp.vectorize(eval)(["1"])', '2:call.denied'],
    ['eval spelled in full-width letters (NFKC)', 'ｅｖａｌ("1")', '1:call.denied'],
    ['getattr with a dunder literal', 'getattr(1, "__class__")', '1:call.denied'],
    ['setattr with a dunder literal', 'class A: pass\nsetattr(A, "__getattr__", print)', '2:call.denied'],
    ['getattr with an encoded dunder', 'x = 1\nc = getattr(x, "__cl" + "ass__")', '2:call.denied'],
    ['getattr with a computed name', 'n = "_" * 2 + "class" + "_" * 2\ngetattr(1, n)', '2:call.denied'],
    ['getattr with a frame attribute', 'g = (i for i in [])\nf = getattr(g, "gi_frame")', '2:call.denied'],
    ['getattr aliased', 'ga = getattr\nga(1, "real")', '1:call.denied'],
    ['getattr with starred arguments', 'args = (1, "__class__")\ngetattr(*args)', '2:call.denied'],
    ['type with three arguments', 'X = type("X", (), {})', '1:call.denied'],
    ['type aliased', 't = type\nt("X", (), {})', '1:call.denied'],
    [
      'np.lib.format.read_array (unpickles)',
      'import numpy as np\nnp.save("/tmp/a.npy", [1])\nx = np.lib.format.read_array(f, allow_pickle=True)',
      '3:attribute.not_allowed',
    ],
    // dunder attributes and names
    ['().__class__', 'c = ().__class__', '1:attribute.dunder'],
    ['the classic subclasses walk', 'x = 1\nx.__class__.__bases__[0].__subclasses__()', '2:attribute.dunder'],
    ['object.__subclasses__()', 'print(object.__subclasses__())', '1:attribute.dunder'],
    ['function globals', 'def f(): pass\nf.__globals__["__builtins__"]', '2:attribute.dunder'],
    ['(lambda: 0).__code__', 'c = (lambda: 0).__code__', '1:attribute.dunder'],
    ['__dict__', 'class A: pass\nA.__dict__', '2:attribute.dunder'],
    ['exception traceback', 'try:\n    1/0\nexcept Exception as e:\n    t = e.__traceback__', '4:attribute.dunder'],
    ['__builtins__["eval"]', '__builtins__["eval"]("1")', '1:attribute.dunder'],
    ['__builtins__.eval', 'b = __builtins__\nb.eval("1")', '1:attribute.dunder'],
    ['__loader__', 'print(__loader__)', '1:attribute.dunder'],
    ['__spec__', 'print(__spec__)', '1:attribute.dunder'],
    ['__name__ outside the main idiom', 'print(__name__)', '1:attribute.dunder'],
    ['__class__ cell inside a method', 'class A:\n    def f(self):\n        return __class__', '3:attribute.dunder'],
    ['super().__init__ outside a call', 'class A:\n    def f(self):\n        return super().__init__', '3:attribute.dunder'],
    ['a dunder attribute read through a match class pattern', 'match 1:\n    case object(__class__=c):\n        pass', '2:attribute.dunder'],
    ['a dunder keyword argument', 'from datetime import date\nd = date(2024, 1, 1)\nx = dict(__class__=d)', '3:attribute.dunder'],
    ['a walrus into __builtins__', 'if (__builtins__ := None):\n    pass', '1:attribute.dunder'],
    ['type reached through type(int)', 'X = type(type)("X", (), {})', '1:call.denied'],
    ['import numpy as __builtins__', 'import numpy as __builtins__', '1:attribute.dunder'],
    // frame and code attributes, modules hidden in allowed modules
    ['generator frame globals', 'g = (i for i in [1])\nprint(g.gi_frame.f_globals)', '2:attribute.not_allowed'],
    ['generator code', 'def gen():\n    yield 1\nc = gen().gi_code.co_code', '3:attribute.not_allowed'],
    ['frame builtins', 'def f(frame):\n    return frame.f_builtins', '2:attribute.not_allowed'],
    ['traceback frame', 'def f(tb):\n    return tb.tb_frame.f_back', '2:attribute.not_allowed'],
    ['py2 func_globals', 'def f(): pass\nf.func_globals', '2:attribute.not_allowed'],
    ['type.mro()', 'print(int.mro())', '1:attribute.not_allowed'],
    ['random._os', 'import random\nrandom._os.system("id")', '2:attribute.not_allowed'],
    ['numpy re-exports of denied modules', 'import numpy as np\nnp.lib.npyio.pickle.loads(b"")', '2:attribute.not_allowed'],
    ['ndarray.ctypes', 'import numpy as np\np = np.zeros(1).ctypes.data', '2:attribute.not_allowed'],
    ['numpy ufunc reconstruct imports by name', 'import numpy as np\nnp.core._ufunc_reconstruct("os", "system")("id")', '2:attribute.not_allowed'],
    ['numpy _makenamedict imports by name', 'import numpy as np\nnp.lib.utils._makenamedict("os")[0]["os"]["system"]("id")', '2:attribute.not_allowed'],
    [
      'uuid helper that runs a command, through pandas',
      'import pandas as pd\npd._testing.contexts.uuid._get_command_stdout("sh", "-c", "id")',
      '2:attribute.not_allowed',
    ],
    ['timeit.Timer through pandas', 'import pandas as pd\npd.core.nanops.bn.benchmark.autotimeit.timeit.Timer("1").timeit(1)', '2:attribute.not_allowed'],
    [
      'typing.ForwardRef evaluates a string',
      'import pandas as pd\npd.core.interchange.utils.typing.ForwardRef("1")._evaluate(None, None, frozenset())',
      '2:attribute.not_allowed',
    ],
    ['pandas eval/query evaluate strings', 'import pandas as pd\ndf = pd.DataFrame({"a": [1]})\ndf.query("a > 0")', '3:attribute.not_allowed'],
    ['pd.eval', 'import pandas as pd\npd.eval("1 + 1")', '2:attribute.not_allowed'],
    ['read_pickle', 'import pandas as pd\npd.read_pickle("/tmp/x")', '2:attribute.not_allowed'],
    ['np.load (positional allow_pickle)', 'import numpy as np\nnp.load("/tmp/x.npy", None, True)', '2:attribute.not_allowed'],
    ['as_strided (arbitrary memory)', 'import numpy as np\nnp.lib.stride_tricks.as_strided(np.zeros(1), (10**9,))', '2:attribute.not_allowed'],
    [
      'jinja2 behind DataFrame.style renders unsandboxed templates',
      'import pandas as pd\ndf = pd.DataFrame({"a": [1]})\nt = df.style.env.from_string("{{ 7 * 7 }}")',
      '3:attribute.not_allowed',
    ],
    ['DataFrame.plot loads matplotlib', 'import pandas as pd\npd.DataFrame({"a": [1]}).plot()', '2:attribute.not_allowed'],
    ['a builtin re-exported as _open', 'import numpy as np\nnp.lib._datasource._open("/etc/passwd")', '2:attribute.not_allowed'],
    // strings
    ['a dunder string as a subscript key', 'd = {}\nd["__class__"]', '2:string.dunder'],
    ['an encoded dunder subscript key', 'm = {}\nm["__cl" + "ass__"]', '2:string.dunder'],
    ['a dunder string anywhere', 'name = "__subclasses__"', '1:string.dunder'],
    ['a dunder dict key', 'ns = {"__builtins__": None}', '1:string.dunder'],
    // format strings
    ['"{0.__class__}".format(1)', 'x = 1\n"{0.__class__}".format(x)', '2:format.field'],
    ['format_map with a dunder', '"{a.__globals__}".format_map({"a": print})', '1:format.field'],
    ['format string kept in a variable', 's = "{0.__init__.__globals__}"\ns.format(object())', '1:format.field'],
    ['format with a dunder index', '"{0[__builtins__]}".format({})', '1:format.field'],
    ['a nested format spec field', '"{0:{1.__class__}}".format(1, 2)', '1:format.field'],
    ['format reaching a frame attribute', '"{0.gi_frame.f_globals}".format((i for i in []))', '1:format.field'],
    ['a computed format string', 'x = 1\n("{0._" + "_class__}").format(x)', '2:format.field'],
    ['format called through str.format', 'str.format("{0}", 1)', '1:format.field'],
    // source encoding: what the runner executes must be what was checked
    ['a utf-7 coding cookie hiding an import in a comment', '# -*- coding: utf-7 -*-\nx = 1 #+AAo-import os', '1:encoding.denied'],
  ];
  it.each(cases)('%s', async (_name, code, expected) => {
    const result = await check(code);
    expect(result.ok).toBe(false);
    expect(rulesOf(result)).toContain(expected);
  });

  it('reports every violation, sorted, with 1-based columns in characters', async () => {
    const result = await check('import os\nx = "价格"; y = x.__class__\neval("1")\n');
    expect(result).toEqual({
      ok: false,
      errors: [
        { line: 1, col: 1, rule: 'import.denied_module', message: expect.stringContaining("'os'") },
        { line: 2, col: 17, rule: 'attribute.dunder', message: expect.stringContaining('__class__') },
        { line: 3, col: 1, rule: 'call.denied', message: expect.stringContaining('eval') },
      ],
    });
  });

  it('caps the list at 50 errors', async () => {
    const result = await check(Array.from({ length: 80 }, () => 'eval("1")').join('\n'));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors).toHaveLength(50);
  });
});

describe('syntax and size', () => {
  const cases: Array<[string, string, string]> = [
    ['an unclosed parenthesis', 'x = 1\ny = (\n', '2:syntax'],
    ['a bad def on line 3', 'import math\n\ndef f(:\n    pass', '3:syntax'],
    ['an indentation error', 'if True:\nprint(1)', '2:syntax'],
    ['Python 2 print', 'x = 1\nprint "hi"', '2:syntax'],
    ['a null byte', 'x = 1\ny = 2\0', '2:syntax'],
    ['a lone surrogate', 'x = "\ud800"', '1:syntax'],
    ['nesting deeper than the parser allows', `x = ${'-'.repeat(50_000)}1`, '1:code.too_complex'],
  ];
  it.each(cases)('%s', async (_name, code, expected) => {
    expect(rulesOf(await check(code))).toEqual([expected]);
  });

  it('reports the syntax error column in characters', async () => {
    const result = await check('s = "价格"; x = )');
    expect(result).toEqual({ ok: false, errors: [{ line: 1, col: 15, rule: 'syntax', message: expect.any(String) }] });
  });

  it('refuses code over maxCodeBytes without starting Python', async () => {
    const code = 'x = 1\n'.repeat(20_000); // 120 kB
    const result = await validatePython(code, { allowedImports: DEFAULT_ALLOWED_IMPORTS, python: '/nonexistent/python3' });
    expect(result).toEqual({ ok: false, errors: [{ line: 1, col: 1, rule: 'code.too_large', message: expect.stringContaining('120000') }] });
    expect(rulesOf(await validatePython('x = 1\n', { allowedImports: [], maxCodeBytes: 5, python: '/nonexistent/python3' }))).toEqual(['1:code.too_large']);
    expect(await validatePython('x = 1', { allowedImports: [], maxCodeBytes: 5 })).toEqual({ ok: true }); // exactly at the limit
  });
});

describe('whitelist', () => {
  it('a custom whitelist allows what it lists and nothing else', async () => {
    const allow = ['itertools'];
    expect(await check('import itertools\nprint(list(itertools.islice(itertools.count(), 3)))', allow)).toEqual({ ok: true });
    expect(rulesOf(await check('import numpy', allow))).toEqual(['1:import.not_allowed']);
  });
  it('dangerous modules stay refused even when whitelisted', async () => {
    const allow = ['itertools', 'os', 'sys', 'subprocess', 'importlib', 'pickle'];
    for (const mod of ['os', 'sys', 'subprocess', 'importlib', 'pickle']) {
      expect(rulesOf(await check(`import itertools\nimport ${mod}`, allow))).toEqual(['2:import.denied_module']);
      expect(rulesOf(await check(`from ${mod} import x`, allow))).toEqual(['1:import.denied_module']);
    }
  });
  it('a whitelisted module the validator has no allow-list for is refused: it could not be checked', async () => {
    const result = await check('import csv', ['csv']);
    expect(rulesOf(result)).toEqual(['1:import.not_allowed']);
    expect(result.ok ? '' : result.errors[0]!.message).toMatch(/no allow-list/);
  });
  it('an empty whitelist refuses every import', async () => {
    expect(rulesOf(await check('import math', []))).toEqual(['1:import.not_allowed']);
  });
  it('exports the default whitelist from the issue', () => {
    expect([...DEFAULT_ALLOWED_IMPORTS].sort()).toEqual(['datetime', 'json', 'math', 'numpy', 'pandas', 'random', 'statistics']);
  });
});

describe('interpreter failures throw', () => {
  it('a missing interpreter', async () => {
    await expect(validatePython('x = 1', { allowedImports: [], python: '/nonexistent/python3' })).rejects.toThrow(/cannot start the python validator/);
  });
  it('an interpreter that fails', async () => {
    await expect(validatePython('x = 1', { allowedImports: [], python: '/bin/false' })).rejects.toThrow(/python validator failed/);
  });
  it('an interpreter that answers nonsense', async () => {
    await expect(validatePython('x = 1', { allowedImports: [], python: '/bin/echo' })).rejects.toThrow(/not JSON/);
  });
  it('a validator that does not answer in time is killed', async () => {
    await expect(validatePython('x = 1', { allowedImports: [], timeoutMs: 1 })).rejects.toThrow(/did not answer within 1 ms/);
  });
});

// validate_names.json is derived from validate_allow.py and the numpy/pandas installed here; the build's audit
// fails on an allowed name that reaches a module outside the allow-list or code that runs strings or reads
// attributes by a computed name. A numpy or pandas upgrade that changes the surface fails this until rebuilt.
describe('the allow-list build', () => {
  it('validate_names.json is current and its audit finds no route out', () => {
    const build = fileURLToPath(new URL('../../sandbox/validate_build.py', import.meta.url));
    // Not -S: the build imports numpy and pandas from dist-packages; the validator itself never does.
    const run = spawnSync(DEFAULT_PYTHON, ['-I', '-B', build, '--check'], { encoding: 'utf8', timeout: 120_000 });
    expect(run.stdout + run.stderr).toBe('');
    expect(run.status).toBe(0);
  }, 120_000); // imports numpy and pandas: several seconds on a busy machine
});
