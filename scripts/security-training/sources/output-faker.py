"""Sensitive output rows generated with the Faker library (PyPI `faker`), three sources:

- faker-ids:     national IDs, tax and health numbers, passports from the locale providers that really have
                 them (locales that fall back to the US SSN generator are left out), in the locale's language
                 or a neutral layout, US SSNs also with spaces / dots / no separators;
- faker-contact: phone numbers (national and international), e-mails and street addresses in ~35 locales;
- faker-finance: card numbers of every brand (grouped, dashed, plain), IBAN/BBAN per country, public IPs.
"""
import random

from faker import Faker

from output_lib import info, layout, pkg_version, row

N_PER_SOURCE = 1800
VERSION = pkg_version('faker')

# (locale, faker method, kind, label in the locale's language, lang)
IDS = [
    ('en_US', 'ssn', 'ssn', 'Social Security number', 'en'),
    ('en_US', 'itin', 'tax_id', 'ITIN', 'en'),
    ('en_IN', 'aadhaar_id', 'aadhaar', 'Aadhaar number', 'en'),
    ('en_IN', 'pan', 'tax_id', 'PAN', 'en'),
    ('it_IT', 'ssn', 'national_id', 'codice fiscale', 'it'),
    ('it_IT', 'cie', 'national_id', 'numero della carta d\'identità', 'it'),
    ('es_ES', 'nie', 'national_id', 'NIE', 'es'),
    ('es_ES', 'nif', 'national_id', 'NIF', 'es'),
    ('es_ES', 'nuss', 'ssn', 'número de la Seguridad Social', 'es'),
    ('fr_FR', 'ssn', 'ssn', 'numéro de sécurité sociale', 'fr'),
    ('de_DE', 'kvnr', 'health_id', 'Krankenversichertennummer', 'de'),
    ('de_DE', 'rvnr', 'ssn', 'Rentenversicherungsnummer', 'de'),
    ('pt_BR', 'cpf', 'national_id', 'CPF', 'pt'),
    ('pt_BR', 'rg', 'national_id', 'RG', 'pt'),
    ('zh_CN', 'ssn', 'national_id', '身份证号码', 'zh'),
    ('ko_KR', 'ssn', 'national_id', '주민등록번호', 'ko'),
    ('pl_PL', 'ssn', 'national_id', 'numer PESEL', 'pl'),
    ('nl_NL', 'ssn', 'national_id', 'burgerservicenummer', 'nl'),
    ('sv_SE', 'ssn', 'national_id', 'personnummer', 'sv'),
    ('en_CA', 'ssn', 'ssn', 'Social Insurance Number', 'en'),
    ('fi_FI', 'ssn', 'national_id', 'henkilötunnus', 'fi'),
    ('no_NO', 'ssn', 'national_id', 'fødselsnummer', 'no'),
    ('ru_RU', 'ssn', 'tax_id', 'ИНН', 'ru'),
    ('uk_UA', 'ssn', 'tax_id', 'РНОКПП', 'uk'),
    ('tr_TR', 'ssn', 'national_id', 'T.C. kimlik numarası', 'tr'),
    ('cs_CZ', 'birth_number', 'national_id', 'rodné číslo', 'cs'),
    ('ro_RO', 'ssn', 'national_id', 'CNP', 'ro'),
    ('hu_HU', 'ssn', 'national_id', 'személyi azonosító', 'hu'),
    ('he_IL', 'ssn', 'national_id', 'מספר תעודת זהות', 'he'),
    ('th_TH', 'ssn', 'national_id', 'เลขประจำตัวประชาชน', 'th'),
    ('es_MX', 'curp', 'national_id', 'CURP', 'es'),
    ('es_MX', 'rfc', 'tax_id', 'RFC', 'es'),
    ('fr_CH', 'ssn', 'ssn', 'numéro AVS', 'fr'),
    ('de_AT', 'ssn', 'ssn', 'Sozialversicherungsnummer', 'de'),
    ('el_GR', 'ssn', 'ssn', 'ΑΜΚΑ', 'el'),
    ('el_GR', 'tin', 'tax_id', 'ΑΦΜ', 'el'),
    ('hr_HR', 'ssn', 'national_id', 'OIB', 'hr'),
    ('lv_LV', 'ssn', 'national_id', 'personas kods', 'en'),
    ('et_EE', 'ssn', 'national_id', 'isikukood', 'et'),
    ('zh_TW', 'ssn', 'national_id', '身分證字號', 'zh'),
    ('fil_PH', 'sss', 'ssn', 'SSS number', 'en'),
    ('fil_PH', 'philhealth', 'health_id', 'PhilHealth number', 'en'),
    ('fil_PH', 'umid', 'national_id', 'UMID', 'en'),
    ('es_CO', 'nuip', 'national_id', 'NUIP', 'es'),
    ('es_CL', 'person_rut', 'national_id', 'RUT', 'es'),
    ('es_AR', 'dni', 'national_id', 'DNI', 'es'),
    ('es_AR', 'cuil', 'tax_id', 'CUIL', 'es'),
    ('bn_BD', 'ssn', 'national_id', 'NID number', 'en'),
    # passports: the locale's own generator where one exists, else the common letter+digits shape
    ('en_US', 'passport_number', 'passport', 'passport number', 'en'),
    ('ru_RU', 'passport_number', 'passport', 'серия и номер паспорта', 'ru'),
    ('de_AT', 'passport_number', 'passport', 'Reisepassnummer', 'de'),
    ('it_IT', 'passport_number', 'passport', 'numero di passaporto', 'it'),
    ('es_ES', 'passport_number', 'passport', 'número de pasaporte', 'es'),
    ('en_GB', 'passport_number', 'passport', 'passport number', 'en'),
    ('fr_FR', 'passport_number', 'passport', 'numéro de passeport', 'fr'),
    ('de_DE', 'passport_number', 'passport', 'Reisepassnummer', 'de'),
    ('en_IN', 'passport_number', 'passport', 'passport number', 'en'),
]

