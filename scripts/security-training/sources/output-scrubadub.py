"""scrubadub's detector tests (tests/test_*.py), source `scrubadub-tests`.

HELD-OUT source: built to measure the output guard, never to tune it. Apache-2.0.

scrubadub writes its tests as docstrings "BEFORE: <text> AFTER: <text with {{KIND}} placeholders>" (read
here with `ast`, the way its tests/base.py splits them; the test code is never run), plus templated ones
(`create_docstring` % value, fed by `self.check_*(values...)`). Aligning AFTER with BEFORE gives the exact
substring behind each placeholder. Only kinds this guard's policy hides are secrets (e-mail, phone, SSN,
national insurance and tax reference numbers, cards, driving licences, passwords, addresses); names,
usernames, URLs, social handles, postcodes and birth dates are not, and an address at a reserved example
domain is a placeholder. A pair whose AFTER equals its BEFORE is a clean row (when it holds no e-mail).
"""
import ast
import re
import sys

from output_lib import has_pii, head, info, list_files, placeholder, read_at, row

REPO = 'LeapBeyond/scrubadub'
SRC = 'scrubadub-tests'
KIND = {'EMAIL': 'email', 'PHONE': 'phone', 'SOCIAL_SECURITY_NUMBER': 'ssn', 'NATIONAL_INSURANCE_NUMBER': 'national_id',
        'TAX_REFERENCE_NUMBER': 'tax_id', 'CREDIT_CARD': 'credit_card', 'DRIVERS_LICENCE': 'driver_licence',
        'PASSWORD': 'password', 'ADDRESS': 'address'}
PH = re.compile(r'\{\{([A-Z_]+)(?:-\d+)?\}\}|<b>([A-Z_]+)</b>')
EXAMPLE_MAIL = re.compile(r'(?i)@(?:[\w-]+\.)*example\.(?:com|net|org)\b|\.(?:example|test|invalid|localhost)\b')


def pairs(src: str):
    """(before, after) of every BEFORE/AFTER docstring, literal or templated."""
    tree = ast.parse(src)
    templates = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef):
            doc = ast.get_docstring(node, clean=False)
            if doc and 'BEFORE:' in doc and 'AFTER:' in doc:
                yield doc
            for r in ast.walk(node):
                if isinstance(r, ast.Return) and isinstance(r.value, ast.BinOp) and isinstance(r.value.op, ast.Mod) \
                        and isinstance(r.value.left, ast.Constant) and 'BEFORE:' in str(r.value.left.value):
                    templates[node.name] = r.value.left.value
    if templates:
        tpl = next(iter(templates.values()))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr.startswith('check_'):
                for a in node.args:
                    if isinstance(a, ast.Constant) and isinstance(a.value, str):
                        yield tpl % a.value


def split(doc: str):
    before, after = doc.split('BEFORE:')[1].split('AFTER:')[:2]
    return before.strip(), after.strip()


def align(before: str, after: str):
    """[(kind, value)] behind each placeholder of `after`, or None when the two do not align."""
    parts, kinds, last = [], [], 0
    for m in PH.finditer(after):
        parts.append(re.escape(after[last:m.start()]))
        kinds.append(m.group(1) or m.group(2))
        parts.append('(.+?)')
        last = m.end()
    parts.append(re.escape(after[last:]))
    m = re.fullmatch(''.join(parts), before, re.S)
    return list(zip(kinds, m.groups())) if m else None


def main() -> None:
    commit = head(REPO)
    files = [f for f in list_files(REPO, 'tests', commit) if re.search(r'/test_[^/]+\.py$', f)]
    info(SRC, REPO, commit, files, 'Apache-2.0', 'HELD-OUT. scrubadub BEFORE/AFTER test docstrings: sensitive = text behind '
         'placeholders of kinds this policy hides; clean = pairs scrubadub leaves unchanged', heldout=True)
    n_s = n_c = 0
    for f in files:
        for doc in pairs(read_at(REPO, f, commit)):
            try:
                before, after = split(doc)
            except (IndexError, ValueError):
                continue
            if not before:
                continue
            if before == after:
                if not has_pii(before):
                    row(SRC, before, 'clean', 'prose')
                    n_c += 1
                continue
            found = align(before, after)
            if not found:
                continue
            keep = [(KIND[k], v) for k, v in found if k in KIND and not placeholder(v) and not (k == 'EMAIL' and EXAMPLE_MAIL.search(v))]
            # a value also shown under a kind that stays visible (username root / password root) cannot vanish
            shown = {v for k, v in found if k not in KIND}
            keep = [(k, v) for k, v in keep if v not in shown]
            if keep:
                row(SRC, before, 'sensitive', keep[0][0], [v for _, v in keep])
                n_s += 1
    print(f'{SRC}: {n_s} sensitive, {n_c} clean from {len(files)} files', file=sys.stderr)


if __name__ == '__main__':
    main()
