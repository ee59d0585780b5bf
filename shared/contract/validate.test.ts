import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { query } from './define';
import type { RenkeiError } from './errors';
import { operations } from './index';
import { localGovCodeSchema } from './masters';
import { parseInput } from './validate';

const op = query<null>('検証の試し')(() =>
  z.object({
    name: z.string().min(1, { message: 'センター名を入力してください' }),
    backupKeep: z.number(),
    items: z.array(z.object({ note: z.string() })),
  }),
);

function messageOf(input: unknown): { message: string; path?: (string | number)[] } {
  try {
    parseInput(op, input);
  } catch (error) {
    return { message: (error as RenkeiError).message, path: (error as RenkeiError).path };
  }
  throw new Error('no error');
}

describe('validation messages for the user', () => {
  it('leaves our own sentences as they are', () => {
    expect(messageOf({ name: '', backupKeep: 1, items: [] })).toEqual({ message: 'センター名を入力してください', path: ['name'] });
  });

  it('leaves a sentence with an example in brackets after it as it is too (QA: 「事業番号: 回は数字で…」 on a meeting)', () => {
    const meeting = query<null>('検証の試し')(() =>
      z.object({ number: z.number({ message: '回は数字で入力してください（第3回なら 3）' }) }),
    );
    expect(() => parseInput(meeting, { number: 'x' })).toThrow(
      expect.objectContaining({ message: '回は数字で入力してください（第3回なら 3）', path: ['number'] }),
    );
  });

  it("puts the field's Japanese name before zod's generic messages, naming the list for a row", () => {
    const wrongType = messageOf({ name: 'a', backupKeep: 'x', items: [] });
    expect(wrongType.path).toEqual(['backupKeep']);
    expect(wrongType.message.startsWith('バックアップ保持数: ')).toBe(true);
    const inRow = messageOf({ name: 'a', backupKeep: 1, items: [{ note: 3 }] });
    expect(inRow.path).toEqual(['items', 0, 'note']);
    expect(inRow.message.startsWith('事業項目 › 1行目 › 備考: ')).toBe(true);
  });
});

describe('characters no field may hold', () => {
  const nested = query<null>('検証の試し')(() =>
    z.object({ name: z.string(), items: z.array(z.object({ note: z.string() })), answers: z.record(z.string(), z.string()) }).strict(),
  );
  const errorOf = (input: unknown) => {
    try {
      parseInput(nested, input);
    } catch (error) {
      return error as RenkeiError;
    }
    return null;
  };

  it.each([
    ['NUL', '\u0000'],
    ['DEL', '\u007f'],
    ['a C0 control', '\u001b'],
    ['a C1 control', '\u0085'],
    ['the right-to-left override', '\u202e'],
    ['a left-to-right embedding', '\u202a'],
    ['a first-strong isolate', '\u2068'],
    ['a pop directional isolate', '\u2069'],
  ])('refuses %s in any text field, naming the field', (_, ch) => {
    const inName = errorOf({ name: `新潟${ch}市医師会`, items: [], answers: {} });
    expect(inName?.code).toBe('validation');
    expect(inName?.path).toEqual(['name']);
    const code = ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0');
    expect(inName?.message).toBe(`名前: 3文字目に見えない制御文字（U+${code}）があります。その文字を消して入力し直してください`);
    expect(errorOf({ name: 'a', items: [{ note: 'ok' }, { note: `x${ch}` }], answers: {} })?.path).toEqual(['items', 1, 'note']);
    expect(errorOf({ name: 'a', items: [], answers: { q1: `${ch}` } })?.path).toEqual(['answers', 'q1']);
    expect(errorOf({ name: 'a', items: [], answers: { [`q${ch}`]: 'x' } })?.path).toEqual(['answers', `q${ch}`]);
  });

  it("leaves a file's base64 data to its reader, by the operation's schema, and checks every other text", () => {
    const refusal = (name: keyof typeof operations, input: unknown) => {
      try {
        parseInput(operations[name], input);
      } catch (error) {
        return error as RenkeiError;
      }
      return null;
    };
    // Not a character a base64 text can hold: the reader refuses such a file by its own rules ("表として読めません").
    const odd = 'QUJD\u0000';
    expect(refusal('masters.import.preview', { kind: 'institutions', fileName: 'a.csv', data: odd })).toBeNull();
    expect(refusal('survey.files.preview', { roundId: 1, files: [{ fileName: 'b.xlsx', data: odd }] })).toBeNull();
    expect(refusal('template.register', { name: '通知', fileName: 'c.xlsx', data: odd })).toBeNull();
    // The file's name beside it is text.
    expect(refusal('masters.import.preview', { kind: 'institutions', fileName: 'a\u0000.csv', data: 'QUJD' })?.path).toEqual(['fileName']);
    expect(refusal('survey.files.preview', { roundId: 1, files: [{ fileName: 'b\u0085.xlsx', data: 'QUJD' }] })?.path).toEqual([
      'files',
      0,
      'fileName',
    ]);
    // A record or an answer given a fileName key beside a data key is still text, told by the schema (review).
    expect(refusal('settings.update', { associationPresidents: { fileName: 'x', data: '山田\u202e太郎' } })?.path).toEqual([
      'associationPresidents',
      'data',
    ]);
    expect(
      refusal('survey.answers.save', { roundId: 1, targetId: '151009', answers: { fileName: null, data: `回答${'\u0000'}` } })?.path,
    ).toEqual(['answers', 'data']);
  });

  it('keeps tabs and line breaks, and every ordinary character', () => {
    expect(errorOf({ name: '（株）ＡＢＣ\t①髙', items: [{ note: '1行目\r\n2行目\n3行目' }], answers: { q: '🏥 ﾆｲｶﾞﾀ' } })).toBeNull();
  });
});

describe('codes typed with the IME on', () => {
  it('reads a 団体コード in full-width digits as the code', () => {
    expect(localGovCodeSchema.parse('１５１００９')).toBe('151009');
    expect(localGovCodeSchema.parse(' 151009 ')).toBe('151009');
    expect(localGovCodeSchema.safeParse('１５１００８').error?.issues[0]?.message).toBe(
      '団体コード「151008」の検査数字が正しくありません（正しくは 151009）',
    );
  });
});
