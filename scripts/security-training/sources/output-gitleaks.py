"""gitleaks's rule test cases (cmd/generate/config/rules/*.go), source `gitleaks-rules`.

Each rule function lists true positives (`tps`) and false positives (`fps`) it is validated against. The Go
files are read as text, never compiled: list elements that are a single string literal are taken, plus the
literal secrets handed to GenerateSampleSecrets, which here get assignment contexts of our own (the ones
built from random regex samples are skipped). The rule's regex from config/gitleaks.toml (run with the
`regex` module, close to RE2) finds the secret: its secretGroup, else the first non-empty group, else the
match. A tp it does not match is dropped. An fp is a clean row only if no gitleaks rule matches it with a
secret at or above that rule's entropy threshold (gitleaks' own test for a real finding), so placeholders
such as `ghp_xxxx…` stay while lookalikes that another rule would flag are left out.
Some rows are wrapped as an answer (prose, a fenced block) so the layout is not always a bare config line.
"""
import json
import math
import random
import re
import tomllib
from collections import Counter

import regex

from output_lib import has_pii, looks_secret, head, info, list_files, read_at, row

REPO = 'gitleaks/gitleaks'
SRC = 'gitleaks-rules'
RULES_DIR = 'cmd/generate/config/rules'
WRAPS = ['{t}', '{t}', 'Here is the config you asked for:\n\n```\n{t}\n```', 'Put this line in your settings file:\n{t}\nthen restart the service.',
         'I found this in the repository:\n```\n{t}\n```\nIt should be rotated.', 'Sure — the value is set like this: `{t}`']
SAMPLE = ['{id}_token = "{s}"', '{ID}_API_KEY={s}', '"{id}Key": "{s}"', '{id}:\n  secret: {s}', 'export {ID}_SECRET="{s}"', "{id}_key := `{s}`"]


def entropy(s: str) -> float:
    if not s:
        return 0.0
    c = Counter(s)
    return -sum(n / len(s) * math.log2(n / len(s)) for n in c.values())


def go_regex(src: str):
    s = src.replace(r'\z', r'\Z')
    try:
        return regex.compile(s, regex.V0)
    except Exception:
        return None


def tokens(src: str, i: int):
    """Top-level elements of the Go composite literal whose '{' is at src[i]: (is_single_literal, value)."""
    depth, j, elem, lits, other = 0, i, [], [], False
    n = len(src)
    while j < n:
        ch = src[j]
        if src.startswith('//', j):
            j = src.find('\n', j)
            j = n if j < 0 else j
            continue
        if ch == '`':
            k = src.find('`', j + 1)
            lits.append(src[j + 1:k])
            j = k + 1
            continue
        if ch == '"':
            k = j + 1
            while src[k] != '"':
                k += 2 if src[k] == '\\' else 1
            try:
                lits.append(json.loads(src[j:k + 1]))
            except Exception:
                other = True
            j = k + 1
            continue
        if ch in '{([':
            depth += 1
            if depth > 1:
                other = True
        elif ch in '})]':
            depth -= 1
            if depth == 0:
                if lits or other:
                    yield (len(lits) == 1 and not other, lits[0] if lits else None)
                return
        elif ch == ',' and depth == 1:
            yield (len(lits) == 1 and not other, lits[0] if lits else None)
            lits, other = [], False
        elif depth == 1 and not ch.isspace():
            other = True  # an identifier, a call or an operator: not a single literal
        j += 1


def cases(src: str):
    """(rule_id, 'tp'|'fp', text) of one rules file."""
    for fn in re.split(r'\nfunc ', src)[1:]:
        m = re.search(r'RuleID:\s*"([^"]+)"', fn)
        if not m:
            continue
        rid = m.group(1)
        for mm in re.finditer(r'\b(tps|fps)\s*(?::=|=)\s*(?:append\(\s*(?:tps|fps)\s*,\s*)?\[\]string\s*\{', fn):
            for single, val in tokens(fn, mm.end() - 1):
                if single and val:
                    yield rid, mm.group(1)[:2], val
        for mm in re.finditer(r'GenerateSampleSecrets\(\s*"([^"]+)"\s*,', fn):
            depth, j = 1, mm.end()
            while j < len(fn) and depth:
                depth += {'(': 1, ')': -1}.get(fn[j], 0)
                j += 1
            for _ in range(3):  # three contexts per sampled secret
                yield rid, 'sample', f'{mm.group(1)}\x00{fn[mm.end():j - 1].strip()}'


