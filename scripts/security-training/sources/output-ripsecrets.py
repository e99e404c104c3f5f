"""ripsecrets' test files (test/one_per_line, test/one_per_file, test/none), source `ripsecrets-tests`.

HELD-OUT source: built to measure the output guard, never to tune it. MIT.

ripsecrets' tests expect one secret per line of test/one_per_line/*, one per file of test/one_per_file/*
and none in test/none. A one-per-line line's secret is its longest token (split at quotes, brackets, `=`,
`:` and spaces; the value of `key = "..."`), kept unless it is a placeholder (xxxx, USERNAME:PASSWORD, the
jwt.io sample); a one-per-file file's secret is its PEM block or its longest random-looking token. A line of
test/none is a clean row when it holds no e-mail and nothing looks_secret flags.
"""
import math
import re
import sys
from collections import Counter

from output_lib import has_pii, head, info, list_files, looks_secret, placeholder, read_at, row

REPO = 'sirwart/ripsecrets'
SRC = 'ripsecrets-tests'
SPLIT = re.compile(r'[\s"\'`=,;()<>{}\[\]]+|(?<!:)(?<!https):(?!//)')
PEM = re.compile(r'-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?-----END [A-Z ]*PRIVATE KEY-----')


def entropy(t: str) -> float:
    c = Counter(t)
    return -sum(n / len(t) * math.log2(n / len(t)) for n in c.values())


def main() -> None:
    commit = head(REPO)
    files = [f for f in list_files(REPO, 'test', commit)]
    info(SRC, REPO, commit, files, 'MIT', 'HELD-OUT. ripsecrets test files: sensitive = the secret of each one-per-line line / '
         'one-per-file file (placeholders dropped); clean = lines of test/none', heldout=True)
    n_s = n_c = 0
    for f in files:
        text = read_at(REPO, f, commit)
        kind = f.rsplit('/', 1)[1]
        if f.startswith('test/one_per_line/'):
            for ln in text.splitlines():
                toks = [t for t in SPLIT.split(ln.strip()) if t]
                if not toks:
                    continue
                s = max(toks, key=len)
                parts = [p for t in toks for p in re.split(r'[:/@.]+', t) if len(p) >= 4 and p not in ('https', 'mysql')]
                if not placeholder(s) and not any(placeholder(p) for p in parts):
                    row(SRC, ln.strip(), 'sensitive', 'jwt' if kind == 'jwt' else 'url_credentials' if kind == 'url' else 'api_key', [s])
                    n_s += 1
        elif f.startswith('test/one_per_file/'):
            m = PEM.search(text)
            toks = [t for t in SPLIT.split(text) if len(t) >= 16 and entropy(t) >= 3.5]
            s = m.group(0) if m else max(toks, key=len) if toks else None
            if s:
                row(SRC, text.strip(), 'sensitive', 'private_key' if m else 'api_key', [s])
                n_s += 1
        elif f == 'test/none':
            for ln in text.splitlines():
                if ln.strip() and not has_pii(ln) and not looks_secret(ln):
                    row(SRC, ln.strip(), 'clean', 'code')
                    n_c += 1
    print(f'{SRC}: {n_s} sensitive, {n_c} clean', file=sys.stderr)


if __name__ == '__main__':
    main()
