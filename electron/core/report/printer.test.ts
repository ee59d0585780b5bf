import { PDFDict, PDFDocument, PDFHexString, PDFName, PDFString } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import type { ReportDoc } from '@shared/report/model';
import { tempDir } from '@tests/support/tmp';
import { Core } from '../core';
import type { Printer } from '../kernel/printer';
import { printedStructure } from './pdf-read';
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

describe('a print’s pages and outline read without loading it', () => {
  /** Three pages and an outline of two documents' titles, on pages 1 and 3, as Chromium's tagged print has. */
  async function outlined(): Promise<PDFDocument> {
    const pdf = await PDFDocument.create();
    const pages = [pdf.addPage(), pdf.addPage([842.88, 595.92]), pdf.addPage()];
    const { context } = pdf;
    const [outlines, first, second] = [context.nextRef(), context.nextRef(), context.nextRef()];
    context.assign(
      first,
      context.obj({
        Title: PDFHexString.fromText('提出資料の送付について'),
        Parent: outlines,
        Next: second,
        Dest: [pages[0]!.ref, 'XYZ', 0, 0, 0],
      }),
    );
    // A title in a literal string that reads like a key is not taken for one; the page as a GoTo action's /D.
    context.assign(
      second,
      context.obj({ Title: PDFString.of('(/Next 1 0 R)'), Parent: outlines, Prev: first, A: { S: 'GoTo', D: [pages[2]!.ref, 'Fit'] } }),
    );
    context.assign(outlines, context.obj({ Type: 'Outlines', First: first, Last: second, Count: 2 }));
    pdf.catalog.set(PDFName.of('Outlines'), outlines);
    return pdf;
  }

  it('counts the pages in the page tree’s order and finds the page of each top-level outline entry', async () => {
    const pdf = await outlined();
    // Written as Chromium writes a print: a cross-reference table, the dictionaries as text.
    expect(printedStructure(await pdf.save({ useObjectStreams: false }))).toEqual({ pages: 3, outline: [0, 2] });
    const plain = await PDFDocument.create();
    plain.addPage();
    expect(printedStructure(await plain.save({ useObjectStreams: false }))).toEqual({ pages: 1, outline: [] });
  });

  it('gives no answer, rather than a wrong one, for a PDF it cannot read that way', async () => {
    const pdf = await outlined();
    // Objects packed into compressed streams, found through a cross-reference stream.
    expect(printedStructure(await pdf.save())).toBeNull();
    // An outline entry pointing at no page of the tree.
    const stray = await outlined();
    const first = stray.catalog.lookup(PDFName.of('Outlines'), PDFDict).get(PDFName.of('First'));
    stray.context.lookup(first, PDFDict).set(PDFName.of('Dest'), stray.context.obj([stray.context.nextRef(), 'Fit']));
    expect(printedStructure(await stray.save({ useObjectStreams: false }))).toBeNull();
    expect(printedStructure(Buffer.from('%PDF-1.7\nnot a pdf'))).toBeNull();
  });

  it('reads a title that says stream or endobj as a title, and refuses an outline it cannot read to its last entry', async () => {
    const titled = await outlined();
    const outlines = titled.catalog.lookup(PDFName.of('Outlines'), PDFDict);
    const first = titled.context.lookup(outlines.get(PDFName.of('First')), PDFDict);
    first.set(PDFName.of('Title'), PDFString.of('upstream endobj stream'));
    expect(printedStructure(await titled.save({ useObjectStreams: false }))).toEqual({ pages: 3, outline: [0, 2] });
    // The first entry's next one lost: the chain ends before the outline's last entry.
    first.delete(PDFName.of('Next'));
    expect(printedStructure(await titled.save({ useObjectStreams: false }))).toBeNull();
  });

  it('refuses a page tree with references it does not expect rather than count around them', async () => {
    const pdf = await outlined();
    const bytes = Buffer.from(await pdf.save({ useObjectStreams: false })).toString('latin1');
    // One kid of the page tree referred to in another generation than 0, as no Chromium print is.
    const kids = /\/Kids \[ (\d+) 0 R/.exec(bytes)!;
    const changed = bytes.replace(kids[0], `/Kids [ ${kids[1]} 1 R`);
    expect(changed).not.toBe(bytes);
    expect(printedStructure(Buffer.from(changed, 'latin1'))).toBeNull();
  });
});
