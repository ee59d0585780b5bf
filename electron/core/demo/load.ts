/**
 * The demo prefecture (新潟県, from the seeds): who is working, then each
 * domain's demo (its demo.ts) through its operation or its public face. Run
 * as one operation (app.demo.load, demo/app.ts), so a failure leaves the
 * database as it was. Only into a database that is not yet the officer's own.
 */

import { RenkeiError } from '@shared/contract';
import { loadDeckDemo } from '../deck';
import { loadFundDemo } from '../fund';
import type { OpRunner } from '../kernel/context';
import { namesTheOfficer } from '../kernel/settings';
import { loadMeetingDemo } from '../meeting';
import { loadSubsidyDemo } from '../subsidy';
import { loadSurveyDemo } from '../survey';
import { loadTemplateDemo } from '../template';

/** Said when the database is already the officer's own: the demo would write over their prefecture and names. */
const NOT_INTO_OWN =
  'このデータベースにはすでに都道府県か設定（氏名・所属）が入っているため、デモデータは読み込めません。' +
  'デモは、設定 › データベースファイル で新しいデータベースを作成して、そこに読み込んでください。';

export async function loadDemo(ops: OpRunner): Promise<{ prefecture: string }> {
  const settings = await ops.call('settings.get', {});
  const { prefecture } = await ops.call('masters.overview', {});
  if (prefecture || namesTheOfficer(settings)) throw new RenkeiError('refused', NOT_INTO_OWN);
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
