/**
 * Told once per file: the open database is on a network share, so the core runs
 * it without WAL (SQLite's safe choice there). Remembered in this browser's
 * storage by path, so the notice does not come back each start.
 */
import { useState, useSyncExternalStore } from 'react';
import { readStoredList, storeList } from '@renderer/lib/stored';
import type { DatabaseInfo } from '@shared/contract';

const SEEN_KEY = 'renkei.networkNoticeSeen';

/** Nothing to listen to: the list changes only by this page's own dismissal. */
const subscribe = () => () => undefined;
const seenHere = () => readStoredList(SEEN_KEY).join('\n');
/** The loopback host draws the home without this browser's storage: as if seen, so the page draws the notice when it runs. */
const seenByHost = () => null;

export function NetworkNotice({ database }: { database: DatabaseInfo | undefined }) {
  const [dismissed, setDismissed] = useState<string | null>(null);
  const seen = useSyncExternalStore(subscribe, seenHere, seenByHost);
  if (!database?.networkLocation || dismissed === database.path || seen === null || seen.split('\n').includes(database.path)) return null;
  const dismiss = () => {
    // Without storage the notice is shown again next start.
    storeList(SEEN_KEY, [...readStoredList(SEEN_KEY), database.path]);
    setDismissed(database.path);
  };
  return (
    <div className="notice network-notice" role="status" data-testid="network-notice">
      <div>
        <strong>このデータベースは共有フォルダー（ネットワーク上の場所）にあります。</strong>
        <p>
          {'共有フォルダーで安全に使える書き込み方式で開いています。保存が少し遅くなることがあり、ほかの人の保存中は、終わるのを待ってから保存します。' +
            'ネットワークが切れている間は保存できないので、つながってから、もう一度保存してください。'}
        </p>
      </div>
      <button type="button" className="button button--secondary" onClick={dismiss}>
        わかりました
      </button>
    </div>
  );
}
