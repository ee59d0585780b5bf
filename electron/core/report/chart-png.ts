/**
 * A drawing (a report's chart) as a PNG, without a browser: its SVG drawn by
 * resvg compiled to WebAssembly, so nothing native is built for Windows. The
 * .wasm is read once from beside the built core (scripts/build.mjs copies it
 * to dist/core/resvg.wasm) or, running from the sources, from its package.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { initWasm, Resvg } from '@resvg/resvg-wasm';
import type { Drawing } from '@shared/report/drawing';
import { drawingSvg } from '@shared/report/drawing-svg';

/** The file name the build gives the WebAssembly beside the core's bundles. */
export const RESVG_WASM = 'resvg.wasm';

let ready: Promise<void> | undefined;
let initialised = false;

/** Where the .wasm is: beside the bundle (built app, CLI), else in node_modules (tests from the sources). */
export function resvgWasmPath(): string {
  const beside = [path.join(__dirname, RESVG_WASM), path.join(__dirname, '..', 'core', RESVG_WASM)].find((file) => fs.existsSync(file));
  return beside ?? createRequire(__filename).resolve('@resvg/resvg-wasm/index_bg.wasm');
}

/**
 * Loads the WebAssembly, once per process (resvg refuses a second initialisation); drawingPng needs it done. A worker
 * thread run from source text gives the file's path (`wasm`): it cannot find it beside itself.
 */
export function initDrawingPng(wasm?: string): Promise<void> {
  ready ??= initWasm(fs.readFileSync(wasm ?? resvgWasmPath())).then(() => {
    initialised = true;
  });
  return ready;
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
      return image.asPng();
    } finally {
      image.free();
    }
  } finally {
    resvg.free();
  }
}
