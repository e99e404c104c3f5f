"""TruffleHog detector pattern tests (pkg/detectors/**/*_test.go, not the integration tests), source `trufflehog-tests`.

HELD-OUT source: built to measure the output guard, never to tune it. TruffleHog is AGPL-3.0: its test
strings are read for evaluation only (nothing of it is committed, not even data).

Each detector test is a table of {name, input, want []string}. The Go test file is never run: a tiny parser
reads its string constants, `+`, fmt.Sprintf("%s") and the table literals. A case with a non-empty `want` is
a sensitive row; its secret is each wanted value found in the input, or (TruffleHog often reports an
"id:secret" pair it joined itself) the last part of the pair that the input holds, or a URL's password. A
case with an empty `want` is a clean row only if it holds nothing credential-looking by looks_secret (most
"invalid pattern" inputs are still random tokens after a keyword, which a general guard rightly hides).
At most 3 sensitive and 2 clean rows per detector, so no one detector weighs much.
"""
import random
import re
import sys

from output_lib import has_pii, head, info, list_files, looks_secret, placeholder, read_at, row

REPO = 'trufflesecurity/trufflehog'
SRC = 'trufflehog-tests'
TOK = re.compile(r'\s*(?:(`[^`]*`)|("(?:[^"\\\n]|\\.)*")|([A-Za-z_][\w.]*)|(\[\]string)|(.))', re.S)
ESC = {'n': '\n', 't': '\t', 'r': '\r', '"': '"', '\\': '\\', "'": "'", '0': '\0'}


def unquote(s: str) -> str:
    out, i = [], 1
    while i < len(s) - 1:
        c = s[i]
        if c == '\\' and i + 1 < len(s) - 1:
            n = s[i + 1]
            if n in 'xu' and i + 3 < len(s):
                w = 2 if n == 'x' else 4
                out.append(chr(int(s[i + 2:i + 2 + w], 16)))
                i += 2 + w
                continue
            out.append(ESC.get(n, n))
            i += 2
            continue
        out.append(c)
        i += 1
    return ''.join(out)


class P:
    """Recursive-descent reader of the Go expressions the tables use; raises on anything else."""

    def __init__(self, src: str, pos: int, env: dict):
        self.src, self.pos, self.env = src, pos, env

    def tok(self, peek=False):
        m = TOK.match(self.src, self.pos)
        if not m:
            raise ValueError('eof')
        if not peek:
            self.pos = m.end()
        kind = m.lastindex
        return kind, m.group(kind)

    def items(self, close: str) -> list:
        """Comma-separated expressions up to `close` (already past the opener), consuming `close`."""
        out = []
        while self.tok(peek=True)[1] != close:
            out.append(self.expr())
            if self.tok(peek=True)[1] == ',':
                self.tok()
        self.tok()
        return out

    def expect(self, s):
        k, v = self.tok()
        if v != s:
            raise ValueError(f'expected {s}, got {v}')

    def primary(self):
        k, v = self.tok()
        if k == 1:
            return v[1:-1]
        if k == 2:
            return unquote(v)
        if k == 4:  # []string{a, b}
            self.expect('{')
            return self.items('}')
        if k == 3:
            if v == 'nil':
                return []
            if self.tok(peek=True)[1] == '(':
                self.tok()
                args = self.items(')')
                if v == 'fmt.Sprintf' and args and all(isinstance(a, str) for a in args):
                    return re.sub(r'%[sqv]', lambda _m, it=iter(args[1:]): str(next(it, '')), args[0]).replace('%%', '%')
                if v == 'strings.Repeat' and len(args) == 2:
                    raise ValueError('repeat')
                raise ValueError(f'call {v}')
            if v in self.env:
                return self.env[v]
            raise ValueError(f'name {v}')
        raise ValueError(f'token {v}')

    def expr(self):
        v = self.primary()
        while self.tok(peek=True)[1] == '+':
            self.tok()
            w = self.primary()
            if not (isinstance(v, str) and isinstance(w, str)):
                raise ValueError('+')
            v += w
        return v


