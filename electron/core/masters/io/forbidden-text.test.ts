/**
 * Control and bidirectional-override characters are refused wherever text
 * comes in: a field of an operation (the shared schema layer, whatever the
 * operation) and a cell of an imported file (naming its row and column).
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Core } from '@core/core';
import { base64, xlsxOf } from '@tests/support/files';
import { tempDir } from '@tests/support/tmp';

const RLO = '\u202e';

async function openCore() {
  return Core.open({ dbPath: path.join(tempDir(), 'text.sqlite'), osUser: 'tester' });
}

describe('text a record may not hold', () => {
  it('refuses a right-to-left override or NUL in a name as a field error, and stores nothing', async () => {
    const core = await openCore();
    const saved = await core.dispatch('masters.associations.save', {
      name: `新潟市医師会${RLO}fdp.exe`,
      kind: 'county',
      municipalityCodes: [],
    });
    expect(saved).toEqual({
      ok: false,
      error: expect.objectContaining({
        code: 'validation',
        path: ['name'],
        message: '名前: 7文字目に見えない制御文字（U+202E）があります。その文字を消して入力し直してください',
      }),
    });
    const settings = await core.dispatch('settings.update', { displayName: '県\u0000担当' });
    expect(settings.ok ? null : settings.error.path).toEqual(['displayName']);
    expect(await core.call('masters.associations.list', {})).toEqual([]);
    expect((await core.call('settings.get', {})).displayName).toBe('');
    await core.close();
  });

  it('keeps line breaks in multi-line text', async () => {
    const core = await openCore();
    const [category] = await core.call('fund.categories.list', {});
    const saved = await core.call('fund.projects.save', {
      side: 'medical',
      number: '1',
      name: '在宅医療研修',
      categoryCode: category!.code,
      operatorKind: 'prefecture',
      startFy: 2025,
      content: '1. 研修\n2. 相談窓口\t（通年）',
    });
    expect(saved.content).toBe('1. 研修\n2. 相談窓口\t（通年）');
    await core.close();
  });

  it('marks an imported row with a hidden character as an error at its row and column, and commits none of it', async () => {
    const core = await openCore();
    const data = await xlsxOf([
      ['団体コード', '市区町村名'],
      ['151009', '新潟市'],
      ['152021', `長岡${RLO}市`],
      ['152048', '三条\u0085市'],
    ]);
    const input = { kind: 'municipalities' as const, fileName: '市町村.xlsx', data };
    const preview = await core.call('masters.import.preview', input);
    expect(preview.counts).toEqual({ new: 1, changed: 0, unchanged: 0, error: 2 });
    expect(preview.rows.filter((r) => r.status === 'error').map((r) => ({ row: r.rowNumber, errors: r.errors }))).toEqual([
      {
        row: 3,
        errors: [
          {
            column: 'B',
            header: '市区町村名',
            message: '「市区町村名」の3文字目に見えない制御文字（U+202E）があります。Excel でその文字を消してから読み込み直してください',
          },
        ],
      },
      {
        row: 4,
        errors: [
          {
            column: 'B',
            header: '市区町村名',
            message: '「市区町村名」の3文字目に見えない制御文字（U+0085）があります。Excel でその文字を消してから読み込み直してください',
          },
        ],
      },
    ]);
    const commit = await core.dispatch('masters.import.commit', input);
    expect(commit.ok).toBe(false);
    expect((await core.call('masters.overview', {})).counts.municipalities).toBe(0);
    await core.close();
  });

  it('refuses a header with a hidden character, naming the file, row and column', async () => {
    const core = await openCore();
    const csv = base64(`\uFEFF団体コード,市区町村名\u2066\r\n151009,新潟市\r\n`);
    const result = await core.dispatch('masters.import.preview', { kind: 'municipalities', fileName: 'm.csv', data: csv });
    expect(result.ok ? null : result.error.message).toBe(
      '「m.csv」の 1行目 B列（見出し）: 6文字目に見えない制御文字（U+2066）があります。Excel でその文字を消してから読み込み直してください',
    );
    await core.close();
  });
});
