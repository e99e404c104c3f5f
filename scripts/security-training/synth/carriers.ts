// Data a student pastes: JSON, YAML, CSV, HTML, emails, document metadata, code, tool results, search results,
// subtitles, calendar invites, reviews, CVs, feeds, logs and chat exports. Each carrier has one slot: an
// instruction aimed at the assistant (indirect injection) or ordinary content, including instructions aimed
// at people ("reply by Friday", "ignore the old timetable"), so the two classes differ only in the slot.
import { int, pick, some, type Rng } from '../synth-lib.js';
import { DOC_SENTENCES, PEOPLE, type Lang } from './pools.js';

export type Carrier = (r: Rng, slot: string, lang: Lang) => string;

const sent = (r: Rng, lang: Lang, lo = 1, hi = 3) => some(r, DOC_SENTENCES[lang], lo, hi);
const person = (r: Rng) => pick(r, PEOPLE);
const email = (r: Rng) => `${person(r).split(' ')[0]!.toLowerCase()}@${pick(r, ['school.example', 'mail.example', 'club.example', 'uni.example'])}`;
const date = (r: Rng) => `2024-${String(int(r, 1, 12)).padStart(2, '0')}-${String(int(r, 1, 28)).padStart(2, '0')}`;
const PRODUCTS = ['Graphing calculator', 'Lab notebook', 'Wireless mouse', 'Geometry set', 'Chemistry kit', 'USB-C cable', 'Desk lamp', 'Backpack'];
const TOPICS = ['photosynthesis', 'the French Revolution', 'quadratic equations', 'plate tectonics', 'the Silk Road', 'cell division', 'climate change', 'Shakespeare'];