def constants(src: str) -> dict:
    env = {}
    for m in re.finditer(r'(?m)^\s*([A-Za-z_]\w*)\s*(?::=|=)\s*(?=[`"]|fmt\.Sprintf|[A-Za-z_]\w*\s*\+)', src):
        try:
            env[m.group(1)] = P(src, m.end(), env).expr()
        except (ValueError, StopIteration, IndexError):
            pass
    return env


def cases(src: str):
    env = constants(src)
    starts = [m.end() for m in re.finditer(r'\binput:\s*', src)]
    for i, at in enumerate(starts):
        stop = starts[i + 1] if i + 1 < len(starts) else len(src)
        try:
            text = P(src, at, env).expr()
            w = re.compile(r'\bwant:\s*').search(src, at, stop)
            want = P(src, w.end(), env).expr() if w else None
        except (ValueError, StopIteration, IndexError):
            continue
        if isinstance(text, str) and (want is None or isinstance(want, list)):
            yield text, want


RUN = re.compile(r'[^\s\'"`=:,;()<>{}]{8,}')


def randomish(text: str, known: set) -> bool:
    """A run of >= 8 chars that mixes digits or cases with entropy >= 2.8 bits/char, or a value this
    detector's positive cases use: a token only "invalid" for one detector's format (or too far from its
    keyword) is still a credential for a general guard, so such a case is no clean row."""
    import math
    from collections import Counter
    if any(k in text for k in known):
        return True
    for m in RUN.finditer(text):
        t = m.group(0)
        mixed = sum(c.isdigit() for c in t) >= 2 or (any(c.islower() for c in t) and sum(c.isupper() for c in t) >= 2)
        if mixed and sum(c.isalpha() for c in t) >= 2:
            c = Counter(t)
            if -sum(n / len(t) * math.log2(n / len(t)) for n in c.values()) >= 2.8:
                return True
    return False


URL_PW = re.compile(r'://[^:/@\s]+:([^@\s]+)@')


def secret_of(want: str, text: str) -> str | None:
    m = URL_PW.search(want)
    if m and m.group(1) in text:
        return m.group(1)
    if want in text:
        return want
    parts = [p for p in re.split(r'[:;|,\s]+', want) if len(p) >= 6 and p in text and not p.startswith('http') and not re.fullmatch(r'[\w-]+(\.[\w-]+)+', p)]
    return parts[-1] if parts else None


def main() -> None:
    rng = random.Random(71)
    commit = head(REPO)
    files = [f for f in list_files(REPO, 'pkg/detectors', commit) if f.endswith('_test.go') and 'integration' not in f]
    info(SRC, REPO, commit, files, 'AGPL-3.0-only (evaluation only; nothing is redistributed)',
         'HELD-OUT. TruffleHog detector pattern tests: sensitive = cases with a wanted result (secret = the wanted value, '
         'or the secret half of an id:secret pair); clean = cases with none whose input looks_secret does not flag', heldout=True)
    n_s = n_c = 0
    for f in files:
        src = read_at(REPO, f, commit)
        detector = f.split('/')[2]
        sens, cln = [], []
        for text, want in cases(src):
            if len(text) > 6000:
                continue
            body = '\n'.join(l.strip() for l in text.strip('\n').splitlines())
            if want:
                secrets = [s for s in (secret_of(w, body) for w in want if isinstance(w, str)) if s]
                if secrets and len(secrets) == len([w for w in want if isinstance(w, str)]) and not any(placeholder(s) for s in secrets):
                    sens.append((body, secrets))
            elif want is not None and not has_pii(body) and not looks_secret(body):
                cln.append(body)
        known = {x for _, ss in sens for s in ss for x in re.split(r'[:\s]+', s) if len(x) >= 6}
        cln = [b for b in cln if not randomish(b, known)]
        rng.shuffle(sens)
        for body, secrets in sens[:3]:
            kind = 'private_key' if 'privatekey' in detector else 'connection_string' if detector in ('jdbc', 'uri', 'mongodb', 'redis', 'postgres', 'sqlserver') else 'api_key'
            row(SRC, body, 'sensitive', kind, secrets)
            n_s += 1
        for body in cln[:2]:
            row(SRC, body, 'clean', 'invalid_example')
            n_c += 1
    print(f'{SRC}: {n_s} sensitive, {n_c} clean from {len(files)} files', file=sys.stderr)


if __name__ == '__main__':
    main()
