// Street addresses without a label word, recognised by their structure: a house number next to a street
// type of some locale, in the order that locale writes it.
//   number first:  "742 Evergreen Terrace", "12 rue de la Paix", "744 ถนนนครเทพ"
//   name first:    "Kaulstraße 161", "Fabriksgatan 8", "Via Lauretta, 4", "ул. Ленина, д. 5", "Jl. Sudirman No. 5"
//   Chinese:       "明德路6號"
// The street types are the postal vocabularies of the locales (USPS suffixes, the German/Dutch/Nordic compound
// endings, Romance and Slavic prefixes). A street type alone is common prose ("Main Street", "the road"), so a
// house number must stand on the right side of it; English suffixes that are also ordinary nouns (Light,
// Park, View) need more: the end of the phrase, a unit ("Apt. 5") or a city/postcode after it. Only the
// street line is replaced (a city name alone is not personal data); postcode and city go with it when they
// follow, so the line cannot be put back together.
import { inMath } from '../validators.js';
import { before, reachRule, type Check, type Rule } from '../rule-kit.js';

const UP = "\\p{Lu}[\\p{L}'’.-]{0,18}";
/** USPS suffixes that name nothing but a street. */
const EN_STRONG = [
  'Street', 'St', 'Avenue', 'Ave', 'Av', 'Road', 'Rd', 'Lane', 'Ln', 'Drive', 'Dr', 'Boulevard', 'Blvd', 'Court', 'Ct',
  'Pl', 'Ter', 'Parkway', 'Pkwy', 'Highway', 'Hwy', 'Cir', 'Cres', 'Sq', 'Trl', 'Expressway', 'Freeway', 'Turnpike',
  'Stravenue', 'Trafficway', 'Throughway', 'Causeway', 'Chowk', 'Marg', 'Nagar', 'Gali', 'Zila',
].join('|');
/** USPS suffixes that are ordinary nouns too: only with more evidence (see `weakOk`). */
const EN_WEAK = [
  'Bluffs?', 'Branch', 'Bridge', 'Brooks?', 'Burgs?', 'Bypass', 'Camp', 'Canyon', 'Cape', 'Centers?', 'Cliffs?', 'Club',
  'Commons?', 'Corners?', 'Course', 'Courts', 'Coves?', 'Creek', 'Crest', 'Crossing', 'Crossroad', 'Curve', 'Dale', 'Dam',
  'Divide', 'Drives', 'Estates?', 'Extensions?', 'Falls?', 'Ferry', 'Fields?', 'Flats?', 'Fords?', 'Forest', 'Forges?',
  'Forks?', 'Fort', 'Gardens?', 'Gateway', 'Glens?', 'Greens?', 'Groves?', 'Harbors?', 'Haven', 'Heights', 'Hills?',
  'Hollow', 'Inlet', 'Islands?', 'Isle', 'Junctions?', 'Keys?', 'Knolls?', 'Lakes?', 'Landing', 'Lights?', 'Loaf',
  'Locks?', 'Lodge', 'Loop', 'Mall', 'Manors?', 'Meadows?', 'Mills?', 'Mission', 'Motorway', 'Mount', 'Mountains?',
  'Neck', 'Orchard', 'Oval', 'Overpass', 'Parks?', 'Pass', 'Passage', 'Path', 'Pines?', 'Plains?', 'Points?', 'Ports?',
  'Prairie', 'Radial', 'Ramp', 'Ranch', 'Rapids?', 'Rest', 'Ridges?', 'River', 'Roads', 'Route', 'Row', 'Run', 'Shoals?',
  'Shores?', 'Skyway', 'Springs?', 'Spurs?', 'Squares', 'Station', 'Streams?', 'Streets', 'Summit', 'Trace', 'Track',
  'Tunnel', 'Underpass', 'Unions?', 'Valleys?', 'Viaduct', 'Views?', 'Villages?', 'Ville', 'Vista', 'Walks?', 'Wall',
  'Ways', 'Wells?', 'Hill', 'Green', 'Gardens', 'Grove', 'Village',
  // also product and shape names ("3 Milky Way", "2 Red Circle", "First Place"):
  'Place', 'Terrace', 'Circle', 'Crescent', 'Close', 'Alley', 'Way', 'Square', 'Trail', 'Plaza', 'Pike', 'Mews',
].join('|');
/** Street types written before the name with the number after (Romance, Slavic, Greek, Malay, Turkish). */
const PREFIX = [
  'Via', 'Viale', 'Piazza', 'Piazzale', 'Corso', 'Vicolo', 'Largo', 'Strada', 'Contrada', 'Borgo', 'Calle', 'C/', 'Avenida', 'Avda\\.?',
  'Av\\.', 'Paseo', 'Pasaje', 'Plaza', 'Camino', 'Carrera', 'Carretera', 'Ronda', 'Travesía', 'Glorieta', 'Peatonal', 'Callejón', 'Cerrada',
  'Privada', 'Diagonal', 'Transversal', 'Rua', 'Travessa', 'Praça', 'Alameda', 'Rodovia', 'Estrada', 'Largo', 'Rue', 'Boulevard',
  'Bd', 'Blv\\.?', 'Chemin', 'Allée', 'Impasse', 'Quai', 'Cours', 'Route', 'Avenue', 'Carrer', 'Passeig', 'Ulica', 'ulica', 'ul\\.',
  'al\\.', 'Al\\.', 'aleja', 'Aleja', 'pl\\.', 'os\\.', 'ул\\.', 'улица', 'пр\\.', 'просп\\.', 'проспект', 'пер\\.', 'переулок', 'бул\\.',
  'бульвар', 'наб\\.', 'набережная', 'ш\\.', 'шоссе', 'пл\\.', 'площадь', 'алл\\.', 'аллея', 'вул\\.', 'вулиця', 'узвіз', 'просп\\.',
  'Strada', 'Str\\.', 'Bulevardul', 'Bd\\.', 'Aleea', 'Calea', 'Șoseaua', 'Splaiul', 'Intrarea', 'Cesta', 'Trg', 'Οδός', 'Λεωφ\\.',
  'Λεωφόρος', 'Πλ\\.', 'Πλατεία', 'Πάροδος', 'Jl\\.', 'Jalan', 'Gg\\.', 'Gang', 'Lorong', 'Đường', 'Phố', 'Hẻm', 'Ngõ',
].join('|');
/** Street words that follow the name as a separate word (Hungarian, Turkish, Czech). */
const SUFFIX_WORD = 'utca|út|útja|tér|körút|sor|köz|fasor|sétány|Sokak|Sokağı|Sk\\.|Caddesi|Cad\\.|Cd\\.|Bulvarı|Yolu|třída|náměstí|nábřeží';
/** Street types written as the end of one compound word (German, Dutch, Nordic, Finnish, Baltic). */
const COMPOUND = [
  'straße', 'strasse', 'str\\.', 'weg', 'gasse', 'allee', 'platz', 'damm', 'ufer', 'steig', 'pfad', 'chaussee', 'stieg', 'zeile',
  'markt', 'graben', 'hof', 'straat', 'laan', 'plein', 'gracht', 'kade', 'singel', 'dijk', 'steeg', 'dreef', 'pad', 'gatan',
  'gata', 'gränd', 'vägen', 'väg', 'torget', 'stigen', 'backen', 'gade', 'vej', 'veien', 'vegen', 'gaten', 'alléen', 'allé',
  'stræde', 'katu', 'tie', 'polku', 'kuja', 'tori', 'raitti', 'iela', 'gatvė', 'prospektas', 'tänav', 'puiestee', 'gropa',
].join('|');

