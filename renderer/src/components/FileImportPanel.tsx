/**
 * Bringing a workbook in, the same way everywhere: a template to fill, a
 * file chosen and read, every row previewed (ImportPreviewPanel), then all
 * of it or nothing. `useFileImport` holds the steps for screens with their
 * own layout (台帳's 取り込み page); FileImportPanel is the whole card.
 * Reading and writing run as a job: a progress bar and 中止 while they run.
 */
import { type ReactNode, useRef, useState } from 'react';
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

type Preview = (file: Upload, options: CallOptions) => Promise<ImportPreview>;

/**
 * The file chosen and its preview, read through `preview` as a job (`job`, also for the commit); `reset` forgets both,
 * `recheck` previews the file held again (through another `preview`, e.g. as another kind of 台帳).
 */
export function useFileImport(preview: Preview) {
  const job = useJob();
  const [file, setFile] = useState<Upload>();
  const [result, setResult] = useState<ImportPreview>();
  const [reading, setReading] = useState(false);
  const [readError, setReadError] = useState<string>();
  // Only the latest reading may show its outcome: a file read as the 台帳 chosen a moment ago must not cover the next.
  const latest = useRef(0);
  // What a reading under way uses once its file is read: the page's latest `preview`, and the file held by then.
  const current = useRef(preview);
  current.current = preview;
  const held = useRef<Upload>(undefined);
  const reset = () => {
    latest.current += 1;
    held.current = undefined;
    setFile(undefined);
    setResult(undefined);
    setReadError(undefined);
    setReading(false);
  };
  const read = async (upload: () => Promise<Upload>, check?: Preview) => {
    const mine = latest.current;
    setReading(true);
    try {
      const chosen = await upload();
      if (mine !== latest.current) return;
      held.current = chosen;
      setFile(chosen);
      const previewed = await job.run((options) => (check ?? current.current)(chosen, options));
      if (mine === latest.current) setResult(previewed);
    } catch (error) {
      if (mine === latest.current) setReadError(error instanceof OpFailure ? error.message : String(error));
    } finally {
      if (mine === latest.current) setReading(false);
    }
  };
  const choose = async (chosen: File | undefined) => {
    reset();
    if (!chosen) return;
    await read(async () => ({ fileName: chosen.name, data: await readAsBase64(chosen) }));
  };
  /**
   * Previews the file held again through `check`; a file still being read is previewed through the page's latest
   * `preview`. `keep`: the same rows asked another way (other prefectures' rows left out): the preview shown stays until
   * the new one comes, and with it what the officer ticked in it.
   */
  const recheck = async (check: Preview, { keep = false }: { keep?: boolean } = {}) => {
    const again = held.current;
    if (!again) return;
    if (keep) latest.current += 1;
    else reset();
    await read(async () => again, check);
  };
  return { file, preview: result, reading, readError, choose, recheck, reset, job };
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
