import { describe, expect, it } from 'vitest';
import { overlappingTexts, textsOutside } from '@tests/support/drawing';
import { CHART_SIZE_PT, chartDrawing, chartSize, valueTicks, wrapLabel } from './chart-draw';
import { FILL_COLOURS, LINE_COLOURS } from './chart-style';
import type { Drawing, Mark, Measure } from './drawing';
import type { ChartBlock, ChartKind } from './model';

/** A fixed-width face: ASCII half an em, everything else a whole em. */
const measure: Measure = (text, _face, size) => [...text].reduce((w, c) => w + (c.charCodeAt(0) < 0x80 ? 0.5 : 1) * size, 0);

type Text = Extract<Mark, { kind: 'text' }>;
type Rect = Extract<Mark, { kind: 'rect' }>;
type Line = Extract<Mark, { kind: 'line' }>;

const texts = (d: Drawing) => d.marks.filter((m): m is Text => m.kind === 'text');
const textOf = (d: Drawing, text: string) => texts(d).find((t) => t.text === text)!;
/** The filled bars of the series at `index`, left to right or top to bottom (the legend's 26 × 13 px boxes left out). */
const bars = (d: Drawing, index: number) =>
  d.marks.filter((m): m is Rect => m.kind === 'rect' && m.fill === FILL_COLOURS[index] && !(m.width === 19.5 && m.height === 9.75));
const gridlines = (d: Drawing) => d.marks.filter((m): m is Line => m.kind === 'line' && m.stroke.colour === '#c8c8c8');

function block(kind: ChartKind, labels: string[], series: [string, number[]][], unit = '件'): ChartBlock {
  return { type: 'chart', title: 'グラフ', kind, labels, unit, series: series.map(([label, values]) => ({ label, values })) };
}

const { width, height } = CHART_SIZE_PT.landscape;

/** The y of the gridline drawn for the tick labelled `label` on an upright value axis (its label sits level with it). */
function tickY(d: Drawing, label: string): number {
  const t = textOf(d, label);
  const line = gridlines(d).find((g) => g.y1 === g.y2 && Math.abs(g.y1 - t.y) < t.size);
  return line!.y1;
}

/** The baseline of a value axis lying across: its tick labelled 0. */
const tickLabelY = (d: Drawing) => textOf(d, '0').y;

/** The legend's labels, left to right: the texts of the bottom row. */
function legendLabels(d: Drawing): string[] {
  const bottom = Math.max(...texts(d).map((t) => t.y));
  return texts(d)
    .filter((t) => Math.abs(t.y - bottom) < 0.01)
    .sort((a, b) => a.x - b.x)
    .map((t) => t.text);
}

const outside = (d: Drawing) => textsOutside(d, measure);
const overlapping = (d: Drawing) => overlappingTexts(d, measure);

describe('the printed box', () => {
  it('is the canvas ReportChart prints: 180 × 100 mm portrait, 267 × 80 mm landscape, in whole CSS pixels', () => {
    expect(CHART_SIZE_PT.portrait).toEqual({ width: 510, height: 282.75 });
    expect(CHART_SIZE_PT.landscape).toEqual({ width: 756.75, height: 226.5 });
    // Eleven bars lying across need 30 + 11 × 3.5 mm = 68.5 mm, less than the page's usual 80 mm; thirty need 135 mm;
    // sixty would need 240 mm and get the most a landscape page gives a chart, 165 mm.
    const across = (n: number) =>
      block(
        'horizontalBar',
        Array.from({ length: n }, (_, i) => `項目${i}`),
        [['人数', new Array(n).fill(1)]],
      );
    expect(chartSize(across(11), 'landscape').height).toBe(226.5);
    expect(chartSize(across(30), 'landscape').height).toBe(Math.floor((135 * 96) / 25.4) * 0.75);
    expect(chartSize(across(60), 'landscape').height).toBe(467.25);
  });
});

