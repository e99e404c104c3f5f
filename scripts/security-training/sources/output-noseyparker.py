"""Nosey Parker's rule examples (crates/noseyparker/data/default/builtin/rules/*.yml), source `noseyparker-rules`.

Rules of the `secret` category only (identifier rules such as bucket URLs are left out). Every rule carries `examples` (text it must match) and `negative_examples` (text it must not). The rule's
pattern (Rust regex syntax, verbose mode; run with the `regex` module) finds the secret in an example: the
last capture group that does not follow a user, account, host or key-id cue (where a rule captures an (id,
secret) or (user, password, host) tuple, the credential). An example
it does not match is dropped. A negative example is a clean row only if no Nosey Parker rule matches it and
it holds no e-mail address. Some examples are wrapped as an answer (prose or a fenced block).
"""
import random
import sys

import regex
import yaml

from output_lib import has_pii, looks_secret, head, info, list_files, read_at, row

REPO = 'praetorian-inc/noseyparker'
SRC = 'noseyparker-rules'
DIR = 'crates/noseyparker/data/default/builtin/rules'
WRAPS = ['{t}', '{t}', 'Here is the snippet:\n\n```\n{t}\n```', 'You can configure it like this:\n{t}',
         'This is what the file contains:\n```\n{t}\n```\nRemember to keep it out of version control.']


def kind_of(rule: dict) -> str:
    name = rule.get('name', '').lower()
    if 'private key' in name or 'pem' in name:
        return 'private_key'
    if 'password' in name or 'credentials in' in name or 'basic auth' in name:
        return 'password'
    if 'connection string' in name or 'uri' in name or 'url' in name:
        return 'connection_string'
    if 'jwt' in name or 'json web token' in name:
        return 'jwt'
    return 'api_key'


NOT_SECRET_BEFORE = regex.compile(r'(?i)(?:(?<![a-z])(?:user(?:name)?|uid|login|account(?:name)?|host(?:name)?|client_?id|key_?id|-u)\W{0,6}|@|//)$')
# What an example may capture that is no secret to hide: a variable, a template, a mask, the word itself.
PLACEHOLDER = regex.compile(r'(?i)^(?:\$\w+|\$\{\w+\}|%\w+%|<[^>]+>|\{\{.*\}\}|(.)\1+|(?:my|your)?_?pass(?:word)?|x+|\*+)$')


def secret_of(m) -> str:
    """The credential among the captures: for (user, password, host)-style rules not the user or host."""
    groups = [i for i in range(1, (m.re.groups or 0) + 1) if m.group(i)]
    if not groups:
        return m.group(0)
    text = m.string
    url_pw = [i for i in groups if regex.search(r'://[^/\s:@]*:$', text[max(0, m.start(i) - 80):m.start(i)])]
    if url_pw:
        return m.group(url_pw[0])  # scheme://user:PASSWORD@host
    keep = [i for i in groups if not NOT_SECRET_BEFORE.search(text[max(0, m.start(i) - 24):m.start(i)])]
    return m.group((keep or groups)[-1])


def main() -> None:
    rng = random.Random(43)
    commit = head(REPO)
    files = [f for f in list_files(REPO, DIR, commit) if f.endswith(('.yml', '.yaml'))]
    info(SRC, REPO, commit, files, 'Apache-2.0', 'Nosey Parker rule examples (secret = the credential capture) and negative examples no rule matches')
    rules = []
    for f in files:
        for r in (yaml.safe_load(read_at(REPO, f, commit)) or {}).get('rules', []):
            try:
                r['_rx'] = regex.compile(r['pattern'], regex.V0)
            except Exception as e:
                print(f'{SRC}: {r.get("id")}: pattern not compiled ({e})', file=sys.stderr)
                r['_rx'] = None
            rules.append(r)
    dropped = 0
    for r in rules:
        if 'secret' not in (r.get('categories') or []):
            continue  # identifiers (bucket names, hosts, account ids): not secrets to hide
        for ex in r.get('examples') or []:
            m = r['_rx'].search(ex) if r['_rx'] else None
            s = secret_of(m) if m else None
            if not s or PLACEHOLDER.match(s):
                dropped += 1
                continue
            row(SRC, rng.choice(WRAPS).format(t=ex.strip('\n')), 'sensitive', kind_of(r), [s])
        for ex in r.get('negative_examples') or []:
            if not has_pii(ex) and not looks_secret(ex) and not any(q['_rx'] and q['_rx'].search(ex) for q in rules):
                row(SRC, ex, 'clean', 'code')
    print(f'{SRC}: {dropped} examples dropped (not matched by their own pattern, or the capture is a placeholder)', file=sys.stderr)


if __name__ == '__main__':
    main()
