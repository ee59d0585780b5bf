/**
 * A TrueType file read just enough to set text in a PDF: each character's
 * glyph (cmap), each glyph's advance (hmtx), the face's ascent and descent,
 * and a copy of the file holding only the glyphs a print draws. The copy keeps
 * every glyph's number (the others are left empty), so the PDF maps its
 * character codes to glyphs one to one (CIDToGIDMap /Identity) and no table
 * but glyf and loca is rewritten: milliseconds, where a subsetter that renumbers
 * the glyphs would take hundreds.
 */

interface Table {
  offset: number;
  length: number;
}

/** The tables a PDF viewer needs to draw a TrueType font's glyphs (PDF 32000-1, 9.9): the rest are left out. */
const KEPT_TABLES = ['cvt ', 'fpgm', 'glyf', 'head', 'hhea', 'hmtx', 'loca', 'maxp', 'prep'] as const;

export class TrueType {
  readonly unitsPerEm: number;
  /** In units of the em (hhea): what CSS uses for a line's content area. */
  readonly ascent: number;
  readonly descent: number;
  readonly numGlyphs: number;
  private readonly tables = new Map<string, Table>();
  private readonly numberOfHMetrics: number;
  private readonly longLoca: boolean;
  private readonly cmap: (cp: number) => number;

  constructor(readonly bytes: Buffer) {
    const count = bytes.readUInt16BE(4);
    for (let i = 0; i < count; i += 1) {
      const at = 12 + i * 16;
      this.tables.set(bytes.toString('latin1', at, at + 4), { offset: bytes.readUInt32BE(at + 8), length: bytes.readUInt32BE(at + 12) });
    }
    const head = this.table('head').offset;
    this.unitsPerEm = bytes.readUInt16BE(head + 18);
    this.longLoca = bytes.readInt16BE(head + 50) === 1;
    const hhea = this.table('hhea').offset;
    this.ascent = bytes.readInt16BE(hhea + 4);
    this.descent = -bytes.readInt16BE(hhea + 6);
    this.numberOfHMetrics = bytes.readUInt16BE(hhea + 34);
    this.numGlyphs = bytes.readUInt16BE(this.table('maxp').offset + 4);
    this.cmap = this.readCmap();
  }

  private table(tag: string): Table {
    const table = this.tables.get(tag);
    if (!table) throw new Error(`TrueType font without a ${tag} table`);
    return table;
  }

  /** The glyph drawing the code point, 0 when the font has none. */
  glyph(codePoint: number): number {
    return this.cmap(codePoint);
  }

  /** The glyph's advance in units of the em. */
  advance(glyph: number): number {
    const hmtx = this.table('hmtx').offset;
    return this.bytes.readUInt16BE(hmtx + 4 * Math.min(glyph, this.numberOfHMetrics - 1));
  }

