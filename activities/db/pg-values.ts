// Column specs and the text form of values for the batch writers. Every value travels as text and is cast on the
// server (`v.col::vector`), so one code path serves COPY and `unnest($n::text[])`: unnest would flatten a
// multi-dimensional array, and a text[] of array literals keeps one element per row.
import pgvector from 'pgvector';

export interface Column {
  name: string;
  /** A Postgres type: text, uuid, integer, bigint, real, double precision, boolean, timestamptz, jsonb, text[], uuid[], vector, ... */
  type: string;
}

/** A value as Postgres reads it in text form; null is SQL NULL. */
export type PgText = string | null;

const TYPE_RE = /^[a-z][a-z0-9_ ]*(\(\d+(,\s*\d+)?\))?(\[\])?$/i;

/** Double-quoted identifier: column and table names come from code, but quoting keeps odd names correct. */
export function ident(name: string): string {
  return name
    .split('.')
    .map((part) => `"${part.replace(/"/g, '""')}"`)
    .join('.');
}

export function checkColumns(table: string, columns: Column[], key: string[]): void {
  if (columns.length === 0) throw new Error(`${table}: no columns`);
  const names = new Set<string>();
  for (const c of columns) {
    if (!TYPE_RE.test(c.type)) throw new Error(`${table}.${c.name}: unsupported type ${JSON.stringify(c.type)}`);
    if (names.has(c.name)) throw new Error(`${table}: column ${c.name} listed twice`);
    names.add(c.name);
  }
  if (key.length === 0) throw new Error(`${table}: empty key`);
  for (const k of key) if (!names.has(k)) throw new Error(`${table}: key column ${k} is not among the columns`);
}

/** The text form of `value` for a column of `type`. Throws a TypeError for a value the type cannot take. */
export function toPgText(value: unknown, type: string): PgText {
  return encoder(type)(value);
}

type Encoder = (value: unknown) => PgText;

function scalar(value: unknown, type: string): string {
  switch (typeof value) {
    case 'string':
      return value;
    case 'number':
    case 'bigint':
      return String(value);
    case 'boolean':
      return value ? 't' : 'f';
    default:
      if (value instanceof Date) {
        if (Number.isNaN(value.getTime())) throw new TypeError('invalid Date');
        return value.toISOString();
      }
      throw new TypeError(`cannot store a ${typeof value} in a ${type} column`);
  }
}

/** The encoder of one column type, chosen once per writer rather than per value. */
export function encoder(type: string): Encoder {
  if (type === 'vector' || type.startsWith('vector(')) {
    return (v) => {
      if (v === null || v === undefined) return null;
      if (typeof v === 'string') return v;
      if (!Array.isArray(v) && !ArrayBuffer.isView(v)) throw new TypeError('vector value must be a number[]');
      return pgvector.toSql(Array.from(v as ArrayLike<number>)) as string;
    };
  }
  if (type === 'jsonb' || type === 'json') return (v) => (v === null || v === undefined ? null : JSON.stringify(v)); // a JS string becomes a JSON string
  if (type.endsWith('[]')) {
    return (v) => {
      if (v === null || v === undefined) return null;
      if (typeof v === 'string') return v; // already an array literal
      if (!Array.isArray(v)) throw new TypeError(`${type} value must be an array`);
      return `{${v.map(arrayElement).join(',')}}`;
    };
  }
  if (type === 'text') return (v) => (typeof v === 'string' ? v : v === null || v === undefined ? null : scalar(v, type));
  return (v) => (v === null || v === undefined ? null : scalar(v, type));
}

/** One encoder per column; an error names the column. */
export function encoders(columns: Column[]): Encoder[] {
  return columns.map((c) => {
    const enc = encoder(c.type);
    if (c.type === 'text') return enc; // cannot throw
    return (v: unknown) => {
      try {
        return enc(v);
      } catch (err) {
        throw new TypeError(`column ${c.name}: ${(err as Error).message}`);
      }
    };
  });
}

