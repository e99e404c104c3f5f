"""Yelp/detect-secrets test data, source `detect-secrets`, labelled by the detect-secrets library (PyPI).

Two parts: (1) the plugin test tables (tests/plugins/*_test.py), read with `ast` and a tiny evaluator for
their string constants, `.format()` and `%` (the test code is never run): a case expected to flag is a
sensitive row whose secret is the expected value, or the value detect-secrets reports; a case expected not
to flag is a clean row only if detect-secrets with its default plugins and filters reports nothing and it
holds no e-mail. (2) the files under test_data/: each file with findings, and each line of them with a
finding, is a sensitive row with the values detect-secrets reports.
"""
import ast
import importlib
import os
import random
import re
import sys
import tempfile

from detect_secrets.core.scan import scan_line
from detect_secrets.core.secrets_collection import SecretsCollection
from detect_secrets.settings import default_settings

from output_lib import has_pii, looks_secret, head, info, list_files, pkg_version, read_at, row

REPO = 'Yelp/detect-secrets'
SRC = 'detect-secrets'
KIND = {'aws_key': 'api_key', 'azure_storage_key': 'connection_string', 'basic_auth': 'url_credentials', 'jwt': 'jwt',
        'keyword': 'password', 'private_key': 'private_key', 'ip_public': 'ip', 'high_entropy_strings': 'api_key'}
WRAPS = ['{t}', '{t}', 'Here is the line from your config:\n```\n{t}\n```', 'Set it like this: {t}']


class Ev:
    """Evaluates the constant expressions of a test module: literals, names bound earlier, str.format, %, +, *."""

    def __init__(self):
        self.env = {}

    def __call__(self, n):
        if isinstance(n, ast.Constant):
            return n.value
        if isinstance(n, (ast.Tuple, ast.List)):
            return tuple(self(e) for e in n.elts)
        if isinstance(n, ast.Name):
            if n.id in self.env:
                return self.env[n.id]
            raise ValueError(n.id)
        if isinstance(n, ast.BinOp):
            a, b = self(n.left), self(n.right)
            if isinstance(n.op, ast.Add):
                return a + b
            if isinstance(n.op, ast.Mod):
                return a % b
            if isinstance(n.op, ast.Mult):
                return a * b
        if isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute) and n.func.attr == 'format' and not n.keywords:
            return self(n.func.value).format(*[self(a) for a in n.args])
        if isinstance(n, ast.JoinedStr):
            return ''.join(str(self(v.value)) if isinstance(v, ast.FormattedValue) else v.value for v in n.values)
        raise ValueError(type(n).__name__)


def test_cases(src: str):
    tree = ast.parse(src)
    ev = Ev()
    for node in tree.body:
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
            try:
                ev.env[node.targets[0].id] = ev(node.value)
            except Exception:
                pass
    seen = []
    for v in ev.env.values():
        if isinstance(v, tuple):
            seen.extend(v)
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and getattr(node.func, 'attr', '') == 'parametrize' and len(node.args) >= 2:
            try:
                seen.extend(ev(node.args[1]))
            except Exception:
                pass
    for c in seen:
        if isinstance(c, tuple) and len(c) == 2 and isinstance(c[0], str) and (c[1] is None or isinstance(c[1], (bool, str))):
            yield c


PLACEHOLDER_WORDS = {'password', 'passwd', 'pass', 'secret', 'username', 'user', 'token', 'changeme'}
HASHLIKE = re.compile(r'^[0-9a-f]{32}$|^[0-9a-f]{40}$|^[0-9a-f]{64}$|x{4,}', re.I)


def real(vals) -> list[str]:
    """Drops hex digests (detect-secrets' own baseline hashes, git ids) xxxx and words like 'password' (placeholders): clean by this corpus's policy."""
    return [v for v in vals if v and not HASHLIKE.search(v.strip()) and v.strip().lower() not in PLACEHOLDER_WORDS]


def found(text: str, secret_type: str | None = None) -> list[str]:
    """Values detect-secrets reports (only those of `secret_type` when given: the plugin under test)."""
    with default_settings():
        vals = [s.secret_value for line in text.splitlines() for s in scan_line(line) if secret_type in (None, s.type)]
    return real(vals)


def plugin_type(stem: str) -> str | None:
    """secret_type of the plugin a test module tests (detect_secrets.plugins.<stem>), if any."""
    try:
        mod = importlib.import_module(f'detect_secrets.plugins.{stem}')
    except ImportError:
        return None
    return next((c.secret_type for c in vars(mod).values() if isinstance(c, type) and isinstance(getattr(c, 'secret_type', None), str)
                 and c.__module__ == mod.__name__), None)


def main() -> None:
    rng = random.Random(47)
    commit = head(REPO)
    tests = [f for f in list_files(REPO, 'tests/plugins', commit) if f.endswith('_test.py')]
    data = [f for f in list_files(REPO, 'test_data', commit) if '/performance/' not in f and not f.endswith(('.txt', 'baseline.file'))]
    info(SRC, REPO, commit, tests + data, 'Apache-2.0',
         f'detect-secrets plugin test cases and test_data files, secrets as reported by detect-secrets {pkg_version("detect-secrets")}')
    for f in tests:
        stem = os.path.basename(f)[:-len('_test.py')]
        kind, stype = KIND.get(stem, 'api_key'), plugin_type(stem)
        for line, expected in test_cases(read_at(REPO, f, commit)):
            if len(line) > 4000:
                continue
            if expected:
                secrets = real([expected]) if isinstance(expected, str) and expected in line else found(line, stype)
                if secrets:
                    row(SRC, rng.choice(WRAPS).format(t=line), 'sensitive', kind, secrets)
            elif not found(line) and not has_pii(line) and not looks_secret(line):
                row(SRC, line, 'clean', 'code')
    with tempfile.TemporaryDirectory() as tmp:
        for f in data:
            text = read_at(REPO, f, commit)
            path = os.path.join(tmp, os.path.basename(f))
            with open(path, 'w') as fh:
                fh.write(text)
            coll = SecretsCollection()
            with default_settings():
                coll.scan_file(path)
            vals = {s.secret_value for _, s in coll if s.secret_value}
            lines = text.splitlines()
            hits = {}
            for _, s in coll:
                if s.secret_value and 0 < s.line_number <= len(lines):
                    hits.setdefault(s.line_number, set()).add(s.secret_value)
            vals = [v for v in real(vals) if v in text]
            if vals:
                row(SRC, text, 'sensitive', 'api_key', sorted(vals))
            for n, vs in sorted(hits.items()):
                ln = lines[n - 1]
                vs = [v for v in real(vs) if v in ln]
                if vs:
                    row(SRC, ln.strip(), 'sensitive', 'password' if 'pass' in ln.lower() else 'api_key', sorted(vs))
    print(f'{SRC}: done', file=sys.stderr)


if __name__ == '__main__':
    main()
