/**
 * Validating an operation's input against its schema, with zod's Japanese
 * messages and the field named in each one, so the UI can put the message
 * next to the field.
 */
import { z } from 'zod';
import { fieldLabel } from '../glossary';
import type { OpDef } from './define';
import { RenkeiError } from './errors';

z.config(z.locales.ja());

/** Parses `raw` with the operation's schema or throws a `validation` RenkeiError. */
export function parseInput<D extends OpDef>(def: D, raw: unknown): z.output<D['input']> {
  const result = def.input.safeParse(raw ?? {});
  if (result.success) return result.data as z.output<D['input']>;
  const issues = result.error.issues.map((issue) => {
    const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
    // Our own messages are whole sentences (「…を入力してください」「…を超えています」); zod's generic ones
    // (「無効な入力: …」) get the field's name in front, where a row index stands for the list it is in.
    const last = [...path].reverse().find((p) => typeof p === 'string');
    const sentence = /(ください|です|ません|ます|。)$/.test(issue.message);
    const named = last === undefined || sentence || issue.message.includes(fieldLabel(last));
    return { path, message: named ? issue.message : `${path.map(fieldLabel).join(' › ')}: ${issue.message}` };
  });
  const first = issues[0]!;
  throw new RenkeiError('validation', first.message, { path: first.path, issues });
}
