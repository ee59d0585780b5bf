import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { query } from './define';
import { RenkeiError } from './errors';
import { localGovCodeSchema } from './masters';
import { parseInput } from './validate';

const op = query<null>()(
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

  it("puts the field's Japanese name before zod's generic messages, naming the list for a row", () => {
    const wrongType = messageOf({ name: 'a', backupKeep: 'x', items: [] });
    expect(wrongType.path).toEqual(['backupKeep']);
    expect(wrongType.message.startsWith('バックアップ保持数: ')).toBe(true);
    const inRow = messageOf({ name: 'a', backupKeep: 1, items: [{ note: 3 }] });
    expect(inRow.path).toEqual(['items', 0, 'note']);
    expect(inRow.message.startsWith('事業項目 › 1行目 › 備考: ')).toBe(true);
  });
});

describe('codes typed with the IME on', () => {
  it('reads a 団体コード in full-width digits as the code', () => {
    expect(localGovCodeSchema.parse('１５１００９')).toBe('151009');
    expect(localGovCodeSchema.parse(' 151009 ')).toBe('151009');
    expect(localGovCodeSchema.safeParse('１５１００８').error?.issues[0]?.message).toBe('団体コード「151008」の検査数字が正しくありません（正しくは 151009）');
  });
});
