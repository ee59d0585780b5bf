import { PDFDict, PDFDocument, PDFName, PDFNumber, PDFRef, PDFString } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { joinPrints } from './pdf-join';
import { printedStructure } from './pdf-read';

/** A PDF written as Chromium writes one (a classic cross-reference table, no object streams), its pages of the given widths. */
async function print(widths: number[], dress?: (pdf: PDFDocument) => void): Promise<Uint8Array> {
  const pdf = await PDFDocument.create({ updateMetadata: false });
  for (const width of widths) pdf.addPage([width, 842]);
  dress?.(pdf);
  return pdf.save({ useObjectStreams: false });
}

/** Marks a PDF tagged: a structure tree of one (empty) Document element, whose parent tree maps no key. */
function tagged(pdf: PDFDocument): void {
  const parentTree = pdf.context.register(pdf.context.obj({ Type: 'ParentTree', Nums: [] }));
  const root = pdf.context.obj({ Type: 'StructTreeRoot', ParentTreeNextKey: 0, ParentTree: parentTree });
  const rootRef = pdf.context.register(root);
  const document = pdf.context.obj({ Type: 'StructElem', S: 'Document', P: rootRef, K: [] });
  root.set(PDFName.of('K'), pdf.context.register(document));
  pdf.catalog.set(PDFName.of('StructTreeRoot'), rootRef);
}

describe('joining prints', () => {
  it('puts the pages of each print after the one before, in a file another reader loads', async () => {
    const joined = joinPrints([await print([500, 510]), await print([520]), await print([530, 540, 550])]);
    expect(joined).not.toBeNull();
    const read = await PDFDocument.load(joined!);
    expect(read.getPages().map((page) => page.getWidth())).toEqual([500, 510, 520, 530, 540, 550]);
    expect(printedStructure(joined!)).toEqual({ pages: 6, outline: [] });
  });

  it('renumbers references, not text that looks like one', async () => {
    const noted = (pdf: PDFDocument) => {
      const note = pdf.context.register(pdf.context.obj({ Said: PDFString.of('see 3 0 R (and 4 0 R)'), Size: PDFNumber.of(7) }));
      pdf.getPage(0).node.set(PDFName.of('Note'), note);
    };
    const joined = joinPrints([await print([500], noted), await print([510], noted)])!;
    const read = await PDFDocument.load(joined);
    const notes = read.getPages().map((page) => page.node.lookup(PDFName.of('Note'), PDFDict));
    expect(notes.map((note) => note.lookup(PDFName.of('Said'), PDFString).decodeText())).toEqual([
      'see 3 0 R (and 4 0 R)',
      'see 3 0 R (and 4 0 R)',
    ]);
    expect(notes.map((note) => note.lookup(PDFName.of('Size'), PDFNumber).asNumber())).toEqual([7, 7]);
  });

  it('reads a name that holds a keyword as a name, and gives each part its own font subsets', async () => {
    const dressed = (pdf: PDFDocument) => {
      const page = pdf.getPage(0).node;
      // A name ending in "stream", then a reference: the dictionary goes on past the name.
      page.set(PDFName.of('Face'), PDFName.of('Noto-stream'));
      page.set(PDFName.of('Marked'), pdf.context.register(pdf.context.obj({ Mark: PDFNumber.of(pdf.getPage(0).getWidth()) })));
      const descriptor = pdf.context.obj({ Type: 'FontDescriptor', FontName: 'AAAAAA+NotoSansJP-Regular' });
      page.set(PDFName.of('Descriptor'), pdf.context.register(descriptor));
    };
    const joined = joinPrints([await print([500], dressed), await print([510], dressed), await print([520], dressed)])!;
    const pages = (await PDFDocument.load(joined)).getPages().map((page) => page.node);
    expect(pages.map((page) => page.lookup(PDFName.of('Marked'), PDFDict).lookup(PDFName.of('Mark'), PDFNumber).asNumber())).toEqual([
      500, 510, 520,
    ]);
    expect(pages.map((page) => String(page.lookup(PDFName.of('Descriptor'), PDFDict).get(PDFName.of('FontName'))))).toEqual([
      '/AAAAAA+NotoSansJP-Regular',
      '/AAAAAB+NotoSansJP-Regular',
      '/AAAAAC+NotoSansJP-Regular',
    ]);
  });

  it('answers null, for the caller to print whole, when a print is not shaped as Chromium writes one', async () => {
    const plain = await print([500]);
    // Object streams (pdf-lib's own way), which the reader does not follow.
    const packed = await (await PDFDocument.load(plain)).save({ useObjectStreams: true });
    expect(joinPrints([plain, packed])).toBeNull();
    // A catalog holding more than the page tree, outline and structure tree (here a form) would lose it.
    const form = await print([500], (pdf) =>
      pdf.catalog.set(PDFName.of('AcroForm'), pdf.context.register(pdf.context.obj({ Fields: [] }))),
    );
    expect(joinPrints([plain, form])).toBeNull();
    // A tagged print beside an untagged one: the joined tree would not reach the untagged pages.
    expect(joinPrints([plain, await print([500], tagged)])).toBeNull();
    expect(joinPrints([await print([500], tagged), await print([510], tagged)])).not.toBeNull();
    expect(joinPrints([])).toBeNull();
    // A reference to an object the print does not have, which would join as a silent null.
    const dangling = await print([500], (pdf) => pdf.getPage(0).node.set(PDFName.of('Lost'), PDFRef.of(9_999)));
    expect(joinPrints([plain, dangling])).toBeNull();
    // Parent-tree keys out of order would mix with the next part's once moved.
    const disordered = await print([500], (pdf) => {
      tagged(pdf);
      const root = pdf.catalog.lookup(PDFName.of('StructTreeRoot'), PDFDict);
      root.set(PDFName.of('ParentTreeNextKey'), PDFNumber.of(2));
      const element = root.get(PDFName.of('K'));
      root.lookup(PDFName.of('ParentTree'), PDFDict).set(PDFName.of('Nums'), pdf.context.obj([1, element, 0, element]));
    });
    expect(joinPrints([await print([500], tagged), disordered])).toBeNull();
  });
});
