"""secretlint rule snapshot fixtures (packages/@secretlint/secretlint-rule-*/test/snapshots/*/), source `secretlint-fixtures`.

HELD-OUT source: built to measure the output guard, never to tune it. MIT.

Each snapshot directory holds an input file and secretlint's expected output.json. A snapshot with messages
is sensitive: its secrets are the values the messages name (`data`, else the `range` slice of the input);
the whole input is one row and every line holding a secret another (an answer quoting one line of a config).
A snapshot without messages (`ok.*`: placeholders, dummy values, near misses) is a clean row when it holds
no e-mail and nothing looks_secret flags (some are "ok" only because a rule option disabled the check).
"""
import json
import random
import sys

import re

from output_lib import has_pii, head, info, list_files, looks_secret, placeholder, read_at, row

REPO = 'secretlint/secretlint'
SRC = 'secretlint-fixtures'
ROOT = 'packages/@secretlint'
WRAPS = ['{t}', 'Here is the file:\n\n```\n{t}\n```', 'Your config should look like this:\n{t}']
# rules whose fixtures are no secrets: the core's own test rules, file-name and path rules, comment filters
SKIP = ('internal-test', 'rule-example', 'rule-pattern', 'filter-comments', 'no-homedir', 'no-dotenv', 'preset-')
URL_PW = re.compile(r'://[^:/@\s]*:([^@\s]+)@')
BINARY = ('.p12', '.png', '.pem', '.crt', '.csr', '.json', '.mjs', '.ts')


def kind_of(rule: str, text: str) -> str:
    r = rule.lower()
    if 'privatekey' in r or 'PRIVATE KEY' in text:
        return 'private_key'
    if 'basicauth' in r or 'connection' in r:
        return 'url_credentials'
    if 'no-dotenv' in r or 'k8s' in r:
        return 'password'
    return 'api_key'


def main() -> None:
    rng = random.Random(73)
    commit = head(REPO)
    files = list_files(REPO, ROOT, commit)
    snaps = sorted({f.rsplit('/', 1)[0] for f in files if '/test/snapshots/' in f and f.endswith('/output.json') and '/secretlint-rule-' in f})
    used = []
    n_s = n_c = 0
    for d in snaps:
        inputs = [f for f in files if f.rsplit('/', 1)[0] == d and f.rsplit('/', 1)[1].startswith('input') and not f.endswith(BINARY)]
        if len(inputs) != 1 or any(k in d for k in SKIP):
            continue
        try:
            text = read_at(REPO, inputs[0], commit)
            out = json.loads(read_at(REPO, f'{d}/output.json', commit))
        except (UnicodeDecodeError, ValueError, Exception):
            continue
        used.append(inputs[0])
        msgs = out.get('messages') or []
        rule = d.split('/')[2]
        if not msgs:
            if d.rsplit('/', 1)[1].startswith('options.'):
                continue
            if text.strip() and not has_pii(text) and not looks_secret(text):
                row(SRC, text, 'clean', 'placeholder')
                n_c += 1
            continue
        secrets = []
        for m in msgs:
            vals = [v for v in (m.get('data') or {}).values() if isinstance(v, str) and len(v) >= 6 and v in text]
            rg = m.get('range')
            if not vals and isinstance(rg, list) and len(rg) == 2:
                s = (out.get('sourceContent') or text)[rg[0]:rg[1]]
                if len(s) >= 6 and s in text:
                    vals = [s]
            secrets += vals
        # a URL's credential is its password (the user and host are not secret); placeholders are no secrets
        secrets = [m.group(1) if (m := URL_PW.search(s)) else s for s in secrets]
        secrets = [s for s in dict.fromkeys(secrets) if not placeholder(s)]
        if not secrets:
            continue
        kind = kind_of(rule, text)
        row(SRC, rng.choice(WRAPS).format(t=text.strip('\n')), 'sensitive', kind, secrets)
        n_s += 1
        if kind != 'private_key':
            for ln in text.splitlines():
                ss = [s for s in secrets if s in ln]
                if ss and ln.strip() != text.strip():
                    row(SRC, ln.strip(), 'sensitive', kind, ss)
                    n_s += 1
    info(SRC, REPO, commit, used, 'MIT', 'HELD-OUT. secretlint rule snapshots: sensitive = values the expected messages name (a URL: its password; placeholders dropped); '
         'clean = message-free snapshots with nothing credential-looking', heldout=True)
    print(f'{SRC}: {n_s} sensitive, {n_c} clean from {len(used)} snapshots', file=sys.stderr)


if __name__ == '__main__':
    main()
