/**
 * The demo prefecture (新潟県, from the seeds): who is working, then each
 * domain's demo records, each through its own operation.
 */
import type { Core } from '../core';
import { loadFundDemo } from '../fund/demo';

export async function loadDemo(core: Core): Promise<void> {
  await core.call('settings.update', {
    displayName: 'デモ 担当者',
    organization: '新潟県 福祉保健部 地域医療政策課（デモ）',
    personInCharge: '在宅医療推進係 デモ 担当者',
  });
  await core.call('masters.demo.load', {});
  await loadFundDemo(core);
}