/** The same endings as their own word in a hyphenated name ("Barbara-Herzog-Straße 3"). */
const CAP_COMPOUND = 'Straße|Strasse|Str\\.|Weg|Gasse|Allee|Platz|Damm|Ufer|Steig|Pfad|Ring|Markt|Hof|Straat|Laan|Plein|Gatan|Vägen|Vej|Gade|Veien|Katu|Tie';

/** A word of a street name after a prefix type: capitalised, or a particle (de, del, da, di, …). */
const NAME_WORD = "\\p{Lu}[\\p{L}'’.-]{0,18}|de|del|de la|da|do|dos|das|di|della|delle|degli|dei|la|le|el|los|las|du|des|van|von|der|i|y|e";

const NUM = '\\d{1,5}[A-Za-z]?(?:[/-]\\d{1,4}[A-Za-z]?)?';
const END = "(?![\\p{L}\\p{N}'’-])";

/** After the street line: a unit, then "City, ST 12345" / "12345 City" / a UK postcode. */
const UNIT = /^,?\s(?:Apt\.?|Apartment|Suite|Ste\.?|Unit|Fl(?:oor|\.)?|Bldg\.?|#|Piso|Depto\.?|Edif\.?|Wohnung|app\.?|bus|lgh|д\.|кв\.|к\.|стр\.)\s?[\w/-]{1,6}/u;
const CITY_TAIL = /^,?\s(?:\p{Lu}[\p{L}'’.-]+(?:\s\p{Lu}[\p{L}'’.-]+){0,3},?\s(?:[A-Z]{2}\s)?\d{4,5}(?:-\d{4})?|\d{4,5}\s\p{Lu}[\p{L}'’.-]+(?:\s\p{Lu}[\p{L}'’.-]+){0,2}|[A-Z]{1,2}\d[A-Z\d]?\s\d[A-Z]{2})(?![\p{L}\p{N}])/u;