describe('value ticks', () => {
  it('steps by 1, 2 or 5 × 10ⁿ in whole numbers, from zero to a step at or above the largest value', () => {
    expect(valueTicks([1234, 2800], 11).map((t) => t.label)).toEqual(['0', '500', '1,000', '1,500', '2,000', '2,500', '3,000']);
    expect(valueTicks([180000, 96000], 11).map((t) => t.value)).toEqual([
      0, 20000, 40000, 60000, 80000, 100000, 120000, 140000, 160000, 180000,
    ]);
    // Three people never show as 0.5 or 1.5.
    expect(valueTicks([1, 3, 2], 11).map((t) => t.value)).toEqual([0, 1, 2, 3]);
    // A year of zeros still has an axis.
    expect(valueTicks([0, 0], 11).map((t) => t.value)).toEqual([0, 1]);
    expect(valueTicks([34.8, 1.8], 11).map((t) => t.value)).toEqual([0, 5, 10, 15, 20, 25, 30, 35]);
  });
});

describe('an upright bar chart', () => {
  const chart = block(
    'bar',
    ['区分Ⅰ-1', '区分Ⅱ'],
    [
      ['予算', [2800, 1234]],
      ['執行額', [1500, 900]],
    ],
    '千円',
  );
  const d = chartDrawing(chart, width, height, measure);

  it('draws 1,234 at 234/500 of the way from the tick 1,000 to the tick 1,500', () => {
    const y1000 = tickY(d, '1,000');
    const y1500 = tickY(d, '1,500');
    const bar = bars(d, 0)[1]!;
    expect(bar.y).toBeCloseTo(y1000 + ((y1500 - y1000) * 234) / 500, 6);
    expect(bar.y + bar.height).toBeCloseTo(tickY(d, '0'), 6);
  });

  it('puts the unit above the value axis at the top left, and the series in the legend in order', () => {
    const unit = textOf(d, '（千円）');
    expect(unit.y).toBeLessThan(tickY(d, '3,000'));
    expect(unit.x).toBeLessThan(textOf(d, '3,000').x);
    expect(legendLabels(d)).toEqual(['予算', '執行額']);
    expect(overlapping(d)).toEqual([]);
  });
});

describe('the axes’ edges', () => {
  it('lie under the bars, at the chart’s left and foot, as Chart.js draws its scales before the data', () => {
    const d = chartDrawing(block('horizontalBar', ['増', '減'], [['差', [300, -120]]], '千円'), width, height, measure);
    const edges = d.marks.flatMap((m, i) => (m.kind === 'line' && m.stroke.colour === '#222222' ? [{ m, i }] : []));
    const firstBar = d.marks.findIndex((m) => m.kind === 'rect' && m.fill === FILL_COLOURS[0] && m.width !== 19.5);
    expect(edges).toHaveLength(2);
    expect(Math.max(...edges.map((e) => e.i))).toBeLessThan(firstBar);
    // The upright edge at the chart's left, where its value axis begins (below zero), not at zero.
    const left = edges.find((e) => e.m.x1 === e.m.x2)!.m;
    const bars = d.marks.filter((m): m is Rect => m.kind === 'rect' && m.fill === FILL_COLOURS[0] && m.width !== 19.5);
    expect(left.x1).toBeLessThan(Math.min(...bars.map((b) => b.x)));
    expect(left.x1).toBeCloseTo(Math.min(...gridlines(d).map((g) => g.x1)), 6);
    expect(left.x1).toBeLessThan(textOf(d, '0').x);
  });
});

