/**
 * A drawing (a report's chart) as a PNG, without a browser: its SVG drawn by
 * resvg compiled to WebAssembly, so nothing native is built for Windows. The
 * .wasm is read once from beside the built core (scripts/build.mjs copies it
 * to dist/core/resvg.wasm) or, running from the sources, from its package.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import zlib from 'node:zlib';
import { initWasm, Resvg } from '@resvg/resvg-wasm';
import { RenkeiError } from '@shared/contract/errors';
import type { Drawing } from '@shared/report/drawing';
import { drawingSvg } from '@shared/report/drawing-svg';

/** The file name the build gives the WebAssembly beside the core's bundles. */
export const RESVG_WASM = 'resvg.wasm';

let ready: Promise<void> | undefined;
let initialised = false;

/**
 * Where the .wasm is: beside the bundle (built app, CLI), else in node_modules (tests from the sources). Missing from
 * an install, the pack stops with why rather than sending a workbook without the charts its other copies have.
 */
export function resvgWasmPath(): string {
  const beside = [path.join(__dirname, RESVG_WASM), path.join(__dirname, '..', 'core', RESVG_WASM)].find((file) => fs.existsSync(file));
  if (beside) return beside;
  try {
    return createRequire(__filename).resolve('@resvg/resvg-wasm/index_bg.wasm');
  } catch {
    throw new RenkeiError(
      'unavailable',
      `Excel のグラフの画像を作るファイル（${RESVG_WASM}）が「${__dirname}」に見つからないため、Excel を作れません。アプリが正しく入っていない可能性があります。アプリを入れ直してから、もう一度お試しください。`,
    );
  }
}

/**
 * Loads the WebAssembly, once per process (resvg refuses a second initialisation); drawingPng needs it done. A worker
 * thread run from source text gives the file's path (`wasm`): it cannot find it beside itself.
 */
export function initDrawingPng(wasm?: string): Promise<void> {
  ready ??= (async () => {
    await initWasm(fs.readFileSync(wasm ?? resvgWasmPath()));
    initialised = true;
  })();
  return ready;
}

function chunk(type: string, data: Buffer): Buffer {
  const typed = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const head = Buffer.alloc(4);
  head.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(zlib.crc32(typed));
  return Buffer.concat([head, typed, crc]);
}

/**
 * zlib's level for the pictures: a pack's nine charts deflate in ~10 ms at 3 against ~35 ms at the default 6, for
 * ~70 KB more in the workbook (277 against 209 KB of pictures) — the worker drawing them is the pack's other long path.
 */
const PNG_LEVEL = 3;

/**
 * Opaque RGBA pixels as an RGB PNG, deflated by Node's zlib: in half the time resvg's own encoder takes, and a third
 * smaller (a chart is drawn on white, so its alpha says nothing).
 */
function encodePng(rgba: Uint8Array, width: number, height: number): Uint8Array {
  const stride = width * 3 + 1;
  const rows = Buffer.alloc(stride * height);
  for (let y = 0; y < height; y++) {
    // Each row starts with its filter type, 0 (none), then its pixels without alpha.
    for (let x = 0, from = y * width * 4, to = y * stride + 1; x < width; x++, from += 4, to += 3) {
      rows[to] = rgba[from]!;
      rows[to + 1] = rgba[from + 1]!;
      rows[to + 2] = rgba[from + 2]!;
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bits per channel
  header[9] = 2; // truecolour (RGB); compression, filter and interlace methods stay 0
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', zlib.deflateSync(rows, { level: PNG_LEVEL })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/**
 * The drawing as a PNG of `scale` pixels per point, on white, its text set in `fonts` (TrueType or OpenType bytes of
 * the faces drawingSvg names: Noto Sans JP 400 and 700, Noto Serif JP 400; WOFF2 is not read).
 * @example await initDrawingPng(); drawingPng(chartDrawing(block, w, h, measure), [sans, sansBold], 2)
 */
export function drawingPng(drawing: Drawing, fonts: Uint8Array[], scale: number): Uint8Array {
  if (!initialised) throw new Error('グラフの画像を作る準備ができていません（initDrawingPng を先に呼んでください）');
  const resvg = new Resvg(drawingSvg(drawing), {
    font: { fontBuffers: fonts, defaultFontFamily: 'Noto Sans JP', sansSerifFamily: 'Noto Sans JP', serifFamily: 'Noto Serif JP' },
    fitTo: { mode: 'zoom', value: scale },
    background: '#ffffff',
  });
  try {
    const image = resvg.render();
    try {
      return encodePng(image.pixels, image.width, image.height);
    } finally {
      image.free();
    }
  } finally {
    resvg.free();
  }
}
