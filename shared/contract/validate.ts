/**
 * Validating an operation's input against its schema, with zod's Japanese
 * messages and the field named in each one, so the UI can put the message
 * next to the field.
 */
import { z } from 'zod';
import { fieldLabel } from '../glossary';
import { forbiddenCharProblem } from '../text/controls';
import type { OpDef } from './define';
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
    const bad = forbiddenText(result.data, []);
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

/** Every string (and object key) under `value` holding a character no field may hold, with its path. */
function forbiddenText(value: unknown, path: Path): { path: Path; message: string }[] {
  const named = (at: Path, problem: string) => {
    const sentence = `${problem}。その文字を消して入力し直してください`;
    return { path: at, message: at.length > 0 ? `${at.map(fieldLabel).join(' › ')}: ${sentence}` : sentence };
  };
  if (typeof value === 'string') {
    const problem = forbiddenCharProblem(value);
    return problem === null ? [] : [named(path, problem)];
  }
  if (Array.isArray(value)) return value.flatMap((item, i) => forbiddenText(item, [...path, i]));
  if (value !== null && typeof value === 'object') {
    // A file as operations take one ({ fileName, data }): its data is its bytes in base64, decoded before use and never
    // kept as text — its characters are the file's reader's to check (the national list's 14 MB: ~15 ms for nothing).
    const file = 'fileName' in value && typeof (value as { data?: unknown }).data === 'string';
    return Object.entries(value).flatMap(([key, item]) => {
      const problem = forbiddenCharProblem(key);
      const keyProblems = problem === null ? [] : [named([...path, key], problem)];
      return file && key === 'data' ? keyProblems : [...keyProblems, ...forbiddenText(item, [...path, key])];
    });
  }
  return [];
}
