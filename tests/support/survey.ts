/** The demo's 令和5年度 staffing round as end-to-end tests answer it: its one missing center, answered on screen. */
import type { Locator } from 'playwright-core';

/** The center that has not answered the demo's 令和5年度 staffing round. */
export const HUB = '新潟県医師会在宅医療推進センター';

/** Typed into the center's answer drawer: its director a 会長, and one 看護師, 常勤, as コーディネーター at `fte` 常勤換算. */
export async function typeHubAnswer(drawer: Locator, fte: string): Promise<void> {
  await drawer.getByLabel('会長', { exact: true }).check();
  await drawer.getByLabel('1行目の職種').selectOption({ label: '看護師' });
  await drawer.getByLabel('1行目の勤務形態').selectOption({ label: '常勤' });
  await drawer.getByLabel('1行目の役割').selectOption({ label: 'コーディネーター' });
  await drawer.getByLabel('1行目の常勤換算').fill(fte);
}
