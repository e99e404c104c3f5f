"""Checksum-valid national identifiers built with python-stdnum (PyPI), source `stdnum-ids`.

Every sensitive value passes the library's own `is_valid` (date parts, region codes and check digits), so a
recogniser that validates checksums must accept it; it is written the way the library formats it or compact.
Hard negatives (label clean, kind `id_lookalike`): the same shapes with one digit changed so the library
rejects them, shown as order, ticket or invoice numbers: what a guard that validates should leave alone.
Driver's licences (no checksums anywhere) follow the published layouts of the UK, US states, DE, IT, IN, KR.
"""
import datetime
import importlib
import random
import string

from output_lib import info, layout, pkg_version, row

SRC = 'stdnum-ids'
VERSION = pkg_version('python-stdnum')

# (stdnum module, kind, label, lang, pattern): D digit, N digit 1-9, A capital letter, %-codes from a birth date;
# a pattern ending in '+' gets its check digits from the module's calc_check_digit(s), others are sampled
# until is_valid accepts them.
IDS = [
    ('gb.nhs', 'nhs', 'NHS number', 'en', 'NDDDDDDDDD'),
    ('in_.aadhaar', 'aadhaar', 'Aadhaar number', 'en', 'NDDDDDDDDDDD'),
    ('in_.pan', 'tax_id', 'PAN', 'en', 'AAAPADDDDA'),
    ('au.tfn', 'tax_id', 'Tax File Number', 'en', 'NDDDDDDDD'),
    ('ca.sin', 'ssn', 'Social Insurance Number', 'en', 'NDDDDDDDD'),
    ('us.ssn', 'ssn', 'SSN', 'en', 'NDDDDDDDD'),
    ('us.itin', 'tax_id', 'ITIN', 'en', '9DD7DDDDD'),
    ('nl.bsn', 'national_id', 'BSN', 'nl', 'NDDDDDDDD'),
    ('pl.pesel', 'national_id', 'PESEL', 'pl', '%y%m%dDDDDD'),
    ('se.personnummer', 'national_id', 'personnummer', 'sv', '%y%m%d-DDDD'),
    ('fr.nir', 'ssn', 'numéro de sécurité sociale', 'fr', '1%y%m75DDDDDDDD'),
    ('es.dni', 'national_id', 'DNI', 'es', 'DDDDDDDD+'),
    ('es.nie', 'national_id', 'NIE', 'es', 'XDDDDDDD+'),
    ('de.idnr', 'tax_id', 'Steuer-Identifikationsnummer', 'de', 'NDDDDDDDDDD'),
    ('br.cpf', 'national_id', 'CPF', 'pt', 'DDDDDDDDD+'),
    ('cn.ric', 'national_id', '身份证号', 'zh', '110101%Y%m%dDDD+'),
    ('kr.rrn', 'national_id', '주민등록번호', 'ko', '%y%m%d1DDDDDD'),
    ('ie.pps', 'national_id', 'PPS number', 'en', 'DDDDDDD+'),
    ('be.nn', 'national_id', 'numéro de registre national', 'fr', '%y%m%dDDDDD'),
    ('dk.cpr', 'national_id', 'CPR-nummer', 'da', '%d%m%y-DDDD'),
    ('no.fodselsnummer', 'national_id', 'fødselsnummer', 'no', '%d%m%yDDDDD'),
    ('fi.hetu', 'national_id', 'henkilötunnus', 'fi', '%d%m%y-DDD+'),
    ('ee.ik', 'national_id', 'isikukood', 'et', '3%y%m%dDDDD'),
    ('za.idnr', 'national_id', 'ID number', 'en', '%y%m%dDDDDDDD'),
    ('tr.tckimlik', 'national_id', 'T.C. kimlik numarası', 'tr', 'NDDDDDDDDDD'),
    ('il.idnr', 'national_id', 'מספר זהות', 'he', 'DDDDDDDD+'),
    ('cl.rut', 'national_id', 'RUT', 'es', 'NDDDDDDD+'),
    ('ch.ssn', 'ssn', 'AHV-Nummer', 'de', '756DDDDDDDDDD'),
    ('at.vnr', 'ssn', 'Sozialversicherungsnummer', 'de', 'NDDD%d%m%y'),
    ('gr.amka', 'ssn', 'ΑΜΚΑ', 'el', '%d%m%yDDDDD'),
    ('ro.cnp', 'national_id', 'CNP', 'ro', '1%y%m%d40DDDD'),
    ('hr.oib', 'national_id', 'OIB', 'hr', 'NDDDDDDDDDD'),
    ('bg.egn', 'national_id', 'ЕГН', 'en', '%y%m%dDDDD'),
    ('cz.rc', 'national_id', 'rodné číslo', 'cs', '%y%m%d/DDDD'),
    ('is_.kennitala', 'national_id', 'kennitala', 'en', '%d%m%yDDD9'),
    ('jp.in_', 'national_id', 'マイナンバー', 'ja', 'NDDDDDDDDDD+'),
    ('th.pin', 'national_id', 'เลขประจำตัวประชาชน', 'th', 'NDDDDDDDDDDD+'),
    ('my.nric', 'national_id', 'MyKad number', 'en', '%y%m%d-14-DDDD'),
    ('pk.cnic', 'national_id', 'CNIC', 'en', 'NDDDD-DDDDDDD-D'),
    ('nz.ird', 'tax_id', 'IRD number', 'en', 'NDDDDDDD+'),
    ('ua.rntrc', 'tax_id', 'РНОКПП', 'uk', 'NDDDDDDDDD'),
    ('ru.inn', 'tax_id', 'ИНН', 'ru', 'NDDDDDDDDDDD'),
    ('gb.utr', 'tax_id', 'Unique Taxpayer Reference', 'en', 'NDDDDDDDDD'),
    ('lt.asmens', 'national_id', 'asmens kodas', 'en', '3%y%m%dDDDD'),
    ('si.emso', 'national_id', 'EMŠO', 'en', '%d%m0%y50DDD+'),
]

