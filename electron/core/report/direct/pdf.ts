/**
 * The PDF itself: pages whose content streams are written here as text
 * (`BT /F1 10 Tf … <glyphs> Tj ET`, `re f`), the fonts as Type0 fonts over the
 * app's TrueType faces cut to the glyphs drawn (ttf.ts), and an outline; pdf-lib
 * only files the objects and writes the cross-reference table. Coordinates
 * here are the layout's: points, y down from the page's top-left corner.
 */
import zlib from 'node:zlib';
import { PDFContext, type PDFDict, PDFHexString, PDFInvalidObject, PDFName, PDFNumber, type PDFRef, PDFString, PDFWriter } from 'pdf-lib';
import type { Colour, Drawing, Face, Mark, Stroke } from '@shared/report/drawing';
import { FACES, FaceMetrics, fontFile, GETA } from './fonts';

const n = (v: number) => (Math.round(v * 100) / 100).toString();

/** Each colour's operands, as made: a pack's tables set a few colours thousands of times. */
const colours = new Map<Colour, string>();

/** '#e6e6e6' as PDF grey or RGB operands. */
function colourOf(colour: Colour): string {
  let operands = colours.get(colour);
  if (operands === undefined) {
    const c = (from: number) => (Math.round((Number.parseInt(colour.slice(from, from + 2), 16) / 255) * 1000) / 1000).toString();
    operands = `${c(1)} ${c(3)} ${c(5)}`;
    colours.set(colour, operands);
  }
  return operands;
}

/** Marked content of a page: the page's index and the content's number there (MCID). */
interface MarkedContent {
  page: number;
  mcid: number;
}

/**
 * An element of the PDF's structure (tagged PDF, for screen readers and reflow): Document, Sect, H1, H2, P, Table,
 * TR, TH, TD, Figure, Caption. Its children are elements or what a page draws for it.
 */
export class StructElem {
  readonly kids: (StructElem | MarkedContent)[] = [];
  parent: StructElem | null = null;

  constructor(
    readonly type: string,
    readonly alt?: string,
  ) {}

  /** Takes `child` as its next child, once: elements are adopted as they are first drawn, so in reading order. */
  adopt(child: StructElem): StructElem {
    if (child.parent === null) {
      child.parent = this;
      this.kids.push(child);
    }
    return child;
  }
}

/**
 * One PDF font: a face's file, with the codes (CIDs) drawn from it, each the glyph it draws and the character it
 * stands for (ToUnicode). A glyph is its own CID for the first character drawn with it; another character drawn with
 * the same glyph (～ and 〜, ・ and ‧, a space and a no-break space) takes a CID past the file's glyphs, so copying
 * or searching the text gives back each as it was written.
 */
interface UsedFont {
  name: string;
  face: Face;
  part: 0 | 1;
  cids: Map<number, { glyph: number; text: string }>;
  /** The CID of each glyph and character drawn, by `${glyph} ${text}`. */
  byDrawn: Map<string, number>;
  /** The CID the next character sharing a glyph takes (past the file's glyphs). */
  nextCid?: number;
}

/** The CID that draws `glyph` and stands for `text` in `font`, given one when first drawn. */
function cidOf(font: UsedFont, glyph: number, text: string): number {
  // Most often the glyph is its own CID, given to the character drawn now: found without making a key.
  const own = font.cids.get(glyph);
  if (own !== undefined && own.glyph === glyph && own.text === text) return glyph;
  const key = `${glyph} ${text}`;
  let cid = font.byDrawn.get(key);
  if (cid === undefined) {
    if (!font.cids.has(glyph)) cid = glyph;
    else {
      cid = font.nextCid ?? fontFile(font.face, font.part).numGlyphs;
      font.nextCid = cid + 1;
    }
    font.cids.set(cid, { glyph, text });
    font.byDrawn.set(key, cid);
  }
  return cid;
}

export interface TextStyle {
  face: Face;
  size: number;
  colour?: Colour;
  /** Added after each character, in points (CSS letter-spacing, or a justified line's share). */
  spacing?: number;
}

/** One page being drawn: its operators, and the fonts it uses. */
export class PdfPage {
  readonly ops: string[] = [];
  readonly fonts = new Set<UsedFont>();
  private spacing = '0';
  private colour = '0 0 0';
  /** The structure element each marked content (by MCID) belongs to. */
  readonly marked: StructElem[] = [];
  private tagging = false;

