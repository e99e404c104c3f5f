"""Microsoft Presidio's recogniser test cases, source `presidio-tests` (valid and invalid examples per country).

The test modules are parsed, never run: every `pytest.mark.parametrize` table of a recogniser test that
matters to the output guard is read with `ast.literal_eval`. A case whose expected count is > 0 becomes a
sensitive row with the expected spans as secrets; one with count 0 (checksum failures, wrong shapes) a clean
hard negative. Cases Presidio expects only at a weak score (< 0.5, i.e. no context, dropped by its default
threshold) are left out, as are texts that are positive in another case, and phones in the fictional
555-01xx range (clean by this corpus's policy, see output-hard-negatives.ts).
"""
import ast
import re

from output_lib import head, info, list_files, read_at, row

REPO = 'microsoft/presidio'
SRC = 'presidio-tests'
# test module stem -> kind; the rest (NER engines, dates, URLs, business registers, plates) is out of scope.
KINDS = {
    'us_bank': 'bank_account', 'au_medicare': 'health_id', 'au_tfn': 'tax_id', 'ca_sin': 'ssn', 'credit_card': 'credit_card',
    'crypto': 'crypto', 'de_fuehrerschein': 'driver_licence', 'de_health_insurance': 'health_id', 'de_id_card': 'national_id',
    'de_passport': 'passport', 'de_social_security': 'ssn', 'de_tax_id': 'tax_id', 'email': 'email', 'es_nie': 'national_id',
    'es_nif': 'national_id', 'es_passport': 'passport', 'fi_personal_identity_code': 'national_id', 'iban': 'iban',
    'in_aadhaar': 'aadhaar', 'in_pan': 'tax_id', 'in_passport': 'passport', 'in_voter': 'national_id', 'ip': 'ip',
    'it_driver_license': 'driver_licence', 'it_fiscal_code': 'national_id', 'it_identity_card': 'national_id',
    'it_passport': 'passport', 'kr_driver_license': 'driver_licence', 'kr_frn': 'national_id', 'kr_passport': 'passport',
    'kr_rrn': 'national_id', 'ng_nin': 'national_id', 'ph_mobile_number': 'phone', 'ph_tin': 'tax_id', 'phone': 'phone',
    'pl_pesel': 'national_id', 'se_personnummer': 'national_id', 'sg_fin': 'national_id', 'th_tnin': 'national_id',
    'tr_national_id': 'national_id', 'tr_phone_number': 'phone', 'uk_driving_licence': 'driver_licence', 'uk_nhs': 'nhs',
    'uk_nino': 'national_id', 'uk_passport': 'passport', 'us_driver_license': 'driver_licence', 'us_itin': 'tax_id',
    'us_mbi': 'health_id', 'us_passport': 'passport', 'us_ssn': 'ssn', 'za_id_number': 'national_id',
}
FICTIONAL = re.compile(r'555[-. ]?01\d\d')


def spans(v):
    """((s, e), ...) or (s, e) -> list of pairs; anything else -> None."""
    pair = lambda x: isinstance(x, tuple) and len(x) == 2 and all(isinstance(i, int) for i in x)
    if pair(v):
        return [v]
    if isinstance(v, tuple) and v and all(pair(x) for x in v):
        return list(v)
    if v == () or v == []:
        return []
    return None


def top_score(v):
    """Highest expected score of a case, if the table has one."""
    nums = []
    def walk(x):
        if isinstance(x, (int, float)) and not isinstance(x, bool):
            nums.append(float(x))
        elif isinstance(x, (tuple, list)):
            for y in x:
                walk(y)
    walk(v)
    return max(nums) if nums else None


def cases(src: str):
    """(text, count, spans, score) of every parametrize table; count/spans None when the table has none."""
    for node in ast.walk(ast.parse(src)):
        if not (isinstance(node, ast.Call) and getattr(node.func, 'attr', '') == 'parametrize' and len(node.args) >= 2):
            continue
        try:
            names = [n.strip() for n in ast.literal_eval(node.args[0]).split(',')] if isinstance(node.args[0], ast.Constant) else None
        except Exception:
            continue
        if not names or not isinstance(node.args[1], (ast.List, ast.Tuple)):
            continue
        for elt in node.args[1].elts:
            try:
                vals = ast.literal_eval(elt)
            except Exception:
                continue
            if not isinstance(vals, tuple) or len(vals) != len(names) or not isinstance(vals[0], str):
                continue
            d = dict(zip(names, vals))
            count = next((d[n] for n in names if 'len' in n or n == 'expected_count'), None)
            if count is None and isinstance(vals[1], bool):
                count = 1 if vals[1] else 0  # "number, expected" validator tables
            sp = next((s for n in names[1:] if ('position' in n or n.endswith('_res')) and (s := spans(d[n])) is not None), None)
            score = next((top_score(d[n]) for n in names if 'score' in n), None)
            yield vals[0], count, sp, score


def main() -> None:
    commit = head(REPO)
    files = [f for f in list_files(REPO, 'presidio-analyzer/tests') if (m := re.match(r'.*/test_(.+)_recognizer\.py$', f)) and m.group(1) in KINDS]
    info(SRC, REPO, commit, files, 'MIT', 'recogniser test cases of Presidio: positives (expected spans) and negatives (count 0) per country')
    pos, neg = [], []
    for f in files:
        kind = KINDS[re.match(r'.*/test_(.+)_recognizer\.py$', f).group(1)]
        for text, count, sp, score in cases(read_at(REPO, f, commit)):
            if not isinstance(count, int) or not text.strip():
                continue
            if count > 0:
                if score is not None and score < 0.5:
                    continue
                if sp:
                    secrets = [text[s:e] for s, e in sp]
                elif count == 1:
                    secrets = [text.strip()]  # whole-text positive without positions
                else:
                    continue
                if all(FICTIONAL.search(s) for s in secrets):
                    continue
                pos.append((text, kind, secrets))
            else:
                neg.append((text, kind))
    positive = {t for t, *_ in pos}
    for text, kind, secrets in pos:
        row(SRC, text, 'sensitive', kind, secrets)
    for text, kind in neg:
        if text not in positive:
            row(SRC, text, 'clean', f'invalid_{kind}')


if __name__ == '__main__':
    main()