PHONE_LABEL = {'en': 'phone number', 'de': 'Telefonnummer', 'fr': 'numéro de téléphone', 'es': 'teléfono', 'it': 'numero di telefono',
               'pt': 'telefone', 'nl': 'telefoonnummer', 'pl': 'numer telefonu', 'sv': 'telefonnummer', 'fi': 'puhelinnumero',
               'no': 'telefonnummer', 'da': 'telefonnummer', 'cs': 'telefonní číslo', 'tr': 'telefon numarası', 'ko': '전화번호',
               'zh': '电话号码', 'ja': '電話番号', 'ru': 'номер телефона', 'uk': 'номер телефону', 'hi': 'फ़ोन नंबर', 'ar': 'الهاتف',
               'he': 'טלפון', 'el': 'αριθμός τηλεφώνου', 'ro': 'număr de telefon', 'hu': 'telefonszám', 'th': 'เบอร์โทร',
               'et': 'telefoninumber', 'hr': 'broj telefona'}
EMAIL_LABEL = {'en': 'email address', 'de': 'E-Mail-Adresse', 'fr': 'adresse e-mail', 'es': 'correo electrónico', 'it': 'indirizzo email',
               'pt': 'e-mail', 'nl': 'e-mailadres', 'pl': 'adres e-mail', 'sv': 'e-postadress', 'ru': 'адрес электронной почты',
               'zh': '电子邮箱', 'ja': 'メールアドレス', 'ko': '이메일 주소', 'tr': 'e-posta adresi'}
ADDRESS_LABEL = {'en': 'home address', 'de': 'Wohnanschrift', 'fr': 'adresse postale', 'es': 'domicilio', 'it': 'indirizzo di residenza',
                 'pt': 'endereço', 'nl': 'woonadres', 'pl': 'adres zamieszkania', 'sv': 'bostadsadress', 'ru': 'адрес проживания',
                 'zh': '住址', 'ja': '住所', 'ko': '주소', 'tr': 'ev adresi'}
CONTACT_LOCALES = ['en_US', 'en_GB', 'en_IN', 'en_AU', 'en_CA', 'en_IE', 'en_NZ', 'de_DE', 'de_AT', 'de_CH', 'fr_FR', 'fr_CA', 'fr_CH',
                   'es_ES', 'es_MX', 'es_AR', 'es_CO', 'it_IT', 'pt_PT', 'pt_BR', 'nl_NL', 'nl_BE', 'pl_PL', 'sv_SE', 'fi_FI', 'no_NO',
                   'da_DK', 'cs_CZ', 'tr_TR', 'ko_KR', 'zh_CN', 'zh_TW', 'ja_JP', 'ru_RU', 'uk_UA', 'hi_IN', 'ar_AA', 'he_IL', 'el_GR',
                   'ro_RO', 'hu_HU', 'th_TH', 'et_EE', 'hr_HR', 'fil_PH', 'id_ID', 'vi_VN']
