/**
 * A deck's handout printed for real (the core on a SQLite file, the loopback
 * host serving the built print page, Debian's Chromium printing it, pdf.js
 * reading it back) for a prefecture whose slide tables are longer than a page:
 * every row is on the sheets, the table going on in slides titled 「（続き）」.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Core } from '@core/core';
import { type Host, startHost } from '@core/host/server';
import { ChromiumPrinter } from '@core/report';
import { readPdf } from '../support/pdf';
import { addCenters } from '../support/seed';
import { ROOT } from '../support/serve';
import { tempDir } from '../support/tmp';

let core: Core;
let host: Host;

beforeAll(async () => {
  process.env.CHROMIUM_PATH ??= '/usr/bin/chromium';
  core = await Core.open({
    dbPath: path.join(tempDir('renkei-handout-'), 'handout.sqlite'),
    osUser: 'tester',
    now: () => new Date('2024-02-15T01:00:00Z'),
  });
  host = await startHost({ core, staticDir: path.join(ROOT, 'dist', 'renderer') });
  core.usePrinter(new ChromiumPrinter(host.url));
}, 120_000);

afterAll(async () => {
  await host?.close();
  await core?.close();
});

describe('handouts of long tables', () => {
  it('carries a table longer than a slide on to slides titled 「（続き）」, every center on the sheets', async () => {
    await core.call('app.demo.load', {});
    // The demo's 17 centers fit one slide; 30 more do not.
    await addCenters((name, input) => core.call(name, input as never), 30);
    const centers = (await core.call('masters.centers.list', { fiscalYear: 2023 })).map((c) => c.name);
    expect(centers.length).toBeGreaterThanOrEqual(47);
    const { id } = await core.call('deck.save', {
      title: '第4回 運営会議',
      slides: [
        { kind: 'text', title: '本日の議題', lines: ['補助金の交付状況について'] },
        { kind: 'block', block: 'subsidy.year', fiscalYear: 2023 },
        { kind: 'text', title: '決定事項', lines: ['次回は5月に開催する'] },
      ],
    });

    const out = await core.call('deck.handout', { id, perPage: 4, noteLines: false });
    const pdf = await readPdf(Buffer.from(out.data, 'base64'));
    const text = pdf.pages.map((p) => p.text.replace(/\s/g, '')).join('\n');
    // Every center's row and the total are on the sheets, each once; the slides keep their order.
    for (const name of centers) expect(text.split(name.replace(/\s/g, '')).length - 1, name).toBe(1);
    expect(text.match(/合計/g)).toHaveLength(1);
    const continued = text.split('補助金の交付状況（続き）').length - 1;
    expect(continued).toBeGreaterThanOrEqual(1);
    // 1 + the table's slides + 1, 4 a sheet, each sheet numbered.
    const sheets = Math.ceil((continued + 3) / 4);
    expect(out.pages).toBe(sheets);
    expect(pdf.pages).toHaveLength(sheets);
    expect(pdf.pages.map((p) => p.text.match(/\d+\s*\/\s*\d+/g))).toEqual(pdf.pages.map((_, i) => [`${i + 1} / ${sheets}`]));
    expect(text.indexOf('本日の議題')).toBeLessThan(text.indexOf('補助金の交付状況（続き）'));
    expect(text.lastIndexOf('補助金の交付状況（続き）')).toBeLessThan(text.indexOf('次回は5月に開催する'));
  }, 300_000);
});
