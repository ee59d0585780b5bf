/**
 * 会議資料 figure: on the demo prefecture, a 5-slide deck's first slide read as
 * the presentation opens it, and the next one as → asks for it (goal < 100 ms
 * each; the screen reads the next slide ahead, so a key press usually waits
 * for nothing).
 */
import path from 'node:path';
import { Core } from '@core/core';

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

export async function benchDeck(dir: string, line: (label: string, value: string) => void): Promise<void> {
  const core = await Core.open({ dbPath: path.join(dir, 'deck.sqlite') });
  await core.call('app.demo.load', {});
  const { id } = await core.call('deck.save', {
    title: '第3回 在宅医療推進センター運営会議',
    slides: [
      { kind: 'block', block: 'fund.execution' },
      { kind: 'block', block: 'subsidy.year' },
      { kind: 'block', block: 'survey.staffing' },
      { kind: 'block', block: 'survey.clinics.intent' },
      { kind: 'text', title: '決定事項', lines: ['次回は5月に開催する'] },
    ],
  });
  const first: number[] = [];
  const next: number[] = [];
  for (let i = 0; i < 9; i += 1) {
    let t0 = performance.now();
    await core.call('deck.slide', { id, index: 0 });
    first.push(performance.now() - t0);
    t0 = performance.now();
    await core.call('deck.slide', { id, index: 1 });
    next.push(performance.now() - t0);
  }
  await core.close();
  line('deck: open first slide / next slide (demo data, median of 9)', `${median(first).toFixed(1)} ms / ${median(next).toFixed(1)} ms`);
}