CARD_LABEL = {'en': 'card number', 'de': 'Kartennummer', 'fr': 'numéro de carte', 'es': 'número de tarjeta', 'it': 'numero della carta',
              'pt': 'número do cartão', 'nl': 'kaartnummer', 'pl': 'numer karty'}
IBAN_LOCALES = ['de_DE', 'fr_FR', 'es_ES', 'it_IT', 'nl_NL', 'en_GB', 'pl_PL', 'pt_PT', 'de_AT', 'de_CH', 'fr_CH', 'sv_SE', 'fi_FI',
                'no_NO', 'da_DK', 'cs_CZ', 'tr_TR', 'ro_RO', 'hu_HU', 'el_GR', 'hr_HR', 'et_EE', 'lv_LV', 'lt_LT', 'sk_SK', 'sl_SI',
                'bg_BG', 'en_IE', 'nl_BE', 'pt_BR', 'az_AZ', 'uk_UA', 'he_IL']


# Faker draws some numbers without their check digits; real ones always have them, so rows whose value the
# python-stdnum validator rejects are dropped (Aadhaar ~90 %, RU INN ~99 %, KR RRN ~90 %, CN RIC ~65 %).
def _checked():
    import stdnum.cn.ric as ric, stdnum.in_.aadhaar as aadhaar, stdnum.kr.rrn as rrn, stdnum.ru.inn as inn
    return {('en_IN', 'aadhaar_id'): aadhaar.is_valid, ('ru_RU', 'ssn'): inn.is_valid, ('ko_KR', 'ssn'): rrn.is_valid,
            ('zh_CN', 'ssn'): lambda v: ric.calc_check_digit(v[:-1]) == v[-1]}


def lang_of(locale: str) -> str:
    return {'fil': 'en', 'nb': 'no'}.get(locale.split('_')[0], locale.split('_')[0])


def fakers(locales):
    out = {}
    for i, loc in enumerate(sorted(set(locales))):
        f = Faker(loc)
        f.seed_instance(7919 + i)
        out[loc] = f
    return out


def ssn_layout(rng: random.Random, v: str) -> str:
    """US SSNs also appear with spaces, dots, en dashes or no separators."""
    d = v.replace('-', '')
    return rng.choice([v, v, f'{d[:3]} {d[3:5]} {d[5:]}', f'{d[:3]}.{d[3:5]}.{d[5:]}', d, f'{d[:3]}–{d[3:5]}–{d[5:]}'])


def ids(rng: random.Random) -> None:
    src = 'faker-ids'
    info(src, f'pypi:faker@{VERSION}', VERSION, ['faker.providers.ssn', 'faker.providers.passport'], 'MIT',
         'national, tax, health IDs and passports from Faker locale providers, in local-language sentences and layouts')
    fk = fakers([x[0] for x in IDS])
    checked = _checked()
    for i in range(N_PER_SOURCE):
        loc, method, kind, label, lang = IDS[i % len(IDS)]
        f = fk[loc]
        v = str(getattr(f, method)())
        for _ in range(200):
            if checked.get((loc, method), bool)(v):
                break
            v = str(getattr(f, method)())
        else:
            continue
        if method == 'ssn' and loc == 'en_US':
            v = ssn_layout(rng, v)
        elif rng.random() < 0.15 and any(c in v for c in '-. '):
            v = v.replace('-', '').replace('.', '').replace(' ', '')
        name = f.name()
        text = layout(rng, lang, label, v, name=name, city=f.city())
        row(src, text, 'sensitive', kind, [v], lang)


