import { PDFDict, PDFDocument, PDFHexString, PDFName, PDFString } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import type { ReportDoc } from '@shared/report/model';
import { documentMark } from '@shared/report/print';
import { tempDir } from '@tests/support/tmp';
import { Core } from '../core';
import type { Printer } from '../kernel/printer';
import { printedStructure } from './pdf-read';
import { documentPages, printParts, printReport, sliceCuts } from './printer';

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

/** A PDF of `pages` blank pages, with links to the given addresses on the given pages, as a measuring print has its marks. */
async function markedPdf(pages: number, links: [page: number, uri: string][]): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  for (let i = 0; i < pages; i += 1) pdf.addPage();
  for (const [page, uri] of links) {
    const link = pdf.context.register(
      pdf.context.obj({ Type: 'Annot', Subtype: 'Link', Rect: [0, 0, 1, 1], A: { S: 'URI', URI: PDFString.of(uri) } }),
    );
    const node = pdf.getPage(page).node;
    node.set(PDFName.of('Annots'), pdf.context.obj([...(node.Annots()?.asArray() ?? []), link]));
  }
  return pdf.save();
}

describe('documents’ lengths read from a measuring print', () => {
  it('counts each document from the page of its mark to the next one’s, other links aside', async () => {
    const pdf = await markedPdf(7, [
      [0, documentMark(0)],
      [1, 'https://www.mhlw.go.jp/'],
      [2, documentMark(1)],
      [6, documentMark(2)],
      [6, 'https://renkei.invalid/document/9'],
    ]);
    expect(await documentPages(pdf, 3)).toEqual([2, 4, 1]);
    // One document alone is the whole PDF, marks or not.
    expect(await documentPages(await markedPdf(3, []), 1)).toEqual([3]);
  });

  it('refuses a print whose marks are missing or out of order, rather than number pages wrongly', async () => {
    const missing = await markedPdf(4, [
      [0, documentMark(0)],
      [3, documentMark(2)],
    ]);
    await expect(documentPages(missing, 3)).rejects.toThrow('印刷した資料の区切りを読み取れませんでした（3件の資料に対して目印2件）');
    const backwards = await markedPdf(4, [
      [0, documentMark(0)],
      [3, documentMark(1)],
      [1, documentMark(2)],
    ]);
    await expect(documentPages(backwards, 3)).rejects.toThrow('3件の資料に対して目印3件');
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

describe('a large pack in parts', () => {
  /** A document of one table of `rows` × `columns` cells, and charts. */
  const sized = (rows: number, columns: number, charts = 0): ReportDoc => ({
    name: 'sized',
    title: 'sized',
    orientation: 'landscape',
    params: {},
    header: { formNumber: '', date: '2024-04-01' as never },
    blocks: [
      {
        type: 'table',
        columns: Array.from({ length: columns }, (_, i) => ({ key: `c${i}`, header: `${i}`, format: 'count' as const, width: 1 })),
        rows: Array.from({ length: rows }, () => ({ kind: 'data' as const, cells: {} })),
      },
      ...Array.from({ length: charts }, () => ({
        type: 'chart' as const,
        kind: 'bar' as const,
        title: '',
        labels: [],
        series: [],
        unit: '件',
      })),
    ],
  });

  it('prints a pack of up to 16,000 cells whole, and a larger one in parts of whole documents of about 8,000 cells', () => {
    // 14,900 cells: whole, however the documents are sized.
    expect(printParts([sized(400, 11), sized(300, 11), sized(310, 20, 5)])).toEqual([[0, 1, 2]]);
    // 33,550 cells: a document joins the part before while both hold 8,000 cells or fewer, a larger one is alone.
    const grown = [sized(400, 11), sized(200, 6), sized(1505, 6), sized(100, 6), sized(50, 6), sized(851, 20, 5)];
    expect(printParts(grown)).toEqual([[0, 1], [2], [3, 4], [5]]);
    expect(printParts(grown, { whole: 0, part: 1, slicePages: 0 })).toEqual([[0], [1], [2], [3], [4], [5]]);
    expect(printParts([])).toEqual([]);
  });

  it('cuts a large document where a page starts inside a table with no heading after it, as late as each slice allows', () => {
    // 70 pages: a heading (block 0), a table (block 1) on pages 0–39, another heading (block 2), a table (block 3)
    // on pages 40–69; every page but the first of each table starts inside it.
    const doc = sized(1, 1);
    doc.blocks = [{ type: 'heading', text: 'a' }, doc.blocks[0]!, { type: 'heading', text: 'b' }, doc.blocks[0]!];
    const starts = Array.from({ length: 70 }, (_, p) =>
      p === 0 || p === 40 ? null : p < 40 ? { block: 1, row: p * 20 } : { block: 3, row: (p - 40) * 20 },
    );
    // Only in the last table (a slice starting in the first would hold heading b, an outline entry of its own).
    expect(sliceCuts(doc, starts, 30)).toEqual([]);
    expect(
      sliceCuts(
        doc,
        starts.map((s, p) => (p >= 45 ? s : null)),
        60,
      ),
    ).toEqual([60]);
    // Without headings after the first: at pages 30 and 60.
    doc.blocks[2] = { type: 'paragraph', text: 'b' };
    expect(sliceCuts(doc, starts, 30)).toEqual([30, 60]);
    // A page that does not start inside a table (40) is no cut: the one before it is.
    expect(sliceCuts(doc, starts, 40)).toEqual([39]);
    expect(sliceCuts(doc, starts, 70)).toEqual([]);
    // Not before a total row (its double rule would move under the table's head): the page before it instead.
    const table = structuredClone(doc.blocks[3]!);
    if (table.type === 'table') table.rows = Array.from({ length: 601 }, (_, r) => ({ kind: r === 400 ? 'total' : 'data', cells: {} }));
    doc.blocks[3] = table;
    expect(sliceCuts(doc, starts, 30)).toEqual([30, 59]);
    expect(sliceCuts(doc, starts, 0)).toEqual([]);
  });
});