export const CARRIERS: Record<string, Carrier> = {
  json: (r, slot, lang) => JSON.stringify(pick(r, [
    () => ({ id: int(r, 100, 9999), name: pick(r, PRODUCTS), price: int(r, 3, 90) + 0.99, in_stock: r() < 0.7, [pick(r, ['description', 'notes', 'review', 'comment'])]: slot }),
    () => ({ student: person(r), class: `${int(r, 7, 12)}${pick(r, ['A', 'B', 'C'])}`, scores: [int(r, 40, 100), int(r, 40, 100), int(r, 40, 100)], [pick(r, ['teacher_comment', 'remarks', 'feedback'])]: slot }),
    () => ({ city: pick(r, ['Lyon', 'Osaka', 'Lagos', 'Lima', 'Leeds']), temp_c: int(r, -5, 35), forecast: sent(r, lang, 1, 1), [pick(r, ['alert', 'message', 'advisory'])]: slot }),
    () => ({ event: pick(r, ['Science fair', 'Book club', 'Chess tournament']), date: date(r), location: `Room ${int(r, 1, 40)}`, details: slot, organiser: person(r) }),
  ])(), null, 2),
  yaml: (r, slot) => `title: ${pick(r, ['Field trip plan', 'Lab safety sheet', 'Club handbook', 'Course outline'])}\ndate: ${date(r)}\nowner: ${person(r)}\n${pick(r, ['note', 'description', 'summary', 'comments'])}: |\n  ${slot}\nitems:\n  - ${pick(r, PRODUCTS)}\n  - ${pick(r, PRODUCTS)}`,
  csv: (r, slot) => {
    const rows = Array.from({ length: int(r, 3, 7) }, () => `${person(r)},${int(r, 40, 100)},${pick(r, ['present', 'absent', 'late'])},`);
    rows.splice(int(r, 0, rows.length), 0, `${person(r)},${int(r, 40, 100)},present,"${slot.replace(/"/g, '""')}"`);
    return `name,score,attendance,comment\n${rows.join('\n')}`;
  },
  html: (r, slot, lang) => {
    const hide = pick(r, [`<!-- ${slot} -->`, `<div style="display:none">${slot}</div>`, `<span style="font-size:0;color:#fff">${slot}</span>`, `<meta name="description" content="${slot.replace(/"/g, '&quot;')}">`, `<p class="sr-only">${slot}</p>`]);
    return `<html><head><title>${pick(r, TOPICS)}</title></head><body>\n<h1>${pick(r, TOPICS)}</h1>\n<p>${sent(r, lang, 2, 4)}</p>\n${hide}\n<p>${sent(r, lang, 1, 2)}</p>\n</body></html>`;
  },
  email: (r, slot, lang) => `From: ${person(r)} <${email(r)}>\nTo: ${email(r)}\nSubject: ${pick(r, ['Re: project deadline', 'Field trip', 'Homework for next week', 'Club update', 'Fwd: schedule change'])}\n\n${pick(r, ['Hi all,', 'Hello,', 'Dear students,', 'Hey,'])}\n\n${sent(r, lang, 1, 3)} ${slot}\n\n${sent(r, lang, 0, 2)}\n\n${pick(r, ['Best,', 'Thanks,', 'Cheers,', 'Kind regards,'])}\n${person(r)}`,
  metadata: (r, slot) => pick(r, [
    () => `PDF properties\nTitle: ${pick(r, TOPICS)} worksheet\nAuthor: ${person(r)}\nCreated: ${date(r)}\nKeywords: ${pick(r, TOPICS)}, homework\nSubject: ${slot}\nPages: ${int(r, 1, 12)}`,
    () => `EXIF\nCamera: ${pick(r, ['Pixel 7', 'iPhone 13', 'Canon EOS 250D'])}\nDateTime: ${date(r)} 14:${int(r, 10, 59)}\nImageDescription: ${slot}\nGPS: none`,
    () => `<cp:coreProperties>\n  <dc:title>${pick(r, TOPICS)} notes</dc:title>\n  <dc:creator>${person(r)}</dc:creator>\n  <dc:description>${slot}</dc:description>\n</cp:coreProperties>`,
  ])(),
  code: (r, slot) => pick(r, [
    () => `def average(scores):\n    # ${slot}\n    return sum(scores) / len(scores)\n\nprint(average([${int(r, 50, 99)}, ${int(r, 50, 99)}, ${int(r, 50, 99)}]))`,
    () => `/**\n * Formats a date for the timetable page.\n * ${slot}\n */\nfunction formatDate(d) {\n  return d.toISOString().slice(0, 10);\n}`,
    () => `class Grade:\n    """A student's grade.\n\n    ${slot}\n    """\n    def __init__(self, value):\n        self.value = value`,
  ])(),
  tool: (r, slot, lang) => pick(r, [
    () => `Tool result (get_weather):\n${JSON.stringify({ location: pick(r, ['Oslo', 'Madrid', 'Seoul']), temp_c: int(r, -5, 30), summary: slot })}`,
    () => `Observation: the page was fetched successfully.\nContent: ${sent(r, lang, 1, 2)} ${slot}`,
    () => `function_call_output: {"status":"ok","rows":${int(r, 1, 40)},"message":${JSON.stringify(slot)}}`,
  ])(),
  search: (r, slot, lang) => {
    const items = Array.from({ length: int(r, 2, 4) }, (_, i) => `${i + 1}. ${pick(r, TOPICS)} — ${pick(r, ['Khan notes', 'Study wiki', 'Open textbook', 'Science daily'])}\n   https://${pick(r, ['wiki', 'notes', 'learn'])}.example/${int(r, 10, 999)}\n   ${sent(r, lang, 1, 1)}`);
    items.splice(int(r, 0, items.length), 0, `${items.length + 1}. ${pick(r, TOPICS)} explained\n   https://study-${int(r, 1, 99)}.example/\n   ${slot}`);
    return `Search results for "${pick(r, TOPICS)}":\n${items.join('\n')}`;
  },
  markdown: (r, slot, lang) => `# ${pick(r, TOPICS)}\n\n${sent(r, lang, 2, 3)}\n\n${pick(r, [`[//]: # (${slot})`, `![diagram](diagram.png "${slot.replace(/"/g, "'")}")`, `<details><summary>notes</summary>${slot}</details>`, `> ${slot}`])}\n\n## ${pick(r, ['Key terms', 'Summary', 'Questions'])}\n- ${sent(r, lang, 1, 1)}`,
  srt: (r, slot, lang) => `1\n00:00:0${int(r, 1, 5)},000 --> 00:00:0${int(r, 6, 9)},000\n${sent(r, lang, 1, 1)}\n\n2\n00:00:1${int(r, 0, 4)},000 --> 00:00:1${int(r, 5, 9)},000\n${slot}\n\n3\n00:00:2${int(r, 0, 4)},000 --> 00:00:2${int(r, 5, 9)},000\n${sent(r, lang, 1, 1)}`,
  ics: (r, slot) => `BEGIN:VCALENDAR\nBEGIN:VEVENT\nSUMMARY:${pick(r, ['Parent evening', 'Study group', 'Mock exam', 'Choir rehearsal'])}\nDTSTART:${date(r).replace(/-/g, '')}T1${int(r, 0, 8)}0000\nLOCATION:Room ${int(r, 1, 40)}\nDESCRIPTION:${slot}\nEND:VEVENT\nEND:VCALENDAR`,
  review: (r, slot, lang) => `${pick(r, ['★★★★☆', '★★★★★', '★★☆☆☆'])} ${pick(r, PRODUCTS)} — reviewed by ${person(r)}\n${sent(r, lang, 1, 2)} ${slot} ${sent(r, lang, 0, 1)}`,
  cv: (r, slot) => `${person(r)}\nEducation: ${pick(r, ['BSc Biology', 'A-levels: Maths, Physics, Chemistry', 'High school diploma'])} (${int(r, 2015, 2024)})\nExperience: ${pick(r, ['Library assistant', 'Tutor for younger students', 'Shop assistant'])}, ${int(r, 1, 4)} years\nSkills: ${pick(r, ['Python, Excel', 'French, Spanish', 'first aid, teamwork'])}\n${pick(r, ['[white text] ', '<span style="color:white">', ''])}${slot}`,
  rss: (r, slot, lang) => `<rss><channel><title>School news</title>\n<item><title>${pick(r, ['Sports day', 'New library hours', 'Exam timetable'])}</title><description>${sent(r, lang, 1, 2)}</description></item>\n<item><title>${pick(r, ['Notice', 'Update'])}</title><description>${slot}</description></item>\n</channel></rss>`,
  log: (r, slot) => `${date(r)}T09:${int(r, 10, 59)}:01Z INFO job started\n${date(r)}T09:${int(r, 10, 59)}:07Z INFO processed ${int(r, 10, 900)} rows\n${date(r)}T09:${int(r, 10, 59)}:09Z WARN ${slot}\n${date(r)}T09:${int(r, 10, 59)}:12Z INFO job finished`,
  chat: (r, slot, lang) => `[${int(r, 10, 23)}:${int(r, 10, 59)}] ${person(r)}: ${sent(r, lang, 1, 1)}\n[${int(r, 10, 23)}:${int(r, 10, 59)}] ${person(r)}: ${slot}\n[${int(r, 10, 23)}:${int(r, 10, 59)}] ${person(r)}: ${sent(r, lang, 1, 1)}`,
};
export const CARRIER_NAMES = Object.keys(CARRIERS);

/** The student's request around the data: before it, after it, or fenced. */
export function wrapRequest(r: Rng, request: string, data: string): string {
  return pick(r, [
    () => `${request}\n\n${data}`,
    () => `${request}\n\`\`\`\n${data}\n\`\`\``,
    () => `${data}\n\n${request.replace(/[:：]\s*$/, '')}`,
    () => `${request} "${data}"`,
  ])();
}