describe('a stacked bar chart', () => {
  const months = ['4月', '5月', '6月'];
  const d = chartDrawing(
    block('stackedBar', months, [
      ['退院支援', [167, 186, 201]],
      ['看取り', [70, 79, 88]],
      ['その他', [75, 79, 87]],
    ]),
    width,
    height,
    measure,
  );

  it('stacks the segments of each month to its total on the axis', () => {
    const zero = tickY(d, '0');
    const per = (tickY(d, '0') - tickY(d, '100')) / 100;
    const totals = [167 + 70 + 75, 186 + 79 + 79, 201 + 88 + 87];
    months.forEach((_, i) => {
      const segments = [0, 1, 2].map((k) => bars(d, k)[i]!);
      expect(segments.reduce((sum, s) => sum + s.height, 0)).toBeCloseTo(totals[i]! * per, 6);
      // Each on the one below it, the first on zero.
      expect(segments[0]!.y + segments[0]!.height).toBeCloseTo(zero, 6);
      expect(segments[1]!.y + segments[1]!.height).toBeCloseTo(segments[0]!.y, 6);
      expect(segments[2]!.y + segments[2]!.height).toBeCloseTo(segments[1]!.y, 6);
    });
    expect(legendLabels(d)).toEqual(['退院支援', '看取り', 'その他']);
  });
});

describe('a 100% stacked bar (帯グラフ)', () => {
  const d = chartDrawing(
    block(
      'stackedBar100',
      ['現在（n = 675）', '5年後（n = 673）'],
      [
        ['両方', [223, 195]],
        ['訪問のみ', [34, 40]],
        ['往診のみ', [75, 67]],
        ['行っていない', [343, 371]],
      ],
      '％',
    ),
    width,
    height,
    measure,
  );

  it('draws each answer as its exact share of the bar, on a 0–100% axis with its unit below it', () => {
    const x0 = textOf(d, '0%').x;
    const x100 = textOf(d, '100%').x;
    expect(
      texts(d)
        .filter((t) => t.text.endsWith('%') && !t.text.startsWith('（'))
        .map((t) => t.text),
    ).toEqual(['0%', '20%', '40%', '60%', '80%', '100%']);
    const counts = [223, 34, 75, 343];
    counts.forEach((count, k) => {
      expect(bars(d, k)[0]!.width / (x100 - x0)).toBeCloseTo(count / 675, 9);
    });
    const unit = textOf(d, '（%）');
    expect(unit.y).toBeGreaterThan(textOf(d, '100%').y);
    expect(overlapping(d)).toEqual([]);
  });
});

describe('a bar chart lying across', () => {
  const labels = ['医師', '歯科医師', '薬剤師', '看護師', '介護支援専門員'];
  const d = chartDrawing(
    block('horizontalBar', labels, [['参加者数', [46, 3, 16, 92, 50]]], '人'),
    width,
    chartSize(block('horizontalBar', labels, [['', []]]), 'landscape').height,
    measure,
  );

  it('has the categories down the left in order and the unit under the value axis', () => {
    const left = labels.map((l) => textOf(d, l));
    expect(left.map((t) => t.align)).toEqual(labels.map(() => 'right'));
    expect([...left].sort((a, b) => a.y - b.y).map((t) => t.text)).toEqual(labels);
    expect(textOf(d, '（人）').y).toBeGreaterThan(textOf(d, '100').y);
    const widths = bars(d, 0).map((b) => b.width);
    expect(widths[3]! / widths[0]!).toBeCloseTo(92 / 46, 9);
    expect(overlapping(d)).toEqual([]);
  });
});

describe('a chart without a unit', () => {
  it('has no empty brackets where the unit would be, and its axis takes their room', () => {
    for (const kind of ['bar', 'horizontalBar'] as const) {
      const d = chartDrawing(block(kind, ['医師', '看護師'], [['人数', [3, 5]]], ''), width, height, measure);
      expect(texts(d).map((t) => t.text)).not.toContain('（）');
    }
    const across = (unit: string) =>
      chartDrawing(block('horizontalBar', ['医師', '看護師'], [['人数', [3, 5]]], unit), width, height, measure);
    expect(tickLabelY(across(''))).toBeGreaterThan(tickLabelY(across('人')));
  });
});

