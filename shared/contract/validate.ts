/**
 * Validating an operation's input against its schema, with zod's Japanese
 * messages and the field named in each one, so the UI can put the message
 * next to the field.
 */
import { z } from 'zod';
import { fieldLabel } from '../glossary';
import { forbiddenCharProblem } from '../text/controls';
import { isFileData, type OpDef } from './define';
import { RenkeiError } from './errors';

z.config(z.locales.ja());

type Path = (string | number)[];

/**
 * Parses `raw` with the operation's schema or throws a `validation` RenkeiError.
 * Every text in the parsed input, in any field of any operation, is also
 * checked for control and bidirectional-override characters here, so no
 * schema can forget it.
 */
export function parseInput<D extends OpDef>(def: D, raw: unknown): z.output<D['input']> {
  const result = def.input.safeParse(raw ?? {});
  if (result.success) {
    const bad = forbiddenText(result.data, [], def.input);
    if (bad.length > 0) throw new RenkeiError('validation', bad[0]!.message, { path: bad[0]!.path, issues: bad });
    return result.data as z.output<D['input']>;
  }
  const issues = result.error.issues.map((issue) => {
    const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
    // Our own messages are whole sentences (「…を入力してください」「…を超えています」); zod's generic ones
    // (「無効な入力: …」) get the field's name in front, where a row index stands for the list it is in.
    const last = [...path].reverse().find((p) => typeof p === 'string');
    const sentence = /(ください|です|ません|ます|。)$|ください（[^（）]*）$/.test(issue.message);
    const named = last === undefined || sentence || issue.message.includes(fieldLabel(last));
    return { path, message: named ? issue.message : `${path.map(fieldLabel).join(' › ')}: ${issue.message}` };
  });
  const first = issues[0]!;
  throw new RenkeiError('validation', first.message, { path: first.path, issues });
}

/**
 * The schema `schema` holds where it wraps another (optional, default, nullable, readonly, a pipe's input): what says
 * how the value is shaped.
 */
function unwrapped(schema: z.ZodType | undefined): z.ZodType | undefined {
  let inner = schema;
  for (let depth = 0; inner && depth < 8; depth += 1) {
    const def = inner._zod.def as { type: string; innerType?: z.ZodType; in?: z.ZodType };
    const next = def.innerType ?? (def.type === 'pipe' ? def.in : undefined);
    if (!next) return inner;
    inner = next;
  }
  return inner;
}

/** The schema of a value's part `key` (an object's field, an array's element), where the schema says it; else none. */
function partSchema(schema: z.ZodType | undefined, key: string | number): z.ZodType | undefined {
  const def = unwrapped(schema)?._zod.def as { type: string; shape?: Record<string, z.ZodType>; element?: z.ZodType } | undefined;
  if (def?.type === 'object' && typeof key === 'string') return def.shape?.[key];
  if (def?.type === 'array') return def.element;
  return undefined;
}

/**
 * Every string (and object key) under `value` holding a character no field may hold, with its path. A file's bytes
 * (a field whose schema is fileData) are left to the file's reader: told by the schema, never by the value's shape
 * (a settings record or an answer given a `fileName` key is still text).
 */
function forbiddenText(value: unknown, path: Path, schema?: z.ZodType): { path: Path; message: string }[] {
  const named = (at: Path, problem: string) => {
    const sentence = `${problem}。その文字を消して入力し直してください`;
    return { path: at, message: at.length > 0 ? `${at.map(fieldLabel).join(' › ')}: ${sentence}` : sentence };
  };
  if (typeof value === 'string') {
    if (isFileData(schema)) return [];
    const problem = forbiddenCharProblem(value);
    return problem === null ? [] : [named(path, problem)];
  }
  if (Array.isArray(value)) return value.flatMap((item, i) => forbiddenText(item, [...path, i], partSchema(schema, i)));
  if (value !== null && typeof value === 'object') {
    return Object.entries(value).flatMap(([key, item]) => {
      const problem = forbiddenCharProblem(key);
      return [
        ...(problem === null ? [] : [named([...path, key], problem)]),
        ...forbiddenText(item, [...path, key], partSchema(schema, key)),
      ];
    });
  }
  return [];
}
