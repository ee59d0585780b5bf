/**
 * The demo prefecture (新潟県, from the seeds): who is working, then each
 * domain's demo (its demo.ts) through its operation or its public face. Run
 * as one operation (app.demo.load, demo/app.ts), so a failure leaves the
 * database as it was.
 */

import { loadDeckDemo } from '../deck';
import { loadFundDemo } from '../fund';
import type { OpRunner } from '../kernel/context';
import { loadMeetingDemo } from '../meeting';
import { loadSubsidyDemo } from '../subsidy';
import { loadSurveyDemo } from '../survey';
import { loadTemplateDemo } from '../template';

export async function loadDemo(ops: OpRunner): Promise<{ prefecture: string }> {
  await ops.call('settings.update', {
    displayName: 'デモ 担当者',
    organization: '新潟県 福祉保健部 地域医療政策課（デモ）',
    personInCharge: '在宅医療推進係 デモ 担当者',
  });
  const masters = await ops.call('masters.demo.load', {});
  await loadSurveyDemo(ops);
  await loadFundDemo(ops);
  await loadSubsidyDemo(ops);
  await loadMeetingDemo(ops);
  await loadDeckDemo(ops);
  await loadTemplateDemo(ops);
  return { prefecture: masters.prefecture?.name ?? '' };
}
