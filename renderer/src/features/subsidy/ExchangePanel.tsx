/**
 * 医師会とのファイルのやり取り: when the association's secretariat cannot reach
 * the prefecture's database, each side runs its own Renkei and they trade
 * signed workbooks — the association's 申請・報告 of the year to the
 * prefecture, the prefecture's 決定・確定 back. Each file is previewed per
 * center (new, changed old → new, refused and why) and taken all or nothing.
 */
import { useState } from 'react';
import { useApi, useMutation, useQuery } from '@renderer/api/hooks';
import { Field } from '@renderer/components/Field';
import { FileField } from '@renderer/components/FileField';
import { FileReadStatus, useFileImport } from '@renderer/components/FileImportPanel';
import { ImportPreviewPanel } from '@renderer/components/ImportPreviewPanel';
import { JobProgress } from '@renderer/components/JobProgress';
import { useErrorToast, useToast } from '@renderer/components/Toast';
import { saveFile } from '@renderer/lib/files';
import { type FiscalYear, formatFiscalYear } from '@shared/fiscal-year';
import { formatImportCounts } from '@shared/format';

type Direction = 'applications' | 'decisions';

const RECEIVE: Record<Direction, { label: string; done: string }> = {
  applications: { label: '医師会から届いた申請・報告（県で取り込む）', done: '医師会の申請・報告を取り込みました' },
  decisions: { label: '県から届いた決定（医師会で取り込む）', done: '県の決定を取り込みました' },
};

function Receive({ fiscalYear, direction, onDone }: { fiscalYear: FiscalYear; direction: Direction; onDone(): void }) {
  const { client } = useApi();
  const toast = useToast();
  const commit = useMutation(`subsidy.exchange.${direction}.commit`);
  useErrorToast(commit.error);
  const flow = useFileImport((file, options) => client.call(`subsidy.exchange.${direction}.preview`, { fiscalYear, ...file }, options));
  return (
    <div className="stack">
      <Field label={RECEIVE[direction].label}>
        {(p) => <FileField {...p} accept=".xlsx" onChange={(files) => void flow.choose(files?.[0])} />}
      </Field>
      <FileReadStatus reading={flow.reading} readError={flow.readError} job={flow.job} />
      {flow.preview && flow.file && (
        <>
          <ImportPreviewPanel
            preview={flow.preview}
            heading="内容の確認"
            committing={commit.pending}
            onCommit={(excludeRows) =>
              void flow.job.run(async (options) => {
                const result = await commit.run({ fiscalYear, ...flow.file!, excludeRows }, options);
                if (!result) return;
                toast(`${RECEIVE[direction].done}（${formatImportCounts(result, '変更')}）`, 'success');
                flow.reset();
                onDone();
              })
            }
          />
          {commit.pending && <JobProgress job={flow.job} label="取り込んでいます" />}
        </>
      )}
    </div>
  );
}

export function ExchangePanel({ fiscalYear, onClose }: { fiscalYear: FiscalYear; onClose(): void }) {
  const { client } = useApi();
  const toast = useToast();
  const associations = useQuery('masters.associations.list', {});
  const [associationId, setAssociationId] = useState<number>();
  const title = `${formatFiscalYear(fiscalYear)} 医師会とのファイルのやり取り`;
  const send = (direction: Direction) => {
    if (associationId === undefined) return;
    void client
      .call(`subsidy.exchange.${direction}.file`, { fiscalYear, associationId })
      .then(saveFile, (e: Error) => toast(e.message, 'error'));
  };
  return (
    <section className="card subsidy-exchange" aria-label={title}>
      <div className="card__head">
        <h2>{title}</h2>
        <button type="button" className="button button--secondary button--small" onClick={onClose}>
          閉じる
        </button>
      </div>
      <p className="muted">
        医師会が県のデータベースにつながらないときに使います。医師会は自分の Renkei で入力した申請・報告を Excel
        で書き出して県へ送り、県はその決定・確定を Excel
        で返します。受け取った側は内容を確かめてから、すべてを一度に取り込みます。黄色のセルのほかを書き換えたファイルは取り込めません。
      </p>
      <div className="toolbar" style={{ marginBottom: 0 }}>
        <Field label="医師会">
          {(p) => (
            <select
              {...p}
              value={associationId ?? ''}
              onChange={(e) => setAssociationId(e.target.value === '' ? undefined : Number(e.target.value))}
            >
              <option value="">選んでください</option>
              {(associations.data ?? []).map((a) => (
                <option key={a.id} value={a.id}>
                  {a.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        <button type="button" className="button" disabled={associationId === undefined} onClick={() => send('applications')}>
          県へ送る申請・報告（Excel）
        </button>
        <button type="button" className="button button--secondary" disabled={associationId === undefined} onClick={() => send('decisions')}>
          医師会へ返す決定（Excel）
        </button>
      </div>
      <div className="stack" style={{ marginTop: '1rem' }}>
        <Receive fiscalYear={fiscalYear} direction="applications" onDone={onClose} />
        <Receive fiscalYear={fiscalYear} direction="decisions" onDone={onClose} />
      </div>
    </section>
  );
}
