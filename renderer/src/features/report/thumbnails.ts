/**
 * Gallery thumbnails: page 1 of each report, made one after another (each is
 * a Chromium print on the core) and kept until the data changes, so coming
 * back to the gallery does not print everything again.
 */
import { useEffect, useState } from 'react';
import type { Client } from '@renderer/api/client';
import { useApi } from '@renderer/api/hooks';
import type { ReportInfo } from '@shared/contract';
import { missingData } from '@shared/report/pick';
import { defaultFiscalYear, paramsFor, today } from './params';
import { firstPageImage } from './pdf';

export type Thumbnail =
  | { state: 'loading' }
  | { state: 'ready'; url: string }
  /** A report with no data for its 年度 or for today yet (missingData, as the pack reads it): nothing to print, which is not a failure. */
  | { state: 'empty' }
  | { state: 'failed'; message: string };

/** Device pixels: twice the frame's height on a standard screen, sharp on a high-density one. */
const THUMBNAIL_HEIGHT_PX = 420;

/** Made thumbnails by `${revision} ${name}`, each of its newest 年度 with data; a mutation (a new revision) makes them stale. */
const cache = new Map<string, Promise<Thumbnail>>();
let cachedRevision = -1;

function forgetOlderThan(revision: number): void {
  if (revision === cachedRevision) return;
  for (const made of cache.values()) void made.then((t) => t.state === 'ready' && URL.revokeObjectURL(t.url));
  cache.clear();
  cachedRevision = revision;
}

async function makeThumbnail(client: Client, report: ReportInfo): Promise<Thumbnail> {
  const fy = defaultFiscalYear([report]);
  // Printed anyway it would only be refused for lack of records, as every yearly report and the lists of 指定 are on a new database.
  if (missingData(report, fy, today())) return { state: 'empty' };
  try {
    const pdf = await client.call('report.render', { name: report.name, params: paramsFor(report, fy), format: 'pdf' });
    return { state: 'ready', url: URL.createObjectURL(await firstPageImage(pdf.data, THUMBNAIL_HEIGHT_PX)) };
  } catch (error) {
    return { state: 'failed', message: error instanceof Error ? error.message : String(error) };
  }
}

/** The thumbnail of each report by name, filled in one at a time in the order given. */
export function useThumbnails(reports: ReportInfo[] | undefined): Record<string, Thumbnail> {
  const { client, revision } = useApi();
  const [thumbnails, setThumbnails] = useState<Record<string, Thumbnail>>({});
  useEffect(() => {
    if (!reports) return;
    let live = true;
    forgetOlderThan(revision);
    void (async () => {
      for (const report of reports) {
        const key = `${revision} ${report.name}`;
        let made = cache.get(key);
        if (!made) {
          setThumbnails((t) => ({ ...t, [report.name]: { state: 'loading' } }));
          made = makeThumbnail(client, report);
          cache.set(key, made);
          // A failure is not kept: the next visit tries again.
          void made.then((t) => t.state === 'failed' && cache.delete(key));
        }
        const thumbnail = await made;
        if (!live) return;
        setThumbnails((t) => ({ ...t, [report.name]: thumbnail }));
      }
    })();
    return () => {
      live = false;
    };
  }, [client, revision, reports]);
  return thumbnails;
}
