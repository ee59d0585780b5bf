import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { lazySchema } from './define';

/** The same schema built at once and through lazySchema: each answer must be the same. */
function both<S extends z.ZodType>(build: () => S): [S, S] {
  return [build(), lazySchema(build)];
}

const issuesOf = (result: { success: boolean; error?: z.ZodError }) =>
  result.error?.issues.map(({ path, message, code }) => ({ path, message, code }));

describe('lazySchema', () => {
  it('builds the schema only when it is first read, and once', () => {
    let builds = 0;
    const schema = lazySchema(() => {
      builds += 1;
      return z.number().int();
    });
    expect(builds).toBe(0);
    expect(schema.safeParse(3).success).toBe(true);
    expect(schema.safeParse(3.5).success).toBe(false);
    expect(builds).toBe(1);
  });

  it('accepts and refuses as the schema built at once, with the same messages and paths, as a field (optional too) of an object', () => {
    const name = lazySchema(() => z.string().min(1, { message: 'センター名を入力してください' }));
    const note = lazySchema(() => z.string().max(3, { message: '備考は3文字までです' }).optional());
    const [eager, lazy] = both(() => z.object({ name, note, count: z.number() }));
    for (const input of [
      { name: '佐渡', count: 1 },
      { name: '', count: 1 },
      { name: '佐渡', note: '長すぎる備考', count: 1 },
      { count: 'x' },
      null,
    ]) {
      const a = eager.safeParse(input);
      const b = lazy.safeParse(input);
      expect(b.success).toBe(a.success);
      expect(issuesOf(b)).toEqual(issuesOf(a));
    }
    // An optional lazy field stays optional: absent, it is no error.
    expect(lazy.safeParse({ name: '佐渡', count: 1 }).success).toBe(true);
  });

  it('is an instance of its schema’s class, spreads as its shape, and serves as a discriminated union’s option', () => {
    const point = lazySchema(() => z.object({ kind: z.literal('point'), x: z.number() }));
    const line = lazySchema(() => z.object({ kind: z.literal('line'), length: z.number() }));
    expect(point instanceof z.ZodObject).toBe(true);
    expect(Object.keys(point.shape)).toEqual(['kind', 'x']);
    const extended = z.object({ ...point.shape, y: z.number() });
    expect(extended.safeParse({ kind: 'point', x: 1, y: 2 }).success).toBe(true);
    const shape = z.discriminatedUnion('kind', [point, line]);
    expect(shape.safeParse({ kind: 'line', length: 2 }).success).toBe(true);
    expect(shape.safeParse({ kind: 'line', x: 2 }).success).toBe(false);
  });

  it('refuses to be frozen rather than break every later read', () => {
    const schema = lazySchema(() => z.string());
    expect(() => Object.freeze(schema)).toThrow(TypeError);
    expect(schema.safeParse('あ').success).toBe(true);
  });
});