/** Extends a street line over a unit and a city/postcode that follow it (`after`: settled text after it). */
function extend(after: string): number {
  let n = 0;
  const u = UNIT.exec(after);
  if (u) n = u[0].length;
  const c = CITY_TAIL.exec(after.slice(n));
  return c ? n + c[0].length : n;
}

/** "Chapter 12 Road Trips", "won 3 Gold Medals": numbers that count things in headings and prose. */
const COUNTING_BEFORE = /(?:chapter|section|page|part|step|top|best|over|about|around|nearly|almost|than|only|just|the|these|those|all|for|of|in|by|from|to|with|and|or|has|have|had|won|lost|were|are|is)\s$/i;

/** "2 TB Hard Drive", "15 Amp Worm Drive": a quantity and its unit, then a product. */
const UNIT_WORD = /^\d+[ \t\n](?:[KMGT]B|[KMG]Hz|Amp|Amps|V|W|HP|Watt|Volt|Inch|Core|Port|Speed|Way|Pack|Piece|Player|Star|Day|Hour|Minute|Year|Point)\b/;

const numberFirst = (weak: boolean): Check => (weak ? WEAK : STRONG);
/** What comes before an address: a verb of place, a label, a key, or the name of the person it belongs to. */
const ADDRESS_CUE = /(?:\b(?:at|to|on|in|from|near|of|is|lives?|lived|living|located|resides?|reside[sd]|moved|ship(?:ped)?|deliver(?:ed)?|send|sent|mail(?:ed)?|visit)\s|address\w*\W{0,3}|[:="'—–]\s?|\p{Lu}\p{Ll}+(?:[ -]\p{Lu}\p{Ll}+)+,?\s)$/u;

const strongCheck = (weak: boolean): Check => (m, src, off, v, after) => {
  if (inMath(src, m.index, m.index + m[0].length)) return false;
  const pre = before(v, off + m.index, 24);
  // "SPT7015-22 15 Amp Worm Drive": a number after a model code is a specification.
  if (/[A-Z]{2,}\d[\w-]*[ \t]$/.test(pre) || UNIT_WORD.test(m[0])) return false;
  const ext = extend(after);
  if (weak) {
    // An ordinary noun as a street type: the line must end there or carry a unit or a city after it.
    const n = m[0].match(/^\d+/)![0];
    // "… Bõstrov Light Suttview": a record that puts the city after the street line, then the line ends.
    const cityEnd = /^\s\p{Lu}\p{Ll}+(?:[ -]\p{Lu}\p{Ll}+)?\s*(?:\n|$)/u.test(after);
    // (not a table cell: "| 12 Red Lights |" counts things)
    if (ext === 0 && !cityEnd && !/^[ \t]*(?:[,.;:)\]"']|\n|$)/.test(after.slice(0, 2))) return false;
    if (ext === 0 && (/^(?:1[5-9]|20)\d\d$/.test(n) || COUNTING_BEFORE.test(pre))) return false;
    // Ending the phrase is not enough on its own ("… 12 Green Lights."): something must say it is a place.
    if (ext === 0 && !cityEnd && !ADDRESS_CUE.test(pre)) return false;
    // In a table an ordinary noun after a number is an item and its count.
    const line = before(v, off + m.index, 120);
    if (/[|\t][^\n]*$/.test(line) || /^[^\n]*[|\t]/.test(after)) return false;
  } else if (ext === 0 && COUNTING_BEFORE.test(pre) && /^\d{1,2}$/.test(m[0].match(/^\d+/)![0]) && !/^\s*(?:[,.;:)\]"'|]|$)/.test(after.slice(0, 2))) {
    return false;
  }
  return [m.index, m.index + m[0].length + ext];
};

const STRONG = strongCheck(false);
const WEAK = strongCheck(true);
const nameFirst: Check = (m, src, off, v, after) => [m.index, m.index + m[0].length + extend(after)];

/** Longest match of each rule is below its reach (bounded quantifiers); TAIL more for the unit/city after it. */
const TAIL = 40;
export const ADDRESS_RULES: readonly Rule[] = [
  reachRule({
    // One scan for both suffix lists (group 1: strong, group 2: weak); the check tells them apart.
    kind: 'address', id: 'pii.address.en', reach: 110 + TAIL, check: (m, ...r) => numberFirst(m[1] === undefined)(m, ...r),
    re: new RegExp(`(?<![\\p{L}\\p{N}.,:/-])${NUM},?(?:[ \\t]|\\n)(?:${UP}[ \\t]){1,4}(?:(${EN_STRONG})\\.?|(${EN_WEAK}))${END}`, 'gu'),
  }),
  reachRule({
    // "12 rue de la Paix", "945, chemin de Legendre", "744 ถนนนครเทพ", "55 หมู่ 9 ถ.บุญญาไลย์"
    kind: 'address', id: 'pii.address.number_first', reach: 80 + TAIL, check: nameFirst,
    re: new RegExp(`(?<![\\p{L}\\p{N}.,:/-])${NUM},?[ \\t](?:(?:rue|avenue|boulevard|bd|chemin|allée|impasse|place|quai|route|cours|passage|voie|sentier)[ \\t](?:(?:de|du|des|la|le|les|d'|l')[ \\t]?){0,2}\\p{Lu}[\\p{L}'’-]{1,30}|(?:หมู่[ \\t]?\\d{1,3}[ \\t])?(?:ถนน|ถ\\.|ซอย|ซ\\.)[ \\t]?[\\u0E00-\\u0E7F]{2,30})`, 'gu'),
  }),
  reachRule({
    kind: 'address', id: 'pii.address.prefix', reach: 110 + TAIL, check: nameFirst,
    re: new RegExp(`(?<![\\p{L}\\p{N}])(?:${PREFIX})[ \\t]?(?:(?:${NAME_WORD})[ \\t]){0,3}\\p{Lu}[\\p{L}'’.-]{0,18}\\.?,?[ \\t](?:N[°º][ \\t]?|Nr\\.?[ \\t]?|No\\.?[ \\t]?|nº[ \\t]?|n\\.[ \\t]?|д\\.[ \\t]?|буд\\.[ \\t]?|#[ \\t]?)?${NUM}${END}`, 'gu'),
  }),
  reachRule({
    kind: 'address', id: 'pii.address.compound', reach: 100 + TAIL, check: nameFirst,
    re: new RegExp(`(?<![\\p{L}\\p{N}])(?:(?:\\p{Lu}[\\p{L}]{0,20}-){0,2}\\p{Lu}\\p{Ll}{1,24}(?:${COMPOUND})|(?:\\p{Lu}[\\p{L}]{0,20}-){1,2}(?:${CAP_COMPOUND}))[ \\t]${NUM}${END}`, 'gu'),
  }),
  reachRule({
    kind: 'address', id: 'pii.address.suffix_word', reach: 110 + TAIL, check: nameFirst,
    re: new RegExp(`(?<![\\p{L}\\p{N}])(?:\\p{Lu}[\\p{L}.-]{1,20}[ \\t]){1,3}(?:${SUFFIX_WORD})[ \\t](?:No[ \\t]?:[ \\t]?)?${NUM}${END}`, 'gu'),
  }),
  reachRule({
    // 明德路6號, 長安巷6號, 中山北路二段45号 (Korean 로/길 are also case endings: left to the label rule)
    kind: 'address', id: 'pii.address.cjk', reach: 40, check: nameFirst,
    re: /[\u4e00-\u9fff]{1,10}(?:路|街|巷|道|弄)(?:[一二三四五六七八九十]段)?\d{1,5}(?:巷\d{1,4})?(?:弄\d{1,4})?[號号]/g,
  }),
];