NEUTRAL_NUMBERS = ['Order #{v} has shipped and should arrive on Tuesday.', 'Ticket {v} was closed by the support team.',
                   'Invoice no. {v} — total due €{p}.', 'Tracking number: {v}', 'Run {v} finished in {s} s with exit code 0.',
                   'Your booking reference is {v}.', 'Part number {v} fits the 2019 model.', 'Build {v} passed all checks.',
                   'The lottery numbers were drawn: {v}.', 'See catalogue item {v} on page {s}.']


def birth(rng: random.Random) -> datetime.date:
    return datetime.date(1940, 1, 1) + datetime.timedelta(days=rng.randrange(0, 60 * 365))


def fill(rng: random.Random, pattern: str) -> str:
    s = birth(rng).strftime(pattern.rstrip('+')) if '%' in pattern else pattern.rstrip('+')
    out = []
    for ch in s:
        out.append(rng.choice(string.digits) if ch == 'D' else rng.choice('123456789') if ch == 'N'
                   else rng.choice(string.ascii_uppercase) if ch == 'A' else ch)
    return ''.join(out)


def gen(rng: random.Random, mod, pattern: str) -> str | None:
    for _ in range(20000):
        base = fill(rng, pattern)
        if pattern.endswith('+'):
            calc = next((getattr(mod, n) for n in ('calc_check_digits', 'calc_check_digit', '_calc_check_digits', 'checksum') if hasattr(mod, n)), None)
            if calc is None:  # no public calculator: the check digits are sampled too
                base += ''.join(rng.choice(string.digits) for _ in range(rng.choice((1, 2))))
                calc = lambda _b: ''
            try:
                base = base + str(calc(base.replace('-', '').replace('/', '')))
            except Exception:
                continue
        try:
            if mod.is_valid(base):
                return base
        except Exception:
            pass
    return None


def shown(rng: random.Random, mod, v: str) -> str:
    """As the library formats it, as generated, or compact."""
    choices = [v]
    if hasattr(mod, 'format'):
        try:
            choices += [mod.format(v)] * 2
        except Exception:
            pass
    if hasattr(mod, 'compact'):
        choices.append(mod.compact(v))
    return rng.choice(choices)


def lookalike(rng: random.Random, mod, v: str) -> str | None:
    digits = [i for i, c in enumerate(v) if c.isdigit()]
    for _ in range(20):
        i = rng.choice(digits)
        w = v[:i] + rng.choice([d for d in string.digits if d != v[i]]) + v[i + 1:]
        try:
            ok = mod.is_valid(w)
        except Exception:
            ok = False
        if not ok:
            return w
    return None


