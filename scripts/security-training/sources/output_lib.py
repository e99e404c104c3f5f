"""Shared plumbing of the Python output-corpus builders (run by outputs.ts in the guard-data venv).

A builder prints JSON lines on stdout: {"info": SourceInfo} once per source, then {"row": GuardRow-without-id}
per row (with "source"). outputs.ts hands them to lib.ts's writeSource, so dedup, ids and the manifest are
the same as for the TypeScript builders. Everything is seeded: a re-run gives the same rows.
"""
from __future__ import annotations

import json
import os
import random
import re
import subprocess
import sys

MIRRORS = os.environ.get('GUARD_MIRRORS', '/work/.mirror')

# Reproducible across runs and days: generators that read the clock (Faker's dates of birth, passport and
# card expiry dates) see a fixed "now", and anything using the global RNG is seeded. outputs.ts also sets
# PYTHONHASHSEED=0 so set iteration order is fixed.
from freezegun import freeze_time  # noqa: E402

freeze_time('2025-01-15 12:00:00').start()
random.seed(15)


def git_dir(repo: str) -> str:
    d = os.path.join(MIRRORS, repo.replace('/', '+'), 'repo')
    if not os.path.exists(os.path.join(d, 'HEAD')):
        raise SystemExit(f'no snapshot of {repo} under {MIRRORS}: fetch it first')
    return d


def head(repo: str) -> str:
    return subprocess.check_output(['git', '--git-dir', git_dir(repo), 'rev-parse', 'HEAD^{commit}'], text=True).strip()


def read_at(repo: str, path: str, commit: str = 'HEAD') -> str:
    return subprocess.check_output(['git', '--git-dir', git_dir(repo), 'show', f'{commit}:{path}'], text=True)


def list_files(repo: str, under: str = '.', commit: str = 'HEAD') -> list[str]:
    out = subprocess.check_output(['git', '--git-dir', git_dir(repo), 'ls-tree', '-r', '--name-only', commit, '--', under], text=True)
    return [p for p in out.split('\n') if p]


def info(source: str, repo: str, commit: str, paths: list[str], licence: str, note: str, heldout: bool = False) -> None:
    """heldout: the source only measures the guard (score-output.ts reports it apart); never tune on it."""
    i = {'source': source, 'direction': 'output', 'repo': repo, 'commit': commit, 'paths': paths, 'licence': licence, 'note': note}
    print(json.dumps({'info': {**i, 'heldout': True} if heldout else i}, ensure_ascii=False))


def row(source: str, text: str, label: str, kind: str, secrets: list[str] | None = None, lang: str | None = None) -> None:
    if label == 'sensitive':
        secrets = [s for s in dict.fromkeys(secrets or []) if s]
        if not secrets or any(s not in text for s in secrets):
            print(f'{source}: secret not in text, row dropped: {text[:80]!r}', file=sys.stderr)
            return
    r = {'source': source, 'text': text, 'label': label, 'kind': kind}
    if lang:
        r['lang'] = lang
    if label == 'sensitive':
        r['secrets'] = secrets
    print(json.dumps({'row': r}, ensure_ascii=False))


_EMAIL = None


def has_pii(text: str) -> bool:
    """An e-mail outside the reserved example domains: a secret scanner's negative may still be PII for this corpus."""
    import re
    global _EMAIL
    _EMAIL = _EMAIL or re.compile(r'[\w.+-]+@(?![\w.-]*\bexample\.(?:com|net|org)\b|[\w.-]+\.(?:example|test|invalid|localhost)\b)[\w-]+(?:\.[\w-]+)*\.[A-Za-z]{2,}')
    return bool(_EMAIL.search(text))


_TOKEN = None


def looks_secret(text: str) -> bool:
    """A scanner's negative that still holds a credential-looking value (for a general output guard it would
    be a secret): a run of >= 16 letters+digits with Shannon entropy >= 3.5 bits per char, or a secret keyword
    assigned a value of >= 6 chars that is not a template ($VAR, <...>, {{...}}, ***). Such rows are neither
    clean nor sensitive here, so they are left out."""
    import math
    import re
    from collections import Counter
    global _TOKEN
    _TOKEN = _TOKEN or (re.compile(r'[A-Za-z0-9+/_~.=-]{16,}'),
                        re.compile(r'(?i)(?:pass(?:word|wd)?|pwd|secret|token|api[_-]?key|access[_-]?key|credential)[\w.-]*["\']?\s*(?:=|:|=>)\s*["\']?([^\s"\'<>]{6,})'))
    tok, kw = _TOKEN
    for m in tok.finditer(text):
        t = m.group(0)
        if any(c.isdigit() for c in t) and any(c.isalpha() for c in t):
            c = Counter(t)
            if -sum(n / len(t) * math.log2(n / len(t)) for n in c.values()) >= 3.5:
                return True
    for m in kw.finditer(text):
        v = m.group(1)
        if not re.match(r'^(?:\$|<|\{\{|%|\*{3}|\[)', v) and not re.fullmatch(r'(.)\1+', v):
            return True
    return False


def pkg_version(name: str) -> str:
    from importlib.metadata import version
    return version(name)


