import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { PNG } from 'pngjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { CHART_SIZE_PT, chartDrawing } from '@shared/report/chart-draw';
import type { Drawing, Measure } from '@shared/report/drawing';
import { runBundled } from '@tests/support/bundled';
import { tempDir } from '@tests/support/tmp';
import { drawingPng, initDrawingPng, RESVG_WASM } from './chart-png';

/** The app's faces as TrueType, from the packages the font files are made from (scripts/fonts.mjs FACES[].source). */
const SOURCES = [
  '@expo-google-fonts/noto-sans-jp/400Regular/NotoSansJP_400Regular.ttf',
  '@expo-google-fonts/noto-sans-jp/700Bold/NotoSansJP_700Bold.ttf',
  '@expo-google-fonts/noto-serif-jp/400Regular/NotoSerifJP_400Regular.ttf',
];
const fonts = SOURCES.map((source) => new Uint8Array(fs.readFileSync(createRequire(__filename).resolve(source))));

const measure: Measure = (text, _face, size) => [...text].reduce((w, c) => w + (c.charCodeAt(0) < 0x80 ? 0.55 : 1) * size, 0);

function pixels(png: Uint8Array) {
  const image = PNG.sync.read(Buffer.from(png));
  const at = (x: number, y: number) => {
    const i = (image.width * Math.round(y) + Math.round(x)) * 4;
    return `#${[0, 1, 2].map((k) => image.data[i + k]!.toString(16).padStart(2, '0')).join('')}`;
  };
  /** How many pixels in the box are dark (text, edges). */
  const dark = (x0: number, y0: number, x1: number, y1: number) => {
    let count = 0;
    for (let y = Math.round(y0); y < Math.round(y1); y++) {
      for (let x = Math.round(x0); x < Math.round(x1); x++) {
        const i = (image.width * y + x) * 4;
        if (image.data[i]! + image.data[i + 1]! + image.data[i + 2]! < 3 * 100) count++;
      }
    }
    return count;
  };
  return { width: image.width, height: image.height, at, dark };
}

beforeAll(() => initDrawingPng());

describe('a drawing as a PNG', () => {
  it('is the drawing at `scale` pixels a point, its bars in their colour and its text in the given faces', () => {
    const drawing: Drawing = {
      width: 200,
      height: 100,
      marks: [
        { kind: 'rect', x: 20, y: 20, width: 40, height: 60, fill: '#a9d8f3' },
        { kind: 'text', x: 100, y: 50, text: '在宅医療', face: 'sans', size: 20 },
        { kind: 'text', x: 100, y: 90, text: '明朝', face: 'serif', size: 20 },
      ],
    };
    const image = pixels(drawingPng(drawing, fonts, 2));
    expect([image.width, image.height]).toEqual([400, 200]);
    expect(image.at(80, 100)).toBe('#a9d8f3');
    expect(image.at(5, 5)).toBe('#ffffff');
    // The text's box (80 × 20 points from x 100, baseline 50) has ink; without fonts it would stay white.
    expect(image.dark(200, 60, 360, 100)).toBeGreaterThan(500);
    expect(image.dark(200, 140, 280, 180)).toBeGreaterThan(300);
    const unset = pixels(drawingPng(drawing, [], 2));
    expect(unset.dark(200, 60, 360, 100)).toBe(0);
  });

  it('draws a demo chart at its printed size, `scale` pixels a point', () => {
    const block = {
      type: 'chart' as const,
      title: '月別・相談内容別の相談件数',
      kind: 'stackedBar' as const,
      unit: '件',
      labels: ['4月', '5月', '6月', '7月', '8月', '9月', '10月', '11月', '12月', '1月', '2月', '3月'],
      series: [
        { label: '退院支援', values: [167, 186, 201, 192, 171, 187, 198, 189, 215, 226, 193, 195] },
        { label: '在宅医療の導入', values: [143, 157, 164, 167, 147, 161, 159, 155, 179, 183, 160, 164] },
        { label: '看取り', values: [70, 79, 88, 91, 82, 87, 92, 86, 100, 102, 90, 94] },
        { label: '急変時', values: [56, 64, 69, 65, 62, 62, 71, 66, 70, 86, 69, 69] },
        { label: 'その他', values: [75, 79, 87, 88, 77, 88, 92, 89, 95, 99, 88, 86] },
      ],
    };
    const { width, height } = CHART_SIZE_PT.landscape;
    const drawing = chartDrawing(block, width, height, measure);
    drawingPng(drawing, fonts, 2);
    const started = performance.now();
    const png = drawingPng(drawing, fonts, 2);
    const took = performance.now() - started;
    const image = pixels(png);
    expect([image.width, image.height]).toEqual([Math.round(width * 2), Math.round(height * 2)]);
    console.log(`stackedBar ${width}×${height} pt at 2 px/pt: ${took.toFixed(0)} ms, ${png.length} bytes`);
  });
});

describe('the WebAssembly', () => {
  it('is read from beside the built core, where the build copies it, with no node_modules to fall back on', async () => {
    const root = path.resolve(__dirname, '..', '..', '..');
    const build = fs.readFileSync(path.join(root, 'scripts/build.mjs'), 'utf8');
    expect(build).toContain(`to: 'dist/core/${RESVG_WASM}'`);
    // The module bundled alone into a folder outside the project, with the .wasm beside it, as in dist/core or the app's archive.
    const dir = tempDir();
    fs.copyFileSync(createRequire(__filename).resolve('@resvg/resvg-wasm/index_bg.wasm'), path.join(dir, RESVG_WASM));
    const out = await runBundled(
      dir,
      `import { drawingPng, initDrawingPng, resvgWasmPath } from ${JSON.stringify(path.join(__dirname, 'chart-png'))};
initDrawingPng().then(() => {
  const png = drawingPng({ width: 10, height: 5, marks: [] }, [], 1);
  console.log(resvgWasmPath(), png.length > 0);
});`,
    );
    expect(out.trim()).toBe(`${path.join(dir, RESVG_WASM)} true`);
  });

  it('missing from an install, is named in Japanese with what to do, not as a module resolution error', async () => {
    const dir = tempDir();
    const out = JSON.parse(
      await runBundled(
        dir,
        `import { initDrawingPng } from ${JSON.stringify(path.join(__dirname, 'chart-png'))};
initDrawingPng().catch((error) => console.log(JSON.stringify({ code: error.code, message: error.message })));`,
      ),
    );
    expect(out).toEqual({
      code: 'unavailable',
      message: `Excel のグラフの画像を作るファイル（resvg.wasm）が「${dir}」に見つからないため、Excel を作れません。アプリが正しく入っていない可能性があります。アプリを入れ直してから、もう一度お試しください。`,
    });
  });
});
