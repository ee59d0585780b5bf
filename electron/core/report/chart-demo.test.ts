/**
 * Every chart the demo prefecture's reports hold, drawn without a browser at
 * its printed size and measured with the app's own face: what an officer
 * would read on the page, nothing run together and nothing cut off.
 */
import path from 'node:path';
import { PNG } from 'pngjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { chartDrawing, chartSize } from '@shared/report/chart-draw';
import type { Measure } from '@shared/report/drawing';
import type { ChartBlock, Orientation } from '@shared/report/model';
import { overlappingTexts, textsOf, textsOutside } from '@tests/support/drawing';
import { tempDir } from '@tests/support/tmp';
import { Core } from '../core';
import { drawingPng, initDrawingPng } from './chart-png';
import { FaceMetrics, fontFile } from './direct/fonts';

interface DemoChart {
  report: string;
  orientation: Orientation;
  block: ChartBlock;
}

const charts: DemoChart[] = [];
let sans: Uint8Array;
let measure: Measure;

beforeAll(async () => {
  // The face and metrics the PDF writer and the workbook's pictures use.
  sans = fontFile('sans', 0).bytes;
  const metrics = new FaceMetrics('sans', () => undefined);
  measure = (text, _face, size) => metrics.width(text, size);
  const core = await Core.open({
    dbPath: path.join(tempDir(), 'charts.sqlite'),
    osUser: 'tester',
    now: () => new Date('2026-11-22T10:00:00+09:00'),
  });
  await core.call('app.demo.load', {});
  for (const info of await core.call('report.list', {})) {
    if (info.needsFiscalYear && info.fiscalYears.length === 0) continue;
    const fy = info.fiscalYears.at(-1);
    const doc = await core.call('report.doc', { name: info.name, params: fy === undefined ? {} : { fy } });
    for (const block of doc.blocks) if (block.type === 'chart') charts.push({ report: info.name, orientation: doc.orientation, block });
  }
  await initDrawingPng();
}, 120_000);

describe('the demo’s charts drawn without a browser', () => {
  it('are every kind the reports use', () => {
    expect(new Set(charts.map((c) => c.block.kind))).toEqual(
      new Set(['bar', 'horizontalBar', 'stackedBar', 'stackedBar100', 'line', 'pie']),
    );
  });

  it('show every label, series and unit, none running into another or out of the chart', () => {
    for (const { report, orientation, block } of charts) {
      const { width, height } = chartSize(block, orientation);
      const drawing = chartDrawing(block, width, height, measure);
      const shown = textsOf(drawing).map((t) => t.text);
      const where = `${report}「${block.title}」`;
      for (const label of block.kind === 'pie' ? block.labels : [...block.labels, ...block.series.map((s) => s.label)]) {
        expect(shown, where).toContain(label);
      }
      if (block.kind !== 'pie') expect(shown, where).toContain(`（${block.kind === 'stackedBar100' ? '%' : block.unit}）`);
      expect(overlappingTexts(drawing, measure), where).toEqual([]);
      expect(textsOutside(drawing, measure), where).toEqual([]);
    }
  });

  it('make pictures of the printed size at two pixels a point', () => {
    for (const { orientation, block } of charts.slice(0, 3)) {
      const { width, height } = chartSize(block, orientation);
      const image = PNG.sync.read(Buffer.from(drawingPng(chartDrawing(block, width, height, measure), [sans], 2)));
      expect([image.width, image.height]).toEqual([Math.round(width * 2), Math.round(height * 2)]);
    }
  });
});
