"""Contact and payment data from Mimesis (PyPI `mimesis`), a generator independent of Faker, source
`mimesis-pii`: phone numbers and e-mails of its ~45 locales, street addresses, card numbers, Ethereum
addresses, written as records (YAML, CSV, vCard, SQL INSERT) or sentences in the locale's language.
Its Bitcoin addresses are left out: they are random strings outside the Base58 alphabet, unlike real ones.
"""
import random

from mimesis import Address, Payment, Person
from mimesis.locales import Locale

from output_lib import info, layout, pkg_version, row

SRC = 'mimesis-pii'
VERSION = pkg_version('mimesis')
LOCALES = [l for l in Locale if not l.value.startswith('ar-') or l.value in ('ar-sa', 'ar-eg')]
PHONE = {'en': 'phone', 'de': 'Telefon', 'fr': 'téléphone', 'es': 'teléfono', 'it': 'telefono', 'pt': 'telefone', 'nl': 'telefoon',
         'pl': 'telefon', 'sv': 'telefon', 'ru': 'телефон', 'uk': 'телефон', 'zh': '电话', 'ja': '電話', 'ko': '전화', 'tr': 'telefon'}
RECORDS = [
    'name: {name}\n{field}: {v}\ncity: {city}',
    'name,{field},city\n"{name}",{v},{city}',
    'BEGIN:VCARD\nVERSION:3.0\nFN:{name}\n{vfield}:{v}\nEND:VCARD',
    "INSERT INTO customers (name, {field}) VALUES ('{name}', '{v}');",
    '<customer><name>{name}</name><{field}>{v}</{field}></customer>',
]


def main() -> None:
    rng = random.Random(37)
    info(SRC, f'pypi:mimesis@{VERSION}', VERSION, ['mimesis.Person', 'mimesis.Address', 'mimesis.Payment'], 'MIT',
         'phones, e-mails, addresses of ~40 Mimesis locales, card numbers and Ethereum addresses, in records and sentences')
    people = {l: Person(l, seed=37 + i) for i, l in enumerate(LOCALES)}
    places = {l: Address(l, seed=99 + i) for i, l in enumerate(LOCALES)}
    pay = Payment(seed=37)
    for i in range(1800):
        loc = LOCALES[i % len(LOCALES)]
        lang = loc.value.split('-')[0]
        p, a = people[loc], places[loc]
        name, city = p.full_name(), a.city()
        r = rng.random()
        if r < 0.4:
            v, kind, field, vfield, label = p.phone_number(), 'phone', 'phone', 'TEL;TYPE=cell', PHONE.get(lang, 'phone')
        elif r < 0.6:
            v, kind, field, vfield, label = p.email(), 'email', 'email', 'EMAIL', 'e-mail'
        elif r < 0.78:
            v, kind, field, vfield, label = a.address(), 'address', 'address', 'ADR', 'address'
            if not any(c.isdigit() for c in v):
                continue
        elif r < 0.92:
            v, kind, field, vfield, label = pay.credit_card_number(), 'credit_card', 'card_number', 'NOTE', 'card number'
        else:
            v, kind, field, vfield, label = pay.ethereum_address(), 'crypto', 'wallet', 'NOTE', 'wallet address'
        if rng.random() < 0.45:
            text = rng.choice(RECORDS).format(name=name, city=city, field=field, vfield=vfield, v=v)
        else:
            text = layout(rng, lang, label, v, name=name, city=city)
        row(SRC, text, 'sensitive', kind, [v], lang)


if __name__ == '__main__':
    main()