  constructor(
    private readonly writer: PdfWriter,
    readonly index: number,
    readonly width: number,
    readonly height: number,
  ) {}

  /** What `draw` draws, marked as `elem`'s content. Anything drawn outside a tag is an artifact (rules, the page's number). */
  tag(elem: StructElem, draw: () => void): void {
    this.closeArtifact();
    const mcid = this.marked.length;
    this.marked.push(elem);
    elem.kids.push({ page: this.index, mcid });
    this.ops.push(`/${elem.type} <</MCID ${mcid}>> BDC`);
    this.tagging = true;
    try {
      draw();
    } finally {
      this.tagging = false;
      this.ops.push('EMC');
    }
  }

  private artifact = false;

  /** An operator; outside a tag, in an artifact (consecutive ones share it). */
  private push(op: string): void {
    if (!this.tagging && !this.artifact) {
      this.ops.push('/Artifact BMC');
      this.artifact = true;
    }
    this.ops.push(op);
  }

  /** Ends the artifact drawn last, if one is open: before marked content, and at the page's end. */
  closeArtifact(): void {
    if (this.artifact) this.ops.push('EMC');
    this.artifact = false;
  }

  private y(y: number): number {
    return this.height - y;
  }

  /** `text` on one line, its left at x and its baseline at y, with no wrapping. */
  text(text: string, x: number, y: number, style: TextStyle, rotate = 0, shifts?: readonly number[]): void {
    if (text === '') return;
    const metrics = this.writer.metrics(style.face);
    let run = '';
    let runFont: UsedFont | null = null;
    const out: string[] = [];
    const head = [`BT`];
    // The character spacing and the colour outlast ET (they are graphics state): set whenever they change.
    const spacing = n(style.spacing ?? 0);
    if (spacing !== this.spacing) head.push(`${spacing} Tc`);
    this.spacing = spacing;
    const colour = colourOf(style.colour ?? '#000000');
    if (colour !== this.colour) head.push(`${colour} rg`);
    this.colour = colour;
    if (rotate) {
      const a = (rotate * Math.PI) / 180;
      const [c, s] = [Math.cos(a), Math.sin(a)];
      head.push(`${n(c)} ${n(s)} ${n(-s)} ${n(c)} ${n(x)} ${n(this.y(y))} Tm`);
    } else head.push(`1 0 0 1 ${n(x)} ${n(this.y(y))} Tm`);
    let parts: string[] = [];
    const flush = () => {
      if (run) parts.push(`<${run}>`);
      if (runFont && parts.length > 0) out.push(`/${runFont.name} ${n(style.size)} Tf [${parts.join(' ')}] TJ`);
      run = '';
      parts = [];
    };
    let i = 0;
    for (const ch of text) {
      // A half-width bracket: the glyphs from it on moved left (TJ's numbers are thousandths of the size).
      const shift = shifts?.[i] ?? 0;
      i += 1;
      if (shift > 0) {
        if (run) parts.push(`<${run}>`);
        run = '';
        parts.push(n((shift / style.size) * 1000));
      }
      const glyph = metrics.glyph(ch);
      const font = this.writer.font(style.face, glyph.part);
      if (font !== runFont) {
        flush();
        runFont = font;
        this.fonts.add(font);
      }
      run += hex4(cidOf(font, glyph.id, this.writer.missing.has(ch) ? GETA : ch));
    }
    flush();
    this.push(`${head.join('\n')}\n${out.join('\n')}\nET`);
  }

  /** The stroke's colour, width and dash as last set. */
  private stroke = '';

  /** The operators that set the fill and stroke, only where they change (a table's thousands of cells set them once). */
  private paint(fill: Colour | undefined, stroke: Stroke | undefined): string {
    let out = '';
    if (fill) {
      const colour = colourOf(fill);
      if (colour !== this.colour) out += `${colour} rg\n`;
      this.colour = colour;
    }
    if (stroke) {
      const dash = stroke.dash?.length ? `[${stroke.dash.map(n).join(' ')}] 0 d` : '[] 0 d';
      const set = `${colourOf(stroke.colour)} RG ${n(stroke.width)} w ${dash}`;
      if (set !== this.stroke) out += `${set}\n`;
      this.stroke = set;
    }
    return out;
  }