  /** The format 12 (all of Unicode) or format 4 (the basic plane) Windows subtable, as a lookup. */
  private readCmap(): (cp: number) => number {
    const b = this.bytes;
    const cmap = this.table('cmap').offset;
    const subtables = b.readUInt16BE(cmap + 2);
    let format4 = -1;
    for (let i = 0; i < subtables; i += 1) {
      const at = cmap + 4 + i * 8;
      const platform = b.readUInt16BE(at);
      const encoding = b.readUInt16BE(at + 2);
      const offset = cmap + b.readUInt32BE(at + 4);
      const format = b.readUInt16BE(offset);
      if (format === 12 && (platform === 3 || platform === 0)) {
        const groups = b.readUInt32BE(offset + 12);
        return (cp) => {
          let lo = 0;
          let hi = groups - 1;
          while (lo <= hi) {
            const mid = (lo + hi) >> 1;
            const g = offset + 16 + mid * 12;
            const start = b.readUInt32BE(g);
            if (cp < start) hi = mid - 1;
            else if (cp > b.readUInt32BE(g + 4)) lo = mid + 1;
            else return b.readUInt32BE(g + 8) + cp - start;
          }
          return 0;
        };
      }
      if (format === 4 && platform === 3 && encoding === 1) format4 = offset;
    }
    if (format4 < 0) throw new Error('TrueType font without a Unicode cmap');
    const segments = b.readUInt16BE(format4 + 6) / 2;
    const ends = format4 + 14;
    const starts = ends + segments * 2 + 2;
    const deltas = starts + segments * 2;
    const rangeOffsets = deltas + segments * 2;
    return (cp) => {
      if (cp > 0xffff) return 0;
      let lo = 0;
      let hi = segments - 1;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (b.readUInt16BE(ends + mid * 2) < cp) lo = mid + 1;
        else hi = mid;
      }
      const start = b.readUInt16BE(starts + lo * 2);
      if (cp < start || cp > b.readUInt16BE(ends + lo * 2)) return 0;
      const delta = b.readInt16BE(deltas + lo * 2);
      const rangeOffset = b.readUInt16BE(rangeOffsets + lo * 2);
      if (rangeOffset === 0) return (cp + delta) & 0xffff;
      const glyph = b.readUInt16BE(rangeOffsets + lo * 2 + rangeOffset + (cp - start) * 2);
      return glyph === 0 ? 0 : (glyph + delta) & 0xffff;
    };
  }

  private glyphSpan(glyph: number): [number, number] {
    const loca = this.table('loca').offset;
    const b = this.bytes;
    return this.longLoca
      ? [b.readUInt32BE(loca + glyph * 4), b.readUInt32BE(loca + glyph * 4 + 4)]
      : [b.readUInt16BE(loca + glyph * 2) * 2, b.readUInt16BE(loca + glyph * 2 + 2) * 2];
  }

  /** The glyphs a composite glyph is made of (none for a simple one). */
  private components(glyph: number): number[] {
    const [from, to] = this.glyphSpan(glyph);
    if (to <= from) return [];
    const b = this.bytes;
    let at = this.table('glyf').offset + from;
    if (b.readInt16BE(at) >= 0) return [];
    at += 10;
    const out: number[] = [];
    for (;;) {
      const flags = b.readUInt16BE(at);
      out.push(b.readUInt16BE(at + 2));
      at += 4 + (flags & 0x0001 ? 4 : 2) + (flags & 0x0008 ? 2 : flags & 0x0040 ? 4 : flags & 0x0080 ? 8 : 0);
      if (!(flags & 0x0020)) return out;
    }
  }

  /** The font with only `glyphs` (and the glyphs they are made of, and glyph 0) drawn; every glyph keeps its number. */
  subset(glyphs: Iterable<number>): Buffer {
    const keep = new Set<number>([0]);
    const pending = [...glyphs];
    while (pending.length > 0) {
      const glyph = pending.pop()!;
      if (keep.has(glyph) && glyph !== 0) continue;
      keep.add(glyph);
      pending.push(...this.components(glyph).filter((c) => !keep.has(c)));
    }
    const glyf = this.table('glyf').offset;
    const loca = Buffer.alloc((this.numGlyphs + 1) * 4);
    const pieces: Buffer[] = [];
    let length = 0;
    for (let g = 0; g < this.numGlyphs; g += 1) {
      loca.writeUInt32BE(length, g * 4);
      if (!keep.has(g)) continue;
      const [from, to] = this.glyphSpan(g);
      if (to <= from) continue;
      const piece = this.bytes.subarray(glyf + from, glyf + to);
      pieces.push(piece);
      length += piece.length;
      // Glyphs start on four bytes (the long loca needs only two; four keeps every table aligned).
      const pad = (4 - (length % 4)) % 4;
      if (pad > 0) {
        pieces.push(Buffer.alloc(pad));
        length += pad;
      }
    }
    loca.writeUInt32BE(length, this.numGlyphs * 4);
    const head = Buffer.from(this.bytes.subarray(this.table('head').offset, this.table('head').offset + this.table('head').length));
    head.writeUInt32BE(0, 8); // checkSumAdjustment: not checked by PDF viewers
    head.writeInt16BE(1, 50); // the new loca is long
    const tables = new Map<string, Buffer>();
    for (const tag of KEPT_TABLES) {
      if (tag === 'glyf') tables.set(tag, Buffer.concat(pieces, length));
      else if (tag === 'loca') tables.set(tag, loca);
      else if (tag === 'head') tables.set(tag, head);
      else {
        const table = this.tables.get(tag);
        if (table) tables.set(tag, this.bytes.subarray(table.offset, table.offset + table.length));
      }
    }
    return fontFile(tables);
  }
}

function checksum(data: Buffer): number {
  let sum = 0;
  const whole = data.length - (data.length % 4);
  for (let i = 0; i < whole; i += 4) sum = (sum + data.readUInt32BE(i)) >>> 0;
  if (whole < data.length) {
    const tail = Buffer.alloc(4);
    data.copy(tail, 0, whole);
    sum = (sum + tail.readUInt32BE(0)) >>> 0;
  }
  return sum;
}

/** A TrueType file of the tables, in tag order, each on four bytes. */
function fontFile(tables: Map<string, Buffer>): Buffer {
  const tags = [...tables.keys()].sort();
  const count = tags.length;
  const header = Buffer.alloc(12 + count * 16);
  header.writeUInt32BE(0x00010000, 0);
  header.writeUInt16BE(count, 4);
  const power = 2 ** Math.floor(Math.log2(count));
  header.writeUInt16BE(power * 16, 6);
  header.writeUInt16BE(Math.log2(power), 8);
  header.writeUInt16BE(count * 16 - power * 16, 10);
  const body: Buffer[] = [];
  let offset = header.length;
  tags.forEach((tag, i) => {
    const data = tables.get(tag)!;
    const at = 12 + i * 16;
    header.write(tag, at, 'latin1');
    header.writeUInt32BE(checksum(data), at + 4);
    header.writeUInt32BE(offset, at + 8);
    header.writeUInt32BE(data.length, at + 12);
    const pad = (4 - (data.length % 4)) % 4;
    body.push(data, Buffer.alloc(pad));
    offset += data.length + pad;
  });
  return Buffer.concat([header, ...body]);
}
