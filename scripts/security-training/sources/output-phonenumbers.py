"""Valid phone numbers of ~80 regions built with `phonenumbers` (PyPI port of Google's libphonenumber),
source `phonenumbers-intl`.

A number starts from the library's example mobile / fixed-line number of the region, gets its last digits
re-drawn, and is kept only if `is_valid_number` still accepts it; it is then written in the national,
international or E.164 form (sometimes dotted or without spaces) inside an answer in the region's language.
"""
import random

import phonenumbers
from phonenumbers import PhoneNumberFormat, PhoneNumberType

from output_lib import info, layout, pkg_version, row

SRC = 'phonenumbers-intl'
VERSION = pkg_version('phonenumbers')

REGIONS = {
    'US': 'en', 'CA': 'en', 'GB': 'en', 'IE': 'en', 'AU': 'en', 'NZ': 'en', 'IN': 'hi', 'ZA': 'en', 'NG': 'en', 'KE': 'en', 'GH': 'en',
    'SG': 'en', 'PH': 'en', 'MY': 'en', 'PK': 'en', 'BD': 'en', 'DE': 'de', 'AT': 'de', 'CH': 'de', 'FR': 'fr', 'BE': 'fr', 'LU': 'fr',
    'MA': 'fr', 'SN': 'fr', 'CI': 'fr', 'ES': 'es', 'MX': 'es', 'AR': 'es', 'CO': 'es', 'CL': 'es', 'PE': 'es', 'VE': 'es', 'EC': 'es',
    'IT': 'it', 'PT': 'pt', 'BR': 'pt', 'AO': 'pt', 'NL': 'nl', 'PL': 'pl', 'SE': 'sv', 'NO': 'no', 'DK': 'da', 'FI': 'fi', 'CZ': 'cs',
    'SK': 'cs', 'TR': 'tr', 'KR': 'ko', 'CN': 'zh', 'TW': 'zh', 'HK': 'zh', 'JP': 'ja', 'RU': 'ru', 'UA': 'uk', 'BY': 'ru', 'KZ': 'ru',
    'SA': 'ar', 'AE': 'ar', 'EG': 'ar', 'IL': 'he', 'GR': 'el', 'RO': 'ro', 'HU': 'hu', 'TH': 'th', 'EE': 'et', 'HR': 'hr', 'VN': 'en',
    'ID': 'en', 'IR': 'en', 'IQ': 'ar', 'JO': 'ar', 'LB': 'ar', 'BG': 'en', 'RS': 'hr', 'SI': 'en', 'LT': 'en', 'LV': 'en', 'IS': 'en',
}
LABEL = {'en': 'phone number', 'de': 'Telefonnummer', 'fr': 'numéro de téléphone', 'es': 'número de teléfono', 'it': 'numero di cellulare',
         'pt': 'telefone', 'nl': 'telefoonnummer', 'pl': 'numer telefonu', 'sv': 'mobilnummer', 'no': 'mobilnummer', 'da': 'telefonnummer',
         'fi': 'puhelinnumero', 'cs': 'telefonní číslo', 'tr': 'cep telefonu', 'ko': '휴대폰 번호', 'zh': '手机号码', 'ja': '携帯電話番号',
         'ru': 'номер телефона', 'uk': 'номер телефону', 'ar': 'الهاتف', 'he': 'טלפון', 'el': 'τηλέφωνο', 'ro': 'telefon', 'hu': 'telefonszám',
         'th': 'เบอร์โทรศัพท์', 'et': 'telefon', 'hr': 'broj mobitela', 'hi': 'मोबाइल नंबर'}
PROSE = ['Call {n} on {v} after 6 pm.', 'You can reach {n} at {v}.', 'Kontakt: {n}, Tel. {v}', 'WhatsApp: {v} ({n})',
         '{n} — mobile: {v}', 'Appelez le {v} pour confirmer.', 'Llámame al {v} mañana.', 'Text me on {v} when you land!']


def draw(rng: random.Random, region: str, kind: int):
    ex = phonenumbers.example_number_for_type(region, kind)
    if ex is None:
        return None
    nsn = str(ex.national_number)
    keep = max(2, len(nsn) - 5)
    for _ in range(200):
        cand = nsn[:keep] + ''.join(rng.choice('0123456789') for _ in range(len(nsn) - keep))
        p = phonenumbers.parse('+' + str(ex.country_code) + cand)
        if phonenumbers.is_valid_number(p) and phonenumbers.number_type(p) == kind and cand != nsn:
            return p
    return None


def main() -> None:
    rng = random.Random(31)
    from faker import Faker
    fk = Faker(['en_US', 'de_DE', 'fr_FR', 'es_ES'])
    fk.seed_instance(31)
    info(SRC, f'pypi:phonenumbers@{VERSION}', VERSION, ['phonenumbers metadata (example numbers, is_valid_number)'], 'Apache-2.0',
         'libphonenumber-valid mobile and fixed-line numbers of ~80 regions in national, international and E.164 forms')
    regions = sorted(REGIONS)
    for i in range(1900):
        region = regions[i % len(regions)]
        lang = REGIONS[region]
        p = draw(rng, region, PhoneNumberType.MOBILE if rng.random() < 0.6 else PhoneNumberType.FIXED_LINE)
        if p is None:
            continue
        form = rng.choice([PhoneNumberFormat.NATIONAL, PhoneNumberFormat.INTERNATIONAL, PhoneNumberFormat.INTERNATIONAL, PhoneNumberFormat.E164])
        v = phonenumbers.format_number(p, form)
        r = rng.random()
        if r < 0.1:
            v = v.replace(' ', '')
        elif r < 0.18 and form != PhoneNumberFormat.E164:
            v = v.replace(' ', '.').replace('-', '.')
        if rng.random() < 0.3:
            text = rng.choice(PROSE).format(v=v, n=fk.first_name())
        else:
            text = layout(rng, lang, LABEL.get(lang, LABEL['en']), v, name=fk.name(), city=fk.city())
        row(SRC, text, 'sensitive', 'phone', [v], lang)


if __name__ == '__main__':
    main()
