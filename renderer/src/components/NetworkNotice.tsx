/**
 * Told once per file: the open database is on a network share, so the core runs
 * it without WAL (SQLite's safe choice there). Remembered in this browser's
 * storage by path, so the notice does not come back each start.
 */
import { useState } from 'react';
import type { DatabaseInfo } from '@shared/contract';

const SEEN_KEY = 'renkei.networkNoticeSeen';

function seenPaths(): string[] {
  try {
    const value: unknown = JSON.parse(window.localStorage.getItem(SEEN_KEY) ?? '[]');
    return Array.isArray(value) ? value.filter((p): p is string => typeof p === 'string') : [];
  } catch {
    return [];
  }
}

export function NetworkNotice({ database }: { database: DatabaseInfo | undefined }) {
  const [dismissed, setDismissed] = useState<string | null>(null);
  if (!database?.networkLocation || dismissed === database.path || seenPaths().includes(database.path)) return null;
  const dismiss = () => {
    try {
      window.localStorage.setItem(SEEN_KEY, JSON.stringify([...seenPaths(), database.path]));
    } catch {
      // Without storage the notice is shown again next start; nothing else depends on it.
    }
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