  private painted(path: string, fill: Colour | undefined, stroke: Stroke | undefined, closed: boolean): void {
    if (!fill && !stroke) return;
    const op = fill && stroke ? (closed ? 'b' : 'B') : fill ? 'f' : closed ? 's' : 'S';
    this.push(`${this.paint(fill, stroke)}${path} ${op}`);
  }

  rect(x: number, y: number, width: number, height: number, fill?: Colour, stroke?: Stroke): void {
    this.painted(`${n(x)} ${n(this.y(y + height))} ${n(width)} ${n(height)} re`, fill, stroke, false);
  }

  line(x1: number, y1: number, x2: number, y2: number, stroke: Stroke): void {
    this.painted(`${n(x1)} ${n(this.y(y1))} m ${n(x2)} ${n(this.y(y2))} l`, undefined, stroke, false);
  }

  path(points: readonly [number, number][], closed: boolean, fill?: Colour, stroke?: Stroke): void {
    if (points.length < 2) return;
    const d = points.map(([x, y], i) => `${n(x)} ${n(this.y(y))} ${i === 0 ? 'm' : 'l'}`).join(' ');
    this.painted(closed ? `${d} h` : d, fill, stroke, closed);
  }

  /** A pie's slice as Bézier arcs of at most 90° each; angles clockwise from 12 o'clock. */
  sector(cx: number, cy: number, r: number, from: number, to: number, fill: Colour, stroke?: Stroke): void {
    const at = (a: number): [number, number] => [cx + r * Math.sin(a), cy - r * Math.cos(a)];
    const whole = to - from >= 2 * Math.PI - 1e-9;
    const parts: string[] = [];
    const [x0, y0] = at(from);
    if (!whole) parts.push(`${n(cx)} ${n(this.y(cy))} m ${n(x0)} ${n(this.y(y0))} l`);
    else parts.push(`${n(x0)} ${n(this.y(y0))} m`);
    const steps = Math.max(1, Math.ceil((to - from) / (Math.PI / 2)));
    const step = (to - from) / steps;
    const k = (4 / 3) * Math.tan(step / 4) * r;
    for (let i = 0; i < steps; i += 1) {
      const a1 = from + i * step;
      const a2 = a1 + step;
      const [x1, y1] = at(a1);
      const [x2, y2] = at(a2);
      // Tangents at a1 and a2 (clockwise, y down).
      const c1: [number, number] = [x1 + k * Math.cos(a1), y1 + k * Math.sin(a1)];
      const c2: [number, number] = [x2 - k * Math.cos(a2), y2 - k * Math.sin(a2)];
      parts.push(`${n(c1[0])} ${n(this.y(c1[1]))} ${n(c2[0])} ${n(this.y(c2[1]))} ${n(x2)} ${n(this.y(y2))} c`);
    }
    this.painted(`${parts.join(' ')} h`, fill, stroke, true);
  }

  /** A drawing's marks with its top-left corner at (x, y). */
  drawing(drawing: Drawing, x: number, y: number): void {
    for (const mark of drawing.marks) this.mark(mark, x, y);
  }

  private mark(mark: Mark, dx: number, dy: number): void {
    switch (mark.kind) {
      case 'rect':
        this.rect(dx + mark.x, dy + mark.y, mark.width, mark.height, mark.fill, mark.stroke);
        return;
      case 'line':
        this.line(dx + mark.x1, dy + mark.y1, dx + mark.x2, dy + mark.y2, mark.stroke);
        return;
      case 'path':
        this.path(
          mark.points.map(([px, py]) => [dx + px, dy + py]),
          mark.closed ?? false,
          mark.fill,
          mark.stroke,
        );
        return;
      case 'sector':
        this.sector(dx + mark.cx, dy + mark.cy, mark.r, mark.from, mark.to, mark.fill, mark.stroke);
        return;
      case 'text': {
        const width = this.writer.metrics(mark.face).width(mark.text, mark.size);
        const shift = mark.align === 'center' ? width / 2 : mark.align === 'right' ? width : 0;
        const a = ((mark.rotate ?? 0) * Math.PI) / 180;
        // Aligned along the text's own direction, rotated about (x, y).
        const x = dx + mark.x - shift * Math.cos(a);
        const y = dy + mark.y + shift * Math.sin(a);
        this.text(mark.text, x, y, { face: mark.face, size: mark.size, colour: mark.colour }, mark.rotate ?? 0);
        return;
      }
    }
  }
}

/** An outline entry: a title and where it points, with entries under it. */
export interface OutlineEntry {
  title: string;
  page: number;
  /** From the page's top, in points. */
  y: number;
  children: OutlineEntry[];
}