describe('a line chart', () => {
  const d = chartDrawing(
    block(
      'line',
      ['4月', '5月', '6月'],
      [
        ['令和4年度', [511, 565, 609]],
        ['令和3年度', [480, 0, 600]],
      ],
    ),
    width,
    height,
    measure,
  );

  it('goes through the value of each month in the colour of its series, the second dashed', () => {
    const paths = d.marks.filter((m): m is Extract<Mark, { kind: 'path' }> => m.kind === 'path' && !m.closed);
    expect(paths.map((p) => p.stroke?.colour)).toEqual([LINE_COLOURS[0], LINE_COLOURS[1]]);
    expect(paths[0]!.stroke!.dash).toBeUndefined();
    expect(paths[1]!.stroke!.dash).toEqual([4.5, 2.25]);
    const zero = tickY(d, '0');
    const per = (zero - tickY(d, '100')) / 100;
    expect(paths[0]!.points.map(([, y]) => (zero - y) / per)).toEqual([511, 565, 609].map((v) => expect.closeTo(v, 6)));
    expect(paths[1]!.points[1]![1]).toBeCloseTo(zero, 6);
    expect(legendLabels(d)).toEqual(['令和4年度', '令和3年度']);
  });
});

describe('a pie', () => {
  const labels = ['看護師 34%', '保健師 12%', '社会福祉士 15%', '介護支援専門員 2%', '事務職 37%'];
  const values = [14, 5, 6, 1, 15];
  const d = chartDrawing(block('pie', labels, [['人数', values]], '人'), width, height, measure);

  it('turns clockwise from 12 o’clock, each slice its share of the whole, and lists the slices in the legend', () => {
    const sectors = d.marks.filter((m): m is Extract<Mark, { kind: 'sector' }> => m.kind === 'sector' && m.r > 5);
    let angle = 0;
    sectors.forEach((s, i) => {
      expect(s.fill).toBe(FILL_COLOURS[i]);
      expect(s.from).toBeCloseTo(angle, 12);
      expect(s.to - s.from).toBeCloseTo((values[i]! / 41) * 2 * Math.PI, 12);
      angle = s.to;
    });
    expect(angle).toBeCloseTo(2 * Math.PI, 12);
    expect(legendLabels(d)).toEqual(labels);
    expect(overlapping(d)).toEqual([]);
  });
});

describe('a pie of two series', () => {
  it('nests them as Chart.js does, the first as the outer ring, the second inside it at half the radius', () => {
    const d = chartDrawing(
      block(
        'pie',
        ['医師', '看護師'],
        [
          ['令和4年度', [3, 1]],
          ['令和3年度', [1, 1]],
        ],
      ),
      width,
      height,
      measure,
    );
    const inner = d.marks.filter((m): m is Extract<Mark, { kind: 'sector' }> => m.kind === 'sector' && m.r > 5);
    expect(inner.map((s) => s.to - s.from)).toEqual([Math.PI, Math.PI].map((a) => expect.closeTo(a, 12)));
    const rings = d.marks.filter(
      (m): m is Extract<Mark, { kind: 'path' }> => m.kind === 'path' && m.closed === true && m.fill !== undefined,
    );
    expect(rings.map((r) => r.fill)).toEqual([FILL_COLOURS[0], FILL_COLOURS[1]]);
    const radius = (p: [number, number]) => Math.hypot(p[0] - inner[0]!.cx, p[1] - inner[0]!.cy);
    const outer = Math.max(...rings[0]!.points.map(radius));
    expect(Math.min(...rings[0]!.points.map(radius))).toBeCloseTo(outer / 2, 6);
    expect(inner[0]!.r).toBeCloseTo(outer / 2, 6);
  });
});

