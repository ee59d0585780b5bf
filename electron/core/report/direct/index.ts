/**
 * ReportDocs written as one PDF by the core itself, without a browser: laid
 * out as the print page lays them out (layout.ts), each document from a new
 * page on its own paper and numbering its own pages 「1 / n」, with an outline
 * of each document's title and headings. A pack lays its reports out first,
 * then its cover from their lengths, then writes them all (DirectPrint).
 */
import type { ReportBlock, ReportDoc } from '@shared/report/model';
import { drawFooter, drawPage, type LaidDoc, layoutDocument } from './layout';
import { type OutlineEntry, PdfWriter } from './pdf';

export interface DirectPdf {
  pdf: Buffer;
  /** Each document's length in pages, in order. */
  pages: number[];
  /** Characters the fonts do not hold, drawn as 〓 (a rare 人名漢字 typed into a name): by document, those that have any. */
  missing: MissingCharacters[];
}

/** A document's characters drawn as 〓, in the order first met, and where: the PDF's pages, the texts that hold them. */
export interface MissingCharacters {
  name: string;
  title: string;
  characters: string[];
  /** The pages of the whole PDF (from 1) they are drawn on. */
  pages: number[];
  /** The document's texts that hold them (a name, a 担当 line), each once, in the document's order. */
  texts: string[];
}

/** A block's texts, in the order it prints them (a table's cells by row). */
function blockTexts(block: ReportBlock): (string | undefined)[] {
  switch (block.type) {
    case 'heading':
    case 'paragraph':
      return block.text.split('\n');
    case 'notes':
      return block.lines;
    case 'figures':
      return block.items.flatMap((item) => [item.label, typeof item.value === 'string' ? item.value : undefined]);
    case 'table':
      return [
        block.caption,
        ...block.columns.flatMap((c) => [c.group, c.header]),
        ...block.rows.flatMap((row) => Object.values(row.cells).flatMap((v) => (typeof v === 'string' ? v.split('\n') : []))),
        ...(block.notes ?? []),
      ];
    case 'chart':
      return [block.title, ...block.labels, ...block.series.map((s) => s.label)];
  }
}

/** The texts of a document, in the order it prints them: where a character drawn as 〓 may be found. */
function textsOf(doc: ReportDoc): string[] {
  const { header } = doc;
  return [
    header.formNumber,
    header.documentNumber,
    header.addressee,
    ...(header.submitter ?? []),
    doc.title,
    doc.subtitle,
    ...doc.blocks.flatMap(blockTexts),
  ].filter((t): t is string => Boolean(t));
}

/** Documents laid out one after another into one PDF, whose lengths are known before it is written. */
export class DirectPrint {
  private readonly writer = new PdfWriter();
  private readonly laid: LaidDoc[] = [];
  /** Each laid document's characters drawn as 〓. */
  private readonly missing = new Map<LaidDoc, Set<string>>();
  /** The pages of the PDF (from 1) each laid document draws a 〓 on. */
  private readonly missingPages = new Map<LaidDoc, number[]>();

  private layout(doc: ReportDoc): LaidDoc {
    const missing = new Set<string>();
    const laid = this.writer.noting(missing, () => layoutDocument(this.writer, doc));
    this.missing.set(laid, missing);
    return laid;
  }

  /** Lays a document out after the others and gives its length in pages. */
  add(doc: ReportDoc): number {
    const laid = this.layout(doc);
    this.laid.push(laid);
    return laid.pages.length;
  }

  /** Lays a document out before the others (a cover made from their lengths) and gives its length. */
  addFirst(doc: ReportDoc): number {
    const laid = this.layout(doc);
    this.laid.unshift(laid);
    return laid.pages.length;
  }

  /** Takes back the first document (a cover laid out with a length it does not have). */
  dropFirst(): void {
    this.laid.shift();
  }

  /** Writes the documents laid out; `between` is awaited after each (a long pack gives its thread back). */
  async write(title: string, between?: () => Promise<void>): Promise<DirectPdf> {
    const outline: OutlineEntry[] = [];
    let pageIndex = 0;
    for (const laid of this.laid) {
      await between?.();
      const total = laid.pages.length;
      const entry: OutlineEntry = { title: laid.doc.title, page: pageIndex, y: 0, children: [] };
      laid.pages.forEach((placed, n) => {
        const page = this.writer.page(laid.width, laid.height);
        const drawn = new Set<string>();
        this.writer.noting(drawn, () => drawPage(page, placed));
        if (drawn.size > 0) {
          for (const ch of drawn) this.missing.get(laid)!.add(ch);
          this.missingPages.set(laid, [...(this.missingPages.get(laid) ?? []), pageIndex + n + 1]);
        }
        if (laid.doc.pageNumbers !== false) drawFooter(this.writer, page, `${n + 1} / ${total}`);
        for (const { piece, top } of placed) {
          if (piece.outline?.level === 0) Object.assign(entry, { page: pageIndex + n, y: top });
          if (piece.outline?.level === 1) entry.children.push({ title: piece.outline.title, page: pageIndex + n, y: top, children: [] });
        }
      });
      outline.push(entry);
      pageIndex += total;
    }
    const pdf = await this.writer.save(title, outline);
    const missing = this.laid.flatMap((l) => {
      const characters = [...this.missing.get(l)!];
      if (characters.length === 0) return [];
      const texts = [...new Set(textsOf(l.doc).filter((t) => characters.some((ch) => t.includes(ch))))];
      return [{ name: l.doc.name, title: l.doc.title, characters, pages: this.missingPages.get(l) ?? [], texts }];
    });
    return { pdf, pages: this.laid.map((l) => l.pages.length), missing };
  }
}

/**
 * Documents as one PDF, each from a new page, numbering its own pages.
 * @example const { pdf, pages } = await writeDocumentsPdf([doc]) // pages: [3]
 */
export async function writeDocumentsPdf(
  docs: readonly ReportDoc[],
  title = docs[0]?.title ?? '',
  between?: () => Promise<void>,
): Promise<DirectPdf> {
  const print = new DirectPrint();
  for (const doc of docs) {
    print.add(doc);
    await between?.();
  }
  return print.write(title, between);
}
