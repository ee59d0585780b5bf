/**
 * Inputs for the fuzz guard, read off each operation's zod schema: a plausible
 * value of the schema's shape (so handlers get past the first check and meet
 * unknown ids, huge numbers and hostile text), and the ways to spoil it.
 */
import fc from 'fast-check';
import type { z } from 'zod';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Def = { type: string; [key: string]: unknown };

function defOf(schema: unknown): Def {
  return (schema as { _zod: { def: Def } })._zod.def;
}

/** Values a field of this name usually holds, so a generated input reaches the handler. */
const BY_NAME: Record<string, Json> = {
  fiscalYear: 2023,
  code: '151009',
  municipalityCode: '151009',
  date: '2023-04-01',
  baseDate: '2023-04-01',
  asOf: '2023-04-01',
  startDate: '2023-04-01',
  endDate: '2024-03-31',
  fileName: 'x.xlsx',
};

/** A value of the schema's shape; ids are numbers nobody has. */
export function sample(schema: unknown, key = ''): Json {
  const def = defOf(schema);
  if (key in BY_NAME && def.type !== 'object' && def.type !== 'array') return BY_NAME[key]!;
  switch (def.type) {
    case 'object': {
      const out: Record<string, Json> = {};
      for (const [k, v] of Object.entries(def.shape as Record<string, unknown>)) {
        if (defOf(v).type === 'optional') continue;
        out[k] = sample(v, k);
      }
      return out;
    }
    case 'optional':
    case 'nullable':
    case 'readonly':
    case 'nonoptional':
    case 'catch':
      return sample(def.innerType, key);
    case 'default':
      return sample(def.innerType, key);
    case 'pipe':
      return sample(def.in, key);
    case 'lazy':
      return sample((def.getter as () => unknown)(), key);
    case 'array':
      return [sample(def.element, key)];
    case 'tuple':
      return (def.items as unknown[]).map((item) => sample(item, key));
    case 'record':
      return {};
    case 'enum':
      return Object.values(def.entries as Record<string, Json>)[0]!;
    case 'literal':
      return (def.values as Json[])[0]!;
    case 'union':
      return sample((def.options as unknown[])[0], key);
    case 'number':
    case 'int':
      return /id$/i.test(key) ? 987_654 : 1;
    case 'bigint':
      return 1;
    case 'boolean':
      return false;
    case 'null':
      return null;
    case 'string':
      return /id$/i.test(key) ? 'no-such-id' : 'テスト';
    default:
      return null;
  }
}

/** Every path to a leaf or a container in a sampled value. */
function paths(value: Json, prefix: (string | number)[] = []): (string | number)[][] {
  const here = prefix.length > 0 ? [prefix] : [];
  if (Array.isArray(value)) return [...here, ...value.flatMap((v, i) => paths(v, [...prefix, i]))];
  if (value !== null && typeof value === 'object') return [...here, ...Object.entries(value).flatMap(([k, v]) => paths(v, [...prefix, k]))];
  return here;
}

function setAt(value: Json, path: (string | number)[], replacement: Json | undefined): Json {
  if (path.length === 0) return replacement ?? null;
  const [head, ...rest] = path as [string | number, ...(string | number)[]];
  if (Array.isArray(value)) {
    const copy = [...value];
    copy[head as number] = setAt(copy[head as number] ?? null, rest, replacement) as Json;
    return copy;
  }
  if (value !== null && typeof value === 'object') {
    const copy: Record<string, Json> = { ...value };
    if (rest.length === 0 && replacement === undefined) delete copy[head as string];
    else copy[head as string] = setAt(copy[head as string] ?? null, rest, replacement);
    return copy;
  }
  return value;
}

const MEGABYTE = 'あ'.repeat(350_000);

/** Hostile leaf values: wrong types, NUL and bidi text, 1 MB strings, numbers past every range. */
export const NASTY: readonly (Json | undefined)[] = [
  undefined,
  null,
  true,
  [],
  {},
  '',
  ' ',
  'a\u0000b',
  '\u202Eevil',
  '\u007F',
  MEGABYTE,
  '=HYPERLINK("http://127.0.0.1/")',
  '../../../../etc/passwd',
  '%E0%A4%A',
  -1,
  0,
  1.5,
  2 ** 53 + 2,
  -(2 ** 53) - 2,
  1e308,
  987_654_321,
  '2023-02-30',
  '9999-99-99',
];

/** Keys that name places on disk: filled only with wrong types, never with strings that could be paths. */
const PATH_KEYS = /^(path|dir|folder|out|outDir|file|target)$/i;

export interface FuzzCase {
  input: Json | undefined;
  label: string;
}

/** An arbitrary input for one operation: its sample with one place spoiled, a whole hostile value, or the bare sample. */
export function inputArbitrary(schema: z.ZodType): fc.Arbitrary<FuzzCase> {
  const base = sample(schema);
  const places = paths(base);
  const safe = (path: (string | number)[], v: Json | undefined) =>
    !(path.some((p) => typeof p === 'string' && PATH_KEYS.test(p)) && typeof v === 'string');
  const spoiled =
    places.length === 0
      ? fc.constant<FuzzCase>({ input: base, label: 'sample' })
      : fc
          .tuple(fc.constantFrom(...places), fc.constantFrom(...NASTY))
          .filter(([path, v]) => safe(path, v))
          .map(([path, v]) => ({ input: setAt(base, path, v), label: `${path.join('.')}=${describe(v)}` }));
  const whole = fc
    .constantFrom(...NASTY)
    .filter((v) => typeof v !== 'string')
    .map((v) => ({ input: v, label: `whole=${describe(v)}` }));
  const extra = fc.constant<FuzzCase>({
    input: base !== null && typeof base === 'object' && !Array.isArray(base) ? { ...base, unexpected: 1 } : base,
    label: 'extra key',
  });
  return fc.oneof(
    { arbitrary: spoiled, weight: 8 },
    { arbitrary: whole, weight: 1 },
    { arbitrary: extra, weight: 1 },
    { arbitrary: fc.constant({ input: base, label: 'sample' }), weight: 1 },
  );
}

function describe(v: Json | undefined): string {
  if (v === undefined) return '(missing)';
  const text = JSON.stringify(v);
  return text.length > 30 ? `${text.slice(0, 27)}…(${text.length})` : text;
}
