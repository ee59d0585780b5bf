/**
 * 取り込み: choose what and which file, see every row as new / changed /
 * unchanged / error with its row and column, exclude error rows explicitly,
 * then commit all at once (or nothing).
 */
import { useState } from 'react';
import { Link } from 'react-router';
import type { CallOptions } from '@renderer/api/client';
import { useApi, useMutation } from '@renderer/api/hooks';
import { Field } from '@renderer/components/Field';
import { FileField } from '@renderer/components/FileField';
import { FileReadStatus, type Upload, useFileImport } from '@renderer/components/FileImportPanel';
import { ImportPreviewPanel } from '@renderer/components/ImportPreviewPanel';
import { JobProgress } from '@renderer/components/JobProgress';
import { useErrorToast, useToast } from '@renderer/components/Toast';
import { saveFile } from '@renderer/lib/files';
import { IMPORT_KIND_LABELS, IMPORT_KINDS, type ImportKind } from '@shared/contract';
import { formatImportCounts } from '@shared/format';

export function ImportPage() {
  const { client } = useApi();
  const toast = useToast();
  const [kind, setKind] = useState<ImportKind>('municipalities');
  // A national list holds every prefecture's rows: the officer may take only the 台帳's own prefecture's.
  const [ownOnly, setOwnOnly] = useState(false);
  const previewAs = (as: ImportKind, only: boolean) => (file: Upload, options: CallOptions) =>
    client.call('masters.import.preview', { kind: as, ...file, ownPrefectureOnly: only }, options);
  const flow = useFileImport(previewAs(kind, ownOnly));
  const commit = useMutation('masters.import.commit');
  useErrorToast(commit.error);

  const doCommit = async (excludeRows: number[]) => {
    if (!flow.file) return;
    const file = flow.file;
    // As the preview shown was read: its rows of other prefectures left out or taken.
    const ownPrefectureOnly = flow.preview?.outside?.leftOut ?? false;
    const result = await flow.job.run((options) => commit.run({ kind, ...file, excludeRows, ownPrefectureOnly }, options));
    if (result) {
      toast(`取り込みました（${formatImportCounts(result)}）`, 'success');
      flow.reset();
    }
  };

  return (
    <div className="stack">
      <section className="card">
        <h2>1. 取り込む内容とファイル</h2>
        <div className="toolbar" style={{ marginBottom: 0 }}>
          <Field label="取り込む台帳">
            {(p) => (
              <select
                {...p}
                value={kind}
                onChange={(e) => {
                  const next = e.target.value as ImportKind;
                  setKind(next);
                  // The file chosen is read again as the 台帳 now chosen: choosing it again would not tell the page.
                  void flow.recheck(previewAs(next, ownOnly));
                }}
              >
                {IMPORT_KINDS.map((k) => (
                  <option key={k} value={k}>
                    {IMPORT_KIND_LABELS[k]}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label="ファイル（.xlsx・.csv）" hint="Excel のブック、または Excel で保存した CSV（Shift_JIS・UTF-8）">
            {(p) => <FileField {...p} accept=".xlsx,.csv,.txt" onChange={(files) => void flow.choose(files?.[0])} />}
          </Field>
          <button
            type="button"
            className="button button--secondary"
            onClick={() => void client.call('masters.import.template', { kind }).then(saveFile, (e: Error) => toast(e.message, 'error'))}
          >
            テンプレートをダウンロード
          </button>
        </div>
        <FileReadStatus reading={flow.reading} readError={flow.readError} job={flow.job} />
      </section>

      {flow.preview && (
        <ImportPreviewPanel
          preview={flow.preview}
          heading="2. 内容の確認"
          committing={commit.pending || flow.reading}
          onCommit={(rows) => void doCommit(rows)}
          leavingOutside={ownOnly}
          onLeaveOutside={(only) => {
            setOwnOnly(only);
            void flow.recheck(previewAs(kind, only), { keep: true });
          }}
        />
      )}
      {commit.pending && <JobProgress job={flow.job} label="取り込んでいます" />}
      <p>
        <Link to="/masters">← 台帳に戻る</Link>
      </p>
    </div>
  );
}
