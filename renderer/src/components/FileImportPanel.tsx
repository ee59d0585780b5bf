/**
 * Bringing a workbook in, the same way everywhere: a template to fill, a
 * file chosen and read, every row previewed (ImportPreviewPanel), then all
 * of it or nothing. `useFileImport` holds the steps for screens with their
 * own layout (台帳's 取り込み page); FileImportPanel is the whole card.
 */
import { type ReactNode, useState } from 'react';
import type { FileOut, ImportPreview } from '../../../shared/contract';
import { OpFailure } from '../api/client';
import { readAsBase64, saveFile } from '../lib/files';
import { Field } from './Field';
import { ImportPreviewPanel } from './ImportPreviewPanel';
import { useToast } from './Toast';
import { FileField } from './FileField';

export interface Upload {
  fileName: string;
  /** base64 */
  data: string;
}

/** The file chosen and its preview, read through `preview`; `reset` forgets both. */
export function useFileImport(preview: (file: Upload) => Promise<ImportPreview>) {
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
      setResult(await preview(upload));
    } catch (error) {
      setReadError(error instanceof OpFailure ? error.message : String(error));
    } finally {
      setReading(false);
    }
  };
  return { file, preview: result, reading, readError, choose, reset };
}

/** 読み込み中 and a file that could not be read, under the file field. */
export function FileReadStatus({ reading, readError }: { reading: boolean; readError: string | undefined }) {
  return (
    <>
      {reading && <p className="muted">読み込んでいます…</p>}
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
  preview(file: Upload): Promise<ImportPreview>;
  /** Writes the file less the excluded rows; resolves once done (a refusal is the caller's to show). */
  commit(file: Upload, excludeRows: number[]): Promise<void>;
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
          <button type="button" className="button button--secondary" onClick={() => void template.file().then(saveFile, (e: Error) => toast(e.message, 'error'))}>
            {template.label}
          </button>
          <Field label="取り込むファイル（.xlsx・.csv）">{(p) => <FileField {...p} accept=".xlsx,.csv,.txt" onChange={(files) => void flow.choose(files?.[0])} />}</Field>
        </div>
        <FileReadStatus reading={flow.reading} readError={flow.readError} />
      </section>
      {flow.preview && flow.file && (
        <ImportPreviewPanel preview={flow.preview} heading="内容の確認" committing={committing} onCommit={(rows) => void commit(flow.file!, rows)} />
      )}
    </div>
  );
}