CLASSES = {'Numeric': '0123456789', 'Hex': '0123456789abcdef', 'AlphaNumeric': 'abcdefghijklmnopqrstuvwxyz0123456789',
           'AlphaNumericExtendedShort': 'abcdefghijklmnopqrstuvwxyz0123456789_-',
           'AlphaNumericExtended': 'abcdefghijklmnopqrstuvwxyz0123456789=_-',
           'AlphaNumericExtendedLong': 'abcdefghijklmnopqrstuvwxyz0123456789/=_+-'}


def sample_secret(rng: random.Random, expr: str):
    """A value for a GenerateSampleSecrets expression: literals and utils.<Class>("n") samples joined by +."""
    out = []
    for part in re.split(r'\s*\+\s*', expr):
        if m := re.fullmatch(r'"([^"\\]*)"|`([^`]*)`', part):
            out.append(m.group(1) if m.group(1) is not None else m.group(2))
        elif m := re.fullmatch(r'secrets\.NewSecret\(utils\.(\w+)\("(\d+)(?:,(\d+))?"\)\)', part):
            if m.group(1) not in CLASSES:
                return None
            lo = int(m.group(2))
            n = rng.randint(lo, int(m.group(3))) if m.group(3) else lo
            out.append(''.join(rng.choice(CLASSES[m.group(1)]) for _ in range(n)))
        elif part == 'secrets.NewSecret(utils.Hex8_4_4_4_12())':
            h = lambda n: ''.join(rng.choice('0123456789abcdef') for _ in range(n))
            out.append(f'{h(8)}-{h(4)}-{h(4)}-{h(4)}-{h(12)}')
        else:
            return None
    return ''.join(out)


def main() -> None:
    rng = random.Random(41)
    commit = head(REPO)
    conf = tomllib.loads(read_at(REPO, 'config/gitleaks.toml', commit))
    rules = {r['id']: (go_regex(r['regex']), r.get('secretGroup', 0), r.get('entropy', 0.0)) for r in conf['rules'] if 'regex' in r}
    files = [f for f in list_files(REPO, RULES_DIR, commit) if f.endswith('.go')]
    info(SRC, REPO, commit, ['config/gitleaks.toml'] + files, 'MIT',
         'gitleaks rule tps (secret = rule capture) and fps that no rule flags above its entropy threshold')

    def secret_of(rid: str, text: str):
        rx, group, _ = rules.get(rid, (None, 0, 0))
        m = rx.search(text) if rx else None
        if not m:
            return None
        if group and m.group(group):
            return m.group(group)
        return next((g for g in m.groups() if g), m.group(0))

    def flagged(text: str) -> bool:
        for rx, group, ent in rules.values():
            if rx is None:
                continue
            for m in rx.finditer(text):
                s = (m.group(group) if group else next((g for g in m.groups() if g), None)) or m.group(0)
                if entropy(s) >= ent:
                    return True
        return False

    dropped = 0
    for f in files:
        for rid, what, text in cases(read_at(REPO, f, commit)):
            if what == 'sample':
                name, expr = text.split('\x00')
                s = sample_secret(rng, expr)
                if not s:
                    dropped += 1
                    continue
                text = rng.choice(SAMPLE).format(id=name.lower(), ID=name.upper(), s=s)
            if what in ('tp', 'sample'):
                s = secret_of(rid, text)
                if not s:
                    dropped += 1
                    continue
                row(SRC, rng.choice(WRAPS).format(t=text.strip('\n')), 'sensitive', 'api_key' if 'private-key' not in rid else 'private_key', [s])
            elif not flagged(text) and not has_pii(text) and not looks_secret(text):
                row(SRC, text, 'clean', 'code')
    import sys
    print(f'{SRC}: {dropped} tps dropped (not matched by their rule regex, or a sample expression we do not sample)', file=sys.stderr)


if __name__ == '__main__':
    main()
