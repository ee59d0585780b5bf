import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import type { ReportDoc } from '@shared/report/model';
import { tempDir } from '@tests/support/tmp';
import { Core } from '../core';
import type { Printer } from '../kernel/printer';
import { printReport } from './printer';

/** A printer that makes a real one-page PDF per call and counts the calls: the engine's port, not the core. */
function countingPrinter(): Printer & { prints: number } {
  const printer = {
    prints: 0,
    async print() {
      printer.prints += 1;
      const pdf = await PDFDocument.create();
      pdf.addPage();
      return { pdf: Buffer.from(await pdf.save()), outcome: { charts: [] } };
    },
    async close() {},
  };
  return printer;
}

describe('prints kept by content', () => {
  it('prints the gallery report once while its figures stay the same, and again once a figure changes', async () => {
    const core = await Core.open({
      dbPath: `${tempDir()}/printer.sqlite`,
      osUser: 'tester',
      now: () => new Date('2026-11-22T10:00:00+09:00'),
    });
    await core.call('masters.demo.load', {});
    const printer = countingPrinter();
    const doc = async () => (await core.call('report.doc', { name: 'summary', params: {} })) as ReportDoc;

    const first = await printReport(printer, await doc());
    expect(first.pages).toBe(1);
    await printReport(printer, await doc());
    expect(printer.prints).toBe(1);

    // One figure different (as after a save) is another document: printed anew, then kept in turn.
    const changed = structuredClone(await doc());
    const figures = changed.blocks.find((b) => b.type === 'figures')!;
    if (figures.type === 'figures') figures.items[0]!.value = 999_999;
    await printReport(printer, changed);
    await printReport(printer, changed);
    expect(printer.prints).toBe(2);
    await printReport(printer, await doc());
    expect(printer.prints).toBe(2);
    // Another printer (a restarted browser) keeps nothing of the first one's.
    const fresh = countingPrinter();
    await printReport(fresh, changed);
    expect(fresh.prints).toBe(1);
    await core.close();
  });
});