/** One row's values in column order, as text. */
export function rowToText(row: Record<string, unknown>, columns: Column[], encs = encoders(columns)): PgText[] {
  const out = new Array<PgText>(columns.length);
  for (let i = 0; i < columns.length; i++) out[i] = encs[i]!(row[columns[i]!.name]);
  return out;
}

/** A key that identifies a row within one batch (NUL cannot occur in Postgres text, so it cannot collide). */
export function keyOf(values: PgText[], keyIdx: number[]): string {
  if (keyIdx.length === 1) return values[keyIdx[0]!] ?? '\u0000';
  return keyIdx.map((i) => values[i] ?? '\u0000').join('\u0000\u0001');
}

const COPY_SPECIAL = /[\\\n\r\t]/;

/** A value in COPY text format. */
export function copyField(v: PgText): string {
  if (v === null || v === undefined) return '\\N';
  if (!COPY_SPECIAL.test(v)) return v;
  if (v.includes('\\')) v = v.replace(/\\/g, '\\\\');
  if (v.includes('\n')) v = v.replace(/\n/g, '\\n');
  if (v.includes('\r')) v = v.replace(/\r/g, '\\r');
  if (v.includes('\t')) v = v.replace(/\t/g, '\\t');
  return v;
}

const COPY_UNESCAPE = /\\(.)/g;
const UNESCAPED: Record<string, string> = { n: '\n', r: '\r', t: '\t', '\\': '\\' };

/** The values of one COPY text line, without its newline (for the rare batch that must go by INSERT instead). */
export function parseCopyLine(line: string): PgText[] {
  return line.split('\t').map((f) => (f === '\\N' ? null : f.includes('\\') ? f.replace(COPY_UNESCAPE, (_, ch: string) => UNESCAPED[ch] ?? ch) : f));
}

/**
 * `SELECT v.a::type AS a, ... FROM unnest($1::text[], ...) AS v(a, ...)`: one text[] parameter per column.
 * With `ordinal`, also `v.<ordinal>`, the row's 1-based position in the arrays.
 */
export function unnestSelect(columns: Column[], ordinal?: string): string {
  const cols = columns.map((c) => ident(c.name));
  const casts = columns.map((c, i) => (c.type === 'text' ? `v.${cols[i]}` : `v.${cols[i]}::${c.type} AS ${cols[i]}`));
  const params = columns.map((_, i) => `$${i + 1}::text[]`);
  if (ordinal) {
    return `SELECT v.${ident(ordinal)}, ${casts.join(', ')} FROM unnest(${params.join(', ')}) WITH ORDINALITY AS v(${cols.join(', ')}, ${ident(ordinal)})`;
  }
  return `SELECT ${casts.join(', ')} FROM unnest(${params.join(', ')}) AS v(${cols.join(', ')})`;
}

const ARRAY_SPECIAL = /[\\"]/;

/** One element of a text[] literal: always quoted, so no element text can be mistaken for NULL or a delimiter. */
function quoteElement(v: PgText): string {
  if (v === null || v === undefined) return 'NULL';
  return ARRAY_SPECIAL.test(v) ? `"${v.replace(/[\\"]/g, '\\$&')}"` : `"${v}"`;
}

function arrayElement(v: unknown): string {
  return quoteElement(v === null || v === undefined ? null : typeof v === 'string' ? v : v instanceof Date ? v.toISOString() : String(v));
}

/**
 * Column-major text[] literals for `unnestSelect`, from row-major text values. Written here rather than left to
 * `pg` (which escapes each element with two regex replaces and a recursive walk): on a 2-core host the worker's
 * CPU competes with Postgres's, and this is most of the client's work per flushed row.
 */
export function unnestParams(rows: PgText[][], width: number): string[] {
  const params = new Array<string>(width);
  for (let c = 0; c < width; c++) {
    let lit = '{';
    for (let r = 0; r < rows.length; r++) lit += (r === 0 ? '' : ',') + quoteElement(rows[r]![c]!);
    params[c] = lit + '}';
  }
  return params;
}