/** Builds the PDF: pages drawn one after another, then the fonts they used and the outline, written at the end. */
export class PdfWriter {
  readonly pages: PdfPage[] = [];
  /** Characters neither of a face's files holds, drawn as 〓. */
  readonly missing = new Set<string>();
  /** Where the document being laid out or drawn keeps its own. */
  private missingHere: Set<string> | null = null;
  private readonly faces = new Map<Face, FaceMetrics>();
  private readonly fonts = new Map<Face, UsedFont[]>();

  /** Runs `work` (laying a document out, drawing its pages), keeping in `into` the characters it draws as 〓. */
  noting<T>(into: Set<string>, work: () => T): T {
    const outer = this.missingHere;
    this.missingHere = into;
    try {
      return work();
    } finally {
      this.missingHere = outer;
    }
  }

  metrics(face: Face): FaceMetrics {
    let metrics = this.faces.get(face);
    if (!metrics) {
      metrics = new FaceMetrics(face, (ch) => {
        this.missing.add(ch);
        this.missingHere?.add(ch);
      });
      this.faces.set(face, metrics);
    }
    return metrics;
  }

  /** The PDF font of a face's file (asked for every character drawn: looked up without making a key). */
  font(face: Face, part: 0 | 1): UsedFont {
    let both = this.fonts.get(face);
    if (!both) {
      both = [0, 1].map((p) => ({
        name: `F${FACES.indexOf(face) * 2 + p + 1}`,
        face,
        part: p as 0 | 1,
        cids: new Map(),
        byDrawn: new Map(),
      }));
      this.fonts.set(face, both);
    }
    return both[part]!;
  }

  /** The structure's root, for the documents' sections. */
  readonly structure = new StructElem('Document');

  page(width: number, height: number): PdfPage {
    const page = new PdfPage(this, this.pages.length, width, height);
    this.pages.push(page);
    return page;
  }

  /**
   * The file: its objects filed in pdf-lib's core (context and writer) without its document layer, whose loading
   * (forms, appearances, the standard fonts' metrics) took ~45 ms of every pack for a catalog, a page tree and an
   * information dictionary written here.
   */
  async save(title: string, outline: OutlineEntry[]): Promise<Buffer> {
    if (this.pages.length === 0) throw new Error('ページのない PDF は作れません');
    const ctx = PDFContext.create();
    // The title shown in the viewer's title bar, not the file's name; the language a screen reader picks its voice by.
    const catalog = ctx.obj({ Type: 'Catalog', ViewerPreferences: { DisplayDocTitle: true }, Lang: PDFString.of('ja') });
    ctx.trailerInfo.Root = ctx.register(catalog);
    ctx.trailerInfo.Info = ctx.register(
      ctx.obj({ Title: PDFHexString.fromText(title), Producer: PDFHexString.fromText('Renkei'), Creator: PDFHexString.fromText('Renkei') }),
    );
    const pagesRef = ctx.nextRef();
    const fontRefs = new Map<UsedFont, PDFRef>();
    for (const font of [...this.fonts.values()].flat()) if (font.cids.size > 0) fontRefs.set(font, embedFont(ctx, font));
    const pageRefs: PDFRef[] = [];
    for (const page of this.pages) {
      page.closeArtifact();
      const content = zlib.deflateSync(Buffer.from(page.ops.join('\n'), 'latin1'), { level: 6 });
      const fonts: Record<string, PDFRef> = {};
      for (const font of page.fonts) fonts[font.name] = fontRefs.get(font)!;
      const leaf = ctx.obj({
        Type: 'Page',
        Parent: pagesRef,
        Resources: { Font: fonts },
        MediaBox: [0, 0, page.width, page.height],
        Contents: ctx.register(ctx.stream(content, { Filter: 'FlateDecode' })),
        StructParents: page.index,
        Tabs: 'S',
      });
      pageRefs.push(ctx.register(leaf));
    }
    ctx.assign(pagesRef, ctx.obj({ Type: 'Pages', Kids: pageRefs, Count: pageRefs.length }));
    catalog.set(PDFName.of('Pages'), pagesRef);
    writeStructure(ctx, catalog, this.structure, this.pages, pageRefs);
    if (outline.length > 0) writeOutline(ctx, catalog, outline, pageRefs, this.pages);
    // pdf-lib waits for a timer (≥ 1 ms) after every `objectsPerTick` objects it writes, 50 by default: the demo's
    // pack has ~5,400 objects (its tagged cells), so ~110 waits, ≥ 0.1 s of the pack spent idle. A thousand objects
    // take ~25 ms: the thread still answers between them.
    return Buffer.from(await PDFWriter.forContext(ctx, 1000).serializeToBuffer());
  }
}

