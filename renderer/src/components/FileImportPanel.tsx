/**
 * Bringing a workbook in, the same way everywhere: a template to fill, a
 * file chosen and read, every row previewed (ImportPreviewPanel), then all
 * of it or nothing. `useFileImport` holds the steps for screens with their
 * own layout (台帳's 取り込み page); FileImportPanel is the whole card.
 * Reading and writing run as a job: a progress bar and 中止 while they run.
 */
import { type ReactNode, useState } from 'react';
import type { FileOut, ImportPreview } from '@shared/contract';
import { type CallOptions, OpFailure } from '../api/client';
import { readAsBase64, saveFile } from '../lib/files';
import { Field } from './Field';
import { FileField } from './FileField';
import { ImportPreviewPanel } from './ImportPreviewPanel';
import { type JobHandle, JobProgress, useJob } from './JobProgress';
import { useToast } from './Toast';

export interface Upload {
  fileName: string;
  /** base64 */
  data: string;
}

/** The file chosen and its preview, read through `preview` as a job (`job`, also for the commit); `reset` forgets both. */
export function useFileImport(preview: (file: Upload, options: CallOptions) => Promise<ImportPreview>) {
  const job = useJob();
  const [file, setFile] = useState<Upload>();
  const [result, setResult] = useState<ImportPreview>();
  const [reading, setReading] = useState(false);
  const [readError, setReadError] = useState<string>();
  const reset = () => {
    setFile(undefined);
    setResult(undefined);
    setReadError(undefined);
  };
  const choose = async (chosen: File | undefined) => {
    reset();
    if (!chosen) return;
    setReading(true);
    try {
      const upload = { fileName: chosen.name, data: await readAsBase64(chosen) };
      setFile(upload);
      setResult(await job.run((options) => preview(upload, options)));
    } catch (error) {
      setReadError(error instanceof OpFailure ? error.message : String(error));
    } finally {
      setReading(false);
    }
  };
  return { file, preview: result, reading, readError, choose, reset, job };
}

/** 読み込み中 (with progress and 中止 while the core reads), and a file that could not be read, under the file field. */
export function FileReadStatus({ reading, readError, job }: { reading: boolean; readError: string | undefined; job: JobHandle }) {
  return (
    <>
      {job.running ? <JobProgress job={job} /> : reading && <p className="muted">読み込んでいます…</p>}
      {readError && (
        <div className="notice notice--error" role="alert" style={{ marginTop: '1rem' }}>
          {readError}
        </div>
      )}
    </>
  );
}

export function FileImportPanel({
  title,
  children,
  template,
  preview,
  commit,
  committing,
  onClose,
  className = '',
}: {
  title: string;
  /** What the import does, shown under the title. */
  children: ReactNode;
  template: { label: string; file(): Promise<FileOut> };
  preview(file: Upload, options: CallOptions): Promise<ImportPreview>;
  /** Writes the file less the excluded rows, passing `options` to the call; resolves once done (a refusal is the caller's to show). */
  commit(file: Upload, excludeRows: number[], options: CallOptions): Promise<void>;
  committing: boolean;
  onClose(): void;
  className?: string;
}) {
  const toast = useToast();
  const flow = useFileImport(preview);
  return (
    <div className={`stack ${className}`}>
      <section className="card" aria-label={title}>
        <div className="card__head">
          <h2>{title}</h2>
          <button type="button" className="button button--secondary button--small" onClick={onClose}>
            閉じる
          </button>
        </div>
        <p className="muted">{children}</p>
        <div className="toolbar" style={{ marginBottom: 0 }}>
          <button
            type="button"
            className="button button--secondary"
            onClick={() => void template.file().then(saveFile, (e: Error) => toast(e.message, 'error'))}
          >
            {template.label}
          </button>
          <Field label="取り込むファイル（.xlsx・.csv）">
            {(p) => <FileField {...p} accept=".xlsx,.csv,.txt" onChange={(files) => void flow.choose(files?.[0])} />}
          </Field>
        </div>
        <FileReadStatus reading={flow.reading} readError={flow.readError} job={flow.job} />
      </section>
      {flow.preview && flow.file && (
        <>
          <ImportPreviewPanel
            preview={flow.preview}
            heading="内容の確認"
            committing={committing}
            onCommit={(rows) => void flow.job.run((options) => commit(flow.file!, rows, options))}
          />
          {committing && <JobProgress job={flow.job} label="取り込んでいます" />}
        </>
      )}
    </div>
  );
}