# ---------------------------------------------------------------- answer layouts, per language
# How a model answer may carry a value: a sentence in the user's language, or a language-neutral layout.
# {l} is the field's label, {v} the value.
FRAMES: dict[str, list[str]] = {
    'en': ['Your {l} is {v}.', 'Sure! The {l} on file is {v}.', 'Here it is: {l}: {v}', 'I found the record. {l} = {v}, updated last week.',
           'The {l} you asked for is {v} — keep it somewhere safe.', 'According to the form, the applicant\'s {l} was {v}.'],
    'de': ['Ihre {l} lautet {v}.', 'Gern! Die hinterlegte {l} ist {v}.', 'Laut Unterlagen: {l} {v}.', 'Die {l} des Antragstellers ist {v}, bitte prüfen.'],
    'fr': ['Votre {l} est {v}.', 'Bien sûr ! Le {l} enregistré est {v}.', 'Voici les informations : {l} : {v}', 'D\'après le dossier, {l} = {v}.'],
    'es': ['Su {l} es {v}.', '¡Claro! El {l} registrado es {v}.', 'Aquí tienes: {l}: {v}', 'Según el expediente, el {l} del cliente es {v}.'],
    'it': ['Il tuo {l} è {v}.', 'Certo! Il {l} registrato è {v}.', 'Ecco i dati: {l}: {v}', 'Dal fascicolo risulta {l} {v}.'],
    'pt': ['O seu {l} é {v}.', 'Claro! O {l} cadastrado é {v}.', 'Aqui está: {l}: {v}', 'Segundo o cadastro, o {l} do titular é {v}.'],
    'nl': ['Uw {l} is {v}.', 'Zeker! Het geregistreerde {l} is {v}.', 'Hier is het: {l}: {v}'],
    'pl': ['Twój {l} to {v}.', 'Oczywiście! Zapisany {l}: {v}.', 'Według dokumentów {l} wynosi {v}.'],
    'sv': ['Ditt {l} är {v}.', 'Absolut! Registrerat {l}: {v}.', 'Enligt underlaget är {l} {v}.'],
    'fi': ['Henkilön {l} on {v}.', 'Tässä: {l}: {v}'],
    'no': ['Ditt {l} er {v}.', 'Her er det: {l}: {v}'],
    'da': ['Dit {l} er {v}.', 'Her er det: {l}: {v}'],
    'cs': ['Vaše {l} je {v}.', 'Zde: {l}: {v}'],
    'tr': ['{l} bilginiz: {v}.', 'Kayıtlı {l}: {v}'],
    'ko': ['고객님의 {l}은(는) {v}입니다.', '{l}: {v} (확인 완료)'],
    'zh': ['您的{l}是{v}。', '查询结果：{l}：{v}'],
    'ja': ['お客様の{l}は{v}です。', '{l}：{v}'],
    'ru': ['Ваш {l}: {v}.', 'Согласно анкете, {l} — {v}.'],
    'uk': ['Ваш {l}: {v}.'],
    'hi': ['आपका {l} {v} है।', '{l}: {v}'],
    'ar': ['رقم {l} الخاص بك هو {v}.'],
    'he': ['ה{l} שלך הוא {v}.'],
    'el': ['Ο {l} σας είναι {v}.'],
    'ro': ['{l} dumneavoastră este {v}.'],
    'hu': ['Az Ön {l}: {v}.'],
    'th': ['{l} ของคุณคือ {v}'],
    'et': ['Teie {l} on {v}.'],
    'hr': ['Vaš {l} je {v}.'],
}

NEUTRAL = [
    '| Field | Value |\n| --- | --- |\n| {l} | {v} |\n| Status | verified |',
    '```json\n{{"{k}": "{v}", "verified": true}}\n```',
    '{{"customer": {{"{k}": "{v}"}}}}',
    '- Name: {name}\n- {l}: {v}\n- Updated: 2024-03-11',
    '{l}\n{v}',
    '{k}={v}',
    '{name}, {l} {v}',
    '{name}\t{v}\t{city}',
    'Record 1 of 1\n  {l}: {v}\n  holder: {name}',
]


def layout(rng: random.Random, lang: str, label: str, value: str, name: str = 'A. Customer', city: str = 'Springfield') -> str:
    """One answer carrying `value`, in `lang` (falls back to English) or a neutral layout."""
    base = lang.split('_')[0].split('-')[0]
    frames = FRAMES.get(base, FRAMES['en'])
    key = ''.join(ch if ch.isalnum() else '_' for ch in label.lower()).strip('_') or 'id'
    if rng.random() < 0.35:
        t = rng.choice(NEUTRAL)
    else:
        t = rng.choice(frames)
    return t.format(l=label, v=value, k=key, name=name, city=city)


# Documented sample values (the same list output-hard-negatives.ts labels clean as `sample_key`).
SAMPLES = {'AKIAIOSFODNN7EXAMPLE', 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', '4111111111111111', '4242424242424242',
           'DE89370400440532013000',
           'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c'}
_PH = re.compile(r'(?i)^(?:\$\w+|\$\{[^}]*\}|%\w+%|<[^>]*>|\{\{.*\}\}|(?:my|your)?_?(?:pass(?:word|wd)?|secret|user(?:name)?|token|changeme|key)s?)$')


def placeholder(value: str) -> bool:
    """A value this corpus's policy does not count as a secret, whatever a scanner's test says: a template
    ($VAR, <...>, {{...}}), a mask or filler (a run of >= 6 identical chars: xxxxxx, AAAAAA, ******), a
    placeholder word (password, USERNAME, YOUR_TOKEN), a documented sample value, or an identifier the
    policy leaves visible (a bare UUID: client and tenant ids are not credentials; UUIDs are hard negatives)."""
    v = value.strip()
    compact = re.sub(r'[\s-]', '', v)
    return (bool(_PH.match(v)) or bool(re.search(r'(.)\1{5}', v)) or compact in SAMPLES or v in SAMPLES
            or bool(re.fullmatch(r'[A-Z][A-Z_]{3,}', v)) or bool(re.fullmatch(r'(?i)[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}', v)))
