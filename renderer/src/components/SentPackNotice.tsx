/**
 * Where a 年度's figures are changed (基金, 補助金, 要綱): a calm word that its
 * 提出資料一式 was made already, so a change now makes a new pack differ from
 * what was sent. It informs, never blocks: officers correct figures and send
 * again.
 */
import { useQuery } from '@renderer/api/hooks';
import { isoDateOfLocal } from '@shared/dates';
import { type FiscalYear, formatFiscalYear } from '@shared/fiscal-year';
import { formatWareki } from '@shared/wareki';
import { useReadOnly } from './ReadOnly';

export function SentPackNotice({ fiscalYear }: { fiscalYear: FiscalYear }) {
  const readOnly = useReadOnly();
  const packs = useQuery('report.packs', { fy: fiscalYear });
  const last = packs.data?.[0];
  if (!last || readOnly) return null;
  return (
    <p className="notice sent-pack-notice" role="note" data-testid="sent-pack-notice">
      {`${formatFiscalYear(fiscalYear)}の提出資料一式は${formatWareki(isoDateOfLocal(new Date(last.madeAt)))}に作成済みです。`}
      {'ここを変えると、提出済みの資料と数値が変わります。'}
    </p>
  );
}