function hex4(v: number): string {
  return v.toString(16).padStart(4, '0');
}

function utf16Hex(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i += 1) out += hex4(text.charCodeAt(i));
  return out;
}

/**
 * A Type0 font over the face's file cut to the glyphs drawn: CIDs as codes, each glyph its own CID (Identity) unless
 * a glyph stands for two characters (then a CIDToGIDMap takes the CIDs past the glyphs back to it), widths, ToUnicode.
 */
function embedFont(ctx: PDFContext, font: UsedFont): PDFRef {
  const file = fontFile(font.face, font.part);
  const cids = [...font.cids.keys()].sort((a, b) => a - b);
  const program = zlib.deflateSync(file.subset(new Set([...font.cids.values()].map((c) => c.glyph))), { level: 6 });
  const fontFileRef = ctx.register(ctx.stream(program, { Filter: 'FlateDecode', Length1: program.length }));
  // A subset's name: six capitals, then the face (PDF 32000-1, 9.6.4).
  const tag = String.fromCharCode(...[...`${font.name}RENKEI`].slice(0, 6).map((c, i) => 65 + ((c.charCodeAt(0) + i) % 26)));
  const baseName = `${tag}+${{ sans: 'NotoSansJP-Regular', sansBold: 'NotoSansJP-Bold', serif: 'NotoSerifJP-Regular' }[font.face]}`;
  const upm = file.unitsPerEm;
  const scale = (v: number) => Math.round((v * 1000) / upm);
  const descriptor = ctx.obj({
    Type: 'FontDescriptor',
    FontName: baseName,
    Flags: font.face === 'serif' ? 6 : 4,
    FontBBox: [-1000, scale(-file.descent), 3000, scale(file.ascent)],
    ItalicAngle: 0,
    Ascent: scale(file.ascent),
    Descent: scale(-file.descent),
    CapHeight: 733,
    StemV: font.face === 'sansBold' ? 140 : 80,
    FontFile2: fontFileRef,
  });
  const widths: (number | number[])[] = [];
  for (let i = 0; i < cids.length; ) {
    let j = i;
    while (j + 1 < cids.length && cids[j + 1] === cids[j]! + 1) j += 1;
    widths.push(
      cids[i]!,
      cids.slice(i, j + 1).map((cid) => scale(file.advance(font.cids.get(cid)!.glyph))),
    );
    i = j + 1;
  }
  const last = cids.at(-1)!;
  let cidToGid: PDFRef | string = 'Identity';
  if (last >= file.numGlyphs) {
    // Two bytes a CID, the glyph it draws; the CIDs not drawn draw glyph 0 (their zeros cost next to nothing deflated).
    const map = Buffer.alloc(2 * (last + 1));
    for (const [cid, { glyph }] of font.cids) map.writeUInt16BE(glyph, 2 * cid);
    cidToGid = ctx.register(ctx.stream(zlib.deflateSync(map), { Filter: 'FlateDecode' }));
  }
  const lines = cids.map((cid) => `<${hex4(cid)}> <${utf16Hex(font.cids.get(cid)!.text)}>`);
  let cmap =
    '/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n' +
    '/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n';
  for (let i = 0; i < lines.length; i += 100) {
    const chunk = lines.slice(i, i + 100);
    cmap += `${chunk.length} beginbfchar\n${chunk.join('\n')}\nendbfchar\n`;
  }
  cmap += 'endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend';
  const toUnicode = ctx.register(ctx.stream(zlib.deflateSync(Buffer.from(cmap, 'latin1')), { Filter: 'FlateDecode' }));
  const cidFont = ctx.obj({
    Type: 'Font',
    Subtype: 'CIDFontType2',
    BaseFont: baseName,
    CIDSystemInfo: { Registry: PDFString.of('Adobe'), Ordering: PDFString.of('Identity'), Supplement: 0 },
    FontDescriptor: ctx.register(descriptor),
    DW: 1000,
    W: widths,
    CIDToGIDMap: cidToGid,
  });
  return ctx.register(
    ctx.obj({
      Type: 'Font',
      Subtype: 'Type0',
      BaseFont: baseName,
      Encoding: 'Identity-H',
      DescendantFonts: [ctx.register(cidFont)],
      ToUnicode: toUnicode,
    }),
  );
}

