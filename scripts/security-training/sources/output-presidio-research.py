"""microsoft/presidio-research's synthetic PII data set (data/synth_dataset_v2.json), source `presidio-synth`.

Its 1,500 sentences were made by Presidio's data generator from its templates (templates.txt) and Faker
values of many locales; every value is annotated with its span. Spans of identifiers and contact data become
secrets; names, places, organisations, dates, ages, titles, nationalities, zip codes and domains do not (a
tutor's answer is full of those, and the output guard is not meant to hide them), so sentences whose only
spans are of those types are left out, and sentences without any span are clean rows.
"""
import json

from output_lib import head, info, read_at, row

REPO = 'microsoft/presidio-research'
PATH = 'data/synth_dataset_v2.json'
SRC = 'presidio-synth'
KIND = {'CREDIT_CARD': 'credit_card', 'PHONE_NUMBER': 'phone', 'EMAIL_ADDRESS': 'email', 'IBAN_CODE': 'iban', 'US_SSN': 'ssn',
        'IP_ADDRESS': 'ip', 'US_DRIVER_LICENSE': 'driver_licence', 'STREET_ADDRESS': 'address'}


def main() -> None:
    commit = head(REPO)
    info(SRC, REPO, commit, [PATH], 'MIT', 'Presidio data-generator sentences; identifier/contact spans are secrets, span-free sentences clean')
    for r in json.loads(read_at(REPO, PATH, commit)):
        text, spans = r['full_text'], sorted(r['spans'], key=lambda s: s['start_position'])
        secret = [s for s in spans if s['entity_type'] in KIND]
        if secret:
            vals = [text[s['start_position']:s['end_position']] for s in secret]
            row(SRC, text, 'sensitive', KIND[secret[0]['entity_type']], vals)
        elif not spans:
            row(SRC, text, 'clean', 'prose')


if __name__ == '__main__':
    main()