describe('labels that do not fit', () => {
  it('are turned, then thinned, so that no two touch', () => {
    const many = Array.from({ length: 80 }, (_, i) => `令和${i + 1}年度第3四半期`);
    const d = chartDrawing(block('bar', many, [['件数', many.map((_, i) => i * 37)]]), width, height, measure);
    const shown = texts(d).filter((t) => t.text.startsWith('令和'));
    expect(shown.length).toBeGreaterThan(5);
    expect(shown.length).toBeLessThan(80);
    expect(new Set(shown.map((t) => t.rotate)).size).toBe(1);
    expect(shown[0]!.rotate).toBeGreaterThan(30);
    expect(overlapping(d)).toEqual([]);
  });

  it('are turned, not thinned, while turning is enough', () => {
    const twelve = Array.from({ length: 12 }, (_, i) => `${i + 1}月の相談件数`);
    const d = chartDrawing(
      block('bar', twelve, [['件数', twelve.map(() => 5)]]),
      CHART_SIZE_PT.portrait.width,
      CHART_SIZE_PT.portrait.height,
      measure,
    );
    const shown = texts(d).filter((t) => t.text.endsWith('相談件数'));
    expect(shown).toHaveLength(12);
    expect(shown[0]!.rotate).toBeGreaterThan(0);
    expect(overlapping(d)).toEqual([]);
  });
});

describe('labels too long for the chart', () => {
  it('end in an ellipsis in the legend when one is wider than the chart, the others in rows under it', () => {
    const long = `${'在宅医療・介護連携推進事業の実施状況'.repeat(5)}`;
    const series: [string, number[]][] = [
      ['直営', [3, 4]],
      [long, [1, 2]],
      ['委託', [2, 2]],
    ];
    const { width: w, height: h } = CHART_SIZE_PT.portrait;
    const d = chartDrawing(block('stackedBar', ['(ア)', '(イ)'], series), w, h, measure);
    const shown = texts(d).map((t) => t.text);
    expect(shown).toContain('直営');
    expect(shown).toContain('委託');
    expect(shown.some((t) => t.startsWith('在宅医療・介護連携推進事業の実施状況') && t.endsWith('…'))).toBe(true);
    expect(outside(d)).toEqual([]);
    expect(overlapping(d)).toEqual([]);
  });

  it('are set in lines at the left of bars lying across, broken after punctuation, each line within half the chart', () => {
    const long = '在宅医療を行う歯科診療所／歯科医療連携室との連携、および訪問看護ステーションとの情報共有の仕組みづくり';
    expect(wrapLabel(long, 150, measure)).toEqual([
      '在宅医療を行う歯科診療所／',
      '歯科医療連携室との連携、',
      'および訪問看護ステーションとの情報共有の',
      '仕組みづくり',
    ]);
    const labels = ['薬局との連携', long, 'その他'];
    const { width: w, height: h } = CHART_SIZE_PT.portrait;
    const d = chartDrawing(block('horizontalBar', labels, [['割合', [5.8, 1.8, 8.2]]], '％'), w, h, measure);
    const lines = texts(d).filter((t) => long.includes(t.text));
    expect(lines.length).toBeGreaterThan(1);
    expect(lines.map((t) => t.text).join('')).toBe(long);
    expect(outside(d)).toEqual([]);
    expect(overlapping(d)).toEqual([]);
  });

  it('are thinned at the left when the bars are too many for a line each', () => {
    const many = Array.from({ length: 90 }, (_, i) => `市町村${i + 1}`);
    const chart = block('horizontalBar', many, [['件数', many.map((_, i) => i)]]);
    const { width: w, height: h } = chartSize(chart, 'portrait');
    const d = chartDrawing(chart, w, h, measure);
    const shown = texts(d).filter((t) => t.text.startsWith('市町村'));
    expect(shown.length).toBeLessThan(90);
    expect(shown[0]!.text).toBe('市町村1');
    expect(overlapping(d)).toEqual([]);
  });

  it('end in an ellipsis when turned under an upright chart they would take more than half its height', () => {
    const long = Array.from({ length: 30 }, (_, i) => `第${i + 1}次在宅医療推進計画における重点施策の達成状況と評価指標`);
    const d = chartDrawing(block('bar', long, [['件数', long.map(() => 3)]]), width, height, measure);
    const shown = texts(d).filter((t) => t.text.startsWith('第'));
    expect(shown).toHaveLength(30);
    expect(shown.every((t) => t.text.endsWith('…') && (t.rotate ?? 0) > 0)).toBe(true);
    expect(outside(d)).toEqual([]);
    expect(overlapping(d)).toEqual([]);
  });
});
