/** Debian's Chromium for end-to-end tests and benchmarks (never a downloaded browser), started as the app's own printer starts it. */
import { BROWSER_ARGS, findBrowser } from '@core/report';

export const CHROMIUM_ARGS = BROWSER_ARGS;

export function chromiumPath(): string {
  const found = findBrowser();
  if (!found) throw new Error('Chromium が見つかりません。apt-get install chromium を実行するか、CHROMIUM_PATH を設定してください。');
  return found;
}