def uk_licence(rng: random.Random, surname: str, initials: str) -> str:
    d = birth(rng)
    sn = (''.join(c for c in surname.upper() if c.isalpha()) + '99999')[:5]
    month = d.month + (50 if rng.random() < 0.5 else 0)
    return f'{sn}{str(d.year)[2]}{month:02d}{d.day:02d}{str(d.year)[3]}{(initials + "9")[:2]}9{rng.choice(string.ascii_uppercase)}{rng.choice(string.ascii_uppercase)}'


def nino(rng: random.Random) -> str:
    """A UK National Insurance number with an allocatable prefix (HMRC's published exclusions)."""
    while True:
        a, b = rng.choice('ABCEGHJKLMNOPRSTWXYZ'), rng.choice('ABCEGHJKLMNPRSTWXYZ')
        if a + b not in ('BG', 'GB', 'NK', 'KN', 'TN', 'NT', 'ZZ'):
            break
    d = ''.join(rng.choice(string.digits) for _ in range(6))
    return rng.choice([f'{a}{b}{d}{rng.choice("ABCD")}', f'{a}{b} {d[:2]} {d[2:4]} {d[4:]} {rng.choice("ABCD")}'])


def licences(rng: random.Random, faker) -> tuple[str, str, str]:
    r = rng.random()
    up, dg = string.ascii_uppercase, string.digits
    pick = lambda pool, n: ''.join(rng.choice(pool) for _ in range(n))
    if r < 0.3:
        return uk_licence(rng, faker.last_name(), faker.first_name()[0] + faker.first_name()[0]), 'driving licence number', 'en'
    if r < 0.45:
        return rng.choice(up) + pick(dg, 7), "California driver's license number", 'en'
    if r < 0.55:
        n = rng.choice(up) + pick(dg, 12)
        return f'{n[:4]}-{n[4:7]}-{n[7:9]}-{n[9:12]}-{n[12]}', "Florida driver's license", 'en'
    if r < 0.65:
        return rng.choice(up) + pick(dg, 3) + pick(up, 3) + rng.choice(dg) + rng.choice(up) + pick(dg, 2), 'Führerscheinnummer', 'de'
    if r < 0.75:
        return 'U1' + pick(up + dg, 7) + rng.choice(up), 'numero di patente', 'it'
    if r < 0.88:
        return f'{rng.choice(["MH", "DL", "KA", "TN"])}{pick(dg, 2)} {rng.randint(1995, 2023)}{pick(dg, 7)}', 'driving licence number', 'en'
    return f'{pick(dg, 2)}-{pick(dg, 2)}-{pick(dg, 6)}-{pick(dg, 2)}', '운전면허번호', 'ko'


def main() -> None:
    from faker import Faker
    rng = random.Random(29)
    faker = Faker('en_GB')
    faker.seed_instance(29)
    info(SRC, f'pypi:python-stdnum@{VERSION}', VERSION, [f'stdnum.{m}' for m, *_ in IDS], 'LGPL-2.1-or-later (library; generated values only)',
         'checksum-valid IDs of ~45 countries (stdnum is_valid), driver licences by published layout; clean: one-digit lookalikes that fail the checksum')
    mods = {m: importlib.import_module(f'stdnum.{m}') for m, *_ in IDS}
    for i in range(1300):
        m, kind, label, lang, pattern = IDS[i % len(IDS)]
        v = gen(rng, mods[m], pattern)
        if v is None:
            continue
        s = shown(rng, mods[m], v)
        row(SRC, layout(rng, lang, label, s, name=faker.name(), city=faker.city()), 'sensitive', kind, [s], lang)
        if i % 3 == 0:
            w = lookalike(rng, mods[m], s)
            if w:
                t = rng.choice(NEUTRAL_NUMBERS).format(v=w, p=f'{rng.randint(10, 900)}.{rng.randint(0, 99):02d}', s=rng.randint(2, 99))
                row(SRC, t, 'clean', 'id_lookalike', lang='en')
    for _ in range(60):
        v = nino(rng)
        row(SRC, layout(rng, 'en', 'National Insurance number', v, name=faker.name(), city=faker.city()), 'sensitive', 'national_id', [v], 'en')
    for _ in range(250):
        v, label, lang = licences(rng, faker)
        row(SRC, layout(rng, lang, label, v, name=faker.name(), city=faker.city()), 'sensitive', 'driver_licence', [v], lang)


if __name__ == '__main__':
    main()