def contact(rng: random.Random) -> None:
    src = 'faker-contact'
    info(src, f'pypi:faker@{VERSION}', VERSION, ['faker.providers.phone_number', 'faker.providers.internet', 'faker.providers.address'],
         'MIT', 'phone numbers (national and +CC forms), e-mails and street addresses of ~45 Faker locales')
    fk = fakers(CONTACT_LOCALES)
    locs = [l for l in CONTACT_LOCALES if hasattr(fk[l], 'phone_number')]
    for i in range(N_PER_SOURCE):
        loc = locs[i % len(locs)]
        f, lang = fk[loc], lang_of(loc)
        what = rng.random()
        if what < 0.5:
            v = f.phone_number()
            label, kind = PHONE_LABEL.get(lang, PHONE_LABEL['en']), 'phone'
            if sum(c.isdigit() for c in v) < 7:
                continue
        elif what < 0.75:
            v = rng.choice([f.email, f.free_email, f.company_email])()
            label, kind = EMAIL_LABEL.get(lang, EMAIL_LABEL['en']), 'email'
        else:
            v = f.street_address()
            label, kind = ADDRESS_LABEL.get(lang, ADDRESS_LABEL['en']), 'address'
            if not any(c.isdigit() for c in v):
                continue
        row(src, layout(rng, lang, label, v, name=f.name(), city=f.city()), 'sensitive', kind, [v], lang)


CARD_TYPES = ['visa16', 'visa13', 'visa19', 'mastercard', 'amex', 'discover', 'diners', 'jcb15', 'jcb16', 'maestro']


def card_layout(rng: random.Random, n: str) -> str:
    if len(n) == 15:
        groups = [n[:4], n[4:10], n[10:]]
    else:
        groups = [n[i:i + 4] for i in range(0, len(n), 4)]
    return rng.choice([n, ' '.join(groups), ' '.join(groups), '-'.join(groups)])


def finance(rng: random.Random) -> None:
    src = 'faker-finance'
    info(src, f'pypi:faker@{VERSION}', VERSION, ['faker.providers.credit_card', 'faker.providers.bank', 'faker.providers.internet'],
         'MIT', 'Luhn-valid card numbers of every brand, IBAN/BBAN of ~30 countries, public IPv4/IPv6 addresses')
    fk = fakers(IBAN_LOCALES + ['en_US'])
    us = fk['en_US']
    for i in range(N_PER_SOURCE):
        what = i % 10
        if what < 4:
            f = fk[IBAN_LOCALES[i % len(IBAN_LOCALES)]]
            lang = lang_of(f.locales[0]) if hasattr(f, 'locales') else 'en'
            lang = rng.choice([lang, 'en'])
            if lang not in CARD_LABEL:
                lang = 'en'
            n = us.credit_card_number(card_type=CARD_TYPES[i % len(CARD_TYPES)])
            v = card_layout(rng, n)
            exp = us.credit_card_expire()
            label = CARD_LABEL.get(lang, CARD_LABEL['en'])
            text = layout(rng, lang, label, v, name=f.name())
            if rng.random() < 0.4:
                text += f' (exp {exp}, CVV {us.credit_card_security_code()})'
            row(src, text, 'sensitive', 'credit_card', [v], lang)
        elif what < 8:
            loc = IBAN_LOCALES[i % len(IBAN_LOCALES)]
            f, lang = fk[loc], lang_of(loc)
            if what == 7:
                v, kind, label = f.bban(), 'bank_account', 'BBAN'
            else:
                iban = f.iban()
                if iban[:2] != loc.split('_')[1] and not (loc == 'el_GR' and iban[:2] == 'GR'):
                    continue  # the locale has no bank provider of its own (Faker falls back to GB)
                spaced = ' '.join(iban[j:j + 4] for j in range(0, len(iban), 4))
                v, kind, label = rng.choice([iban, spaced]), 'iban', 'IBAN'
            row(src, layout(rng, lang, label, v, name=f.name(), city=f.city()), 'sensitive', kind, [v], lang)
        else:
            v = us.ipv4_public() if rng.random() < 0.7 else us.ipv6()
            t = rng.choice(['The login came from IP {v} at 03:12 UTC.', 'User {n} last connected from {v}.',
                            'Your public IP address is {v}.', 'Blocked attempts from {v} (user {n}).',
                            '{{"user": "{n}", "client_ip": "{v}"}}', 'Sitzung von {n}: IP-Adresse {v}.'])
            row(src, t.format(v=v, n=us.user_name()), 'sensitive', 'ip', [v], 'en')


if __name__ == '__main__':
    ids(random.Random(11))
    contact(random.Random(12))
    finance(random.Random(13))
