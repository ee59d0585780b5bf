import { describe, expect, it } from 'vitest';
import { engines } from '@tests/support/engines';

const b64 = (text: string) => Buffer.from(text).toString('base64');

describe('a long institution list', () => {
  for (const engine of engines()) {
    it(`is found by every form of its names once imported, its search keys folded on a worker thread (${engine.name})`, async () => {
      const core = await engine.open({ osUser: 'tester' });
      await core.call('masters.demo.load', {});
      // 12,000 rows: past the 10,000 from which the keys are folded ahead on the other core.
      const rows = Array.from(
        { length: 12_000 },
        (_, i) => `${String(1_500_000_000 + i)},ヤマザキ　髙橋クリニック　第${i}号,新潟市中央区${i}−１`,
      );
      const data = b64(['医療機関コード,名称,所在地', ...rows].join('\n'));
      const input = { kind: 'institutions' as const, fileName: '一覧.csv', data };
      expect((await core.call('masters.import.preview', input)).counts).toMatchObject({ new: 12_000, error: 0 });
      expect(await core.call('masters.import.commit', input)).toMatchObject({ created: 12_000 });
      // By the reading of the katakana, the 髙 as 高, the full-width dash as typed, the municipality's reading.
      for (const [search, code] of [
        ['やまざき 高橋 第11999号', '1500011999'],
        ['第5000号 にいがたし', '1500005000'],
        ['中央区1-1 第1号', '1500000001'],
        ['第0号', '1500000000'],
      ] as const) {
        const found = await core.call('masters.institutions.list', { search, limit: 5 });
        expect(found.rows.map((r) => r.code)).toContain(code);
      }
      expect((await core.call('masters.institutions.list', { search: 'やまざき', limit: 1 })).total).toBe(12_000);
    });
  }
});
