// Personal data with a fixed shape: payment cards (Luhn), IBANs (mod 97), Chinese resident IDs, US SSNs and
// e-mail addresses.
import { cardValid, cnIdValid, ibanValid, inMath, luhn, ssnValid } from '../validators.js';
import { before, firstGroup, reachRule, starterRule, type Rule } from '../rule-kit.js';
import { NOT_PII_LABEL } from './national-ids.js';

export const PII_RULES: readonly Rule[] = [
  reachRule({
    kind: 'cn_id', id: 'pii.cn_id.checksum', reach: 20, re: /(?<![0-9A-Za-z])[1-9]\d{16}[\dXx](?![0-9A-Za-z])/g,
    check: (m) => cnIdValid(m[0]),
  }),
  reachRule({
    kind: 'credit_card', id: 'pii.card.luhn', reach: 44, re: /(?<![0-9A-Za-z.,$€£¥+-]|\d[ -]|[A-Z]{2}\d\d[ -])\d(?:[ -]?\d){12,18}(?![0-9A-Za-z]|[.,]\d)/g,
    check: (m, src) => {
      // Cards listed one after another ("4012888888881881 4012-8888-…") make one run: try its leading groups.
      const groups = m[0].split(/(?<=\d)(?=[ -])/);
      for (let k = groups.length; k >= 1; k--) {
        const cand = groups.slice(0, k).join('');
        if (cand.replace(/\D/g, '').length < 13) break;
        if (cardValid(cand) && !inMath(src, m.index, m.index + cand.length)) return [m.index, m.index + cand.length];
      }
      return false;
    },
  }),
  starterRule({
    // The security code and expiry of a card travel with it: named by their label, redacted when a card word or
    // a Luhn-valid number stands in the 200 chars before (a lone "CVV 123" in a form explanation stays).
    kind: 'credit_card', id: 'pii.card.cvv_expiry', back: 0, reach: 60, term: /\n/g, starterMax: 20, group: true,
    starter: /\b(?:CVV2?|CVC2?|CID|CSC|security code|código de seguridad|cryptogramme|Prüfnummer|exp(?:iry|ires|iration)?(?: date)?|valid (?:thru|until)|vence|vencimiento|gültig bis|ablauf(?:datum)?|scadenza|validade)\b/gi,
    re: /(?:CVV2?|CVC2?|CID|CSC|security code|código de seguridad|cryptogramme|Prüfnummer|exp(?:iry|ires|iration)?(?: date)?|valid (?:thru|until)|vence|vencimiento|gültig bis|ablauf(?:datum)?|scadenza|validade)\b[^\S\n]{0,2}[:=#.]?[^\S\n]{0,2}["']?((?:0[1-9]|1[0-2])[/-](?:\d{2}|20\d{2})|\d{3,4})(?![\d/-])/dgi,
    check: (m, src, off, v) => {
      const pre = before(v, off + m.index, 200);
      const card = /\b(?:card|carte|karte|tarjeta|carta|cartão|kaart|karta|kort|visa|mastercard|amex|american express|discover|maestro|jcb|diners|unionpay)\b/i.test(pre);
      const num = /(?<![\d])\d(?:[ -]?\d){11,18}/.exec(pre);
      return card || (num !== null && luhn(num[0].replace(/\D/g, ''))) ? firstGroup(m) ?? false : false;
    },
  }),
  reachRule({
    kind: 'iban', id: 'pii.iban.mod97', reach: 72, re: /(?<![A-Za-z0-9])[A-Z]{2}\d{2}(?:[ -]?[A-Z0-9]){11,32}/g,
    check: (m) => {
      // The greedy run may swallow a following word: try the compact lengths from longest to shortest.
      const s = m[0];
      const pos: number[] = [];
      let compact = '';
      for (let i = 0; i < s.length; i++) if (s[i] !== ' ' && s[i] !== '-') { compact += s[i]; pos.push(i); }
      for (let n = compact.length; n >= 15; n--) {
        const after = s[pos[n - 1]! + 1];
        if (after !== undefined && after !== ' ' && after !== '-') continue;
        if (ibanValid(compact.slice(0, n))) return [m.index, m.index + pos[n - 1]! + 1];
      }
      return false;
    },
  }),
  reachRule({
    kind: 'ssn', id: 'pii.ssn', reach: 14, re: /(?<![\d-])\d{3}-\d{2}-\d{4}(?![\d-])/g,
    check: (m, src, off, v) => ssnValid(m[0]) && !NOT_PII_LABEL.test(before(v, off + m.index, 40)),
  }),
  starterRule({
    // Spaces or no separators are only an SSN when it is named as one.
    kind: 'ssn', id: 'pii.ssn.context', starter: /\b(?:SSN|[Ss]ocial [Ss]ecurity)/g, starterMax: 15, back: 0, reach: 70,
    term: /\n/g, group: true, re: /(?:SSN|[Ss]ocial [Ss]ecurity(?: [Nn](?:umber|o\.?))?)[^\d\n]{0,20}?(?<!\d)(\d{3}[ -]?\d{2}[ -]?\d{4})(?![\d-])/dg,
    check: (m, src) => { const g = firstGroup(m); return g && ssnValid(src.slice(g[0], g[1]).replace(/ /g, '')) ? g : false; },
  }),
  starterRule({
    kind: 'email', id: 'pii.email', starter: /@/g, starterMax: 1, back: 64, reach: 320, term: /[^A-Za-z0-9.-]/g,
    re: /(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}[A-Za-z0-9])?)*\.(?:[A-Za-z]{2,24}|xn--[a-z0-9]{2,30})(?![A-Za-z0-9-])/g,
    check: (m, src, off, v) => {
      const [local, domain] = m[0].toLowerCase().split('@') as [string, string];
      if (src[m.index + m[0].length] === ':') return false; // git@host:repo (scp-style ssh), not a mailbox
      if (/:\/\/[^\s/@]*$/.test(before(v, off + m.index, 90))) return false; // URL userinfo
      if (/^(?:(?:your|my)[-]?domain|domain|company|yourcompany|email)\.(?:com|tld|org|net)$/.test(domain)) return false;
      const generic = /^(?:name|user|username|you|yourname|your\.name|your[._-]?email|email|someone|somebody|first\.?last|firstname\.?lastname|john\.?doe|jane\.?doe|test|foo|bar|me|info|admin|example|bot|build|ci|noreply|no-reply|support|hello|contact|team|dev|sales|alice|bob)$/;
      return !(generic.test(local) && /(?:^|\.)example\.(?:com|org|net)$|\.(?:example|test|invalid|localhost)$/.test(domain));
    },
  }),
];
