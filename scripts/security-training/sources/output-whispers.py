"""Whispers' test fixtures (tests/fixtures/), source `whispers-fixtures`.

HELD-OUT source: built to measure the output guard, never to tune it. Apache-2.0.

Whispers' fixtures are config and code files split into a compliant part and a non-compliant part (a line
naming "noncompliant"/"incompliant"), and its tests assert that every value found is "hardcoded" (values
are marked HARDCODED, FAKE or HARDC0D3D). So: a non-compliant line's secrets are its tokens carrying such a
mark, plus long digit runs (the card fixtures); the row is that line with up to two lines before it (the key
a list item belongs to). Each compliant line (templates, variables, empty values, public keys) is a clean
row when it holds no e-mail and nothing looks_secret flags. Files without a marker only give sensitive rows.
"""
import re
import sys

from output_lib import has_pii, head, info, list_files, looks_secret, placeholder, read_at, row

REPO = 'Skyscanner/whispers'
SRC = 'whispers-fixtures'
MARKER = re.compile(r'(?i)\b(?:non|in)compliant')
TOKEN = re.compile(r'[^\s"\'<>,;()\[\]{}=:@`\\]+')
MARK = re.compile(r'(?i)hardcoded|fake|HARDC0D3D')
# a secret-named XML tag or attribute holding a literal: whispers may call it compliant, this policy would not
KW_VALUE = re.compile(r'(?i)(?:pass|secret|token|key)\w*(?:>|\s*=\s*")(?![$%{<"])[^<"]{3,}')


def kind_of(path: str, line: str) -> str:
    l = (path + ' ' + line).lower()
    if 'private key' in l or 'privatekey' in l:
        return 'private_key'
    if 'creditcard' in l:
        return 'credit_card'
    if '://' in line:
        return 'url_credentials'
    if re.search(r'pass|pwd|htpasswd', l):
        return 'password'
    return 'api_key'


def secrets_of(path: str, line: str) -> list[str]:
    if re.search(r'(?i)\bcomment\b', line):
        return []  # whispers' comment checks ("hardcoded comment 01"): no credential
    toks = [t for t in TOKEN.findall(line) if MARK.search(t) and not re.fullmatch(r'(?i)\W*\w*hardcoded_\w+', t)]
    if 'creditcard' in path:
        toks += re.findall(r'\b\d{13,19}\b', line)
    return [t for t in dict.fromkeys(toks) if len(t) >= 4 and not placeholder(t)]


def main() -> None:
    commit = head(REPO)
    files = [f for f in list_files(REPO, 'tests/fixtures', commit)]
    used = []
    n_s = n_c = 0
    for f in files:
        try:
            text = read_at(REPO, f, commit)
        except (UnicodeDecodeError, Exception):
            continue
        lines = text.splitlines()
        mark = next((i for i, l in enumerate(lines) if MARKER.search(l) and not re.search(r'(?i)\bcompliant\d|noncompliant\w*(?:api|password|db)', l)), None)
        start = mark + 1 if mark is not None else 0
        used.append(f)
        for i in range(start, len(lines)):
            ss = secrets_of(f, lines[i])
            if not ss:
                continue
            # a value without its key on the line (a list item) gets the lines above it for context
            key = re.sub(r'(?i)\bvalue\b', '', lines[i][:lines[i].find(ss[0])])
            lo = i if re.search(r'[A-Za-z]', key) else max(start, i - 2)
            ctx = '\n'.join(lines[lo:i + 1]).strip('\n')
            ss = [s for l in lines[lo:i + 1] for s in secrets_of(f, l)]
            row(SRC, ctx, 'sensitive', kind_of(f, lines[i]), list(dict.fromkeys(ss)))
            n_s += 1
        if mark is None:
            continue
        for l in lines[:mark]:
            s = l.strip()
            # only key/value lines (an assignment, an attribute, an element with text), not bare markup
            if len(s) >= 6 and re.search(r'[:=]|>[^<]+<', s) and not re.search(r'(?i)compliant', s) and not MARK.search(s) and not KW_VALUE.search(s) \
                    and not has_pii(s) and not looks_secret(s):
                row(SRC, s, 'clean', 'placeholder')
                n_c += 1
    info(SRC, REPO, commit, used, 'Apache-2.0', 'HELD-OUT. Whispers fixtures: sensitive = marked (hardcoded/fake) values of '
         'the non-compliant part with two lines of context; clean = lines of the compliant part', heldout=True)
    print(f'{SRC}: {n_s} sensitive, {n_c} clean from {len(used)} files', file=sys.stderr)


if __name__ == '__main__':
    main()