/** The outline (bookmarks): each document's title, its headings under it. */
function writeOutline(ctx: PDFContext, catalog: PDFDict, entries: OutlineEntry[], pageRefs: PDFRef[], pages: PdfPage[]): void {
  const rootRef = ctx.nextRef();
  const level = (items: OutlineEntry[], parent: PDFRef): { first: PDFRef; last: PDFRef; count: number } => {
    const refs = items.map(() => ctx.nextRef());
    let count = items.length;
    items.forEach((item, i) => {
      const page = pages[item.page]!;
      const dict = ctx.obj({
        Title: PDFHexString.fromText(item.title),
        Parent: parent,
        Dest: [pageRefs[item.page]!, 'XYZ', 0, page.height - item.y, 0],
      });
      if (i > 0) dict.set(PDFName.of('Prev'), refs[i - 1]!);
      if (i + 1 < refs.length) dict.set(PDFName.of('Next'), refs[i + 1]!);
      if (item.children.length > 0) {
        const sub = level(item.children, refs[i]!);
        dict.set(PDFName.of('First'), sub.first);
        dict.set(PDFName.of('Last'), sub.last);
        dict.set(PDFName.of('Count'), PDFNumber.of(sub.count));
        count += sub.count;
      }
      ctx.assign(refs[i]!, dict);
    });
    return { first: refs[0]!, last: refs.at(-1)!, count };
  };
  const top = level(entries, rootRef);
  ctx.assign(rootRef, ctx.obj({ Type: 'Outlines', First: top.first, Last: top.last, Count: top.count }));
  catalog.set(PDFName.of('Outlines'), rootRef);
}

/** The structure tree: each element with its children (elements, or marked content on a page), and the parent tree from each page's marked content back to its element. */
function writeStructure(ctx: PDFContext, catalog: PDFDict, root: StructElem, pages: PdfPage[], pageRefs: PDFRef[]): void {
  const rootRef = ctx.nextRef();
  const refs = new Map<StructElem, PDFRef>();
  const refOf = (elem: StructElem) => {
    let ref = refs.get(elem);
    if (!ref) {
      ref = ctx.nextRef();
      refs.set(elem, ref);
    }
    return ref;
  };
  // Thousands of elements (a cell each): written as text, which pdf-lib files as is, rather than built as its objects.
  const write = (elem: StructElem, parent: PDFRef) => {
    // Marked content on the element's page (/Pg, its first) by its number alone; on another page, by reference.
    const first = elem.kids.find((kid): kid is MarkedContent => !(kid instanceof StructElem));
    const kids = elem.kids.map((kid) =>
      kid instanceof StructElem
        ? refOf(kid).toString()
        : kid.page === first!.page
          ? String(kid.mcid)
          : `<< /Type /MCR /Pg ${pageRefs[kid.page]!.toString()} /MCID ${kid.mcid} >>`,
    );
    const alt = elem.alt ? ` /Alt <FEFF${utf16Hex(elem.alt)}>` : '';
    const pg = first ? ` /Pg ${pageRefs[first.page]!.toString()}` : '';
    // The Document says its language, as the print's does (a screen reader picks its voice by it).
    const lang = elem === root ? ' /Lang (ja)' : '';
    const dict = `<< /Type /StructElem /S /${elem.type} /P ${parent.toString()} /K [${kids.join(' ')}]${pg}${alt}${lang} >>`;
    ctx.assign(refOf(elem), PDFInvalidObject.of(Buffer.from(dict, 'latin1')));
    for (const kid of elem.kids) if (kid instanceof StructElem) write(kid, refOf(elem));
  };
  write(root, rootRef);
  const nums: (number | PDFRef[])[] = [];
  for (const page of pages) nums.push(page.index, page.marked.map(refOf));
  const parentTree = ctx.register(ctx.obj({ Nums: nums }));
  ctx.assign(rootRef, ctx.obj({ Type: 'StructTreeRoot', K: refOf(root), ParentTree: parentTree, ParentTreeNextKey: pages.length }));
  catalog.set(PDFName.of('StructTreeRoot'), rootRef);
  catalog.set(PDFName.of('MarkInfo'), ctx.obj({ Marked: true }));
}
