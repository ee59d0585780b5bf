/**
 * Told while a save waits for another program's write to the database (another Renkei on another PC, a command's
 * import): the core waits for the write lock (or, on a shared database, a row another login is writing) and saves as
 * soon as it is free, which can take minutes. Once a save has been on its way for a couple of seconds, the core is
 * asked whether it waits and for how long (app.writeWait, answered beside the waiting save); the notice stays, its
 * count going up, until the save is through. A save that is quick never asks.
 */
import { useEffect, useState } from 'react';
import { useApi } from '../api/hooks';

/** A save is mostly done in milliseconds: only one still on its way after this asks why. */
const ASK_AFTER_MS = 2_000;
const ASK_EVERY_MS = 1_000;

/** 「12 秒」, 「1 分 5 秒」. */
function waited(ms: number): string {
  const seconds = Math.floor(ms / 1000);
  return seconds < 60 ? `${seconds} 秒` : `${Math.floor(seconds / 60)} 分 ${seconds % 60} 秒`;
}

export function WriteWaitNotice() {
  const { client, watchSaving } = useApi();
  const [waitedMs, setWaitedMs] = useState<number | null>(null);
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    // Each save on its way (from the first started to the last settled) is a round; an answer of an earlier round is late.
    let round = 0;
    const ask = (asked: number) => {
      client
        .call('app.writeWait', {})
        .then(
          (wait) => asked === round && setWaitedMs(wait?.waitedMs ?? null),
          // Not answered (the connection is busy or gone): the next asking may be.
          () => undefined,
        )
        .finally(() => {
          if (asked === round) timer = setTimeout(() => ask(asked), ASK_EVERY_MS);
        });
    };
    const unwatch = watchSaving((saving) => {
      clearTimeout(timer);
      round += 1;
      setWaitedMs(null);
      const asked = round;
      if (saving) timer = setTimeout(() => ask(asked), ASK_AFTER_MS);
    });
    return () => {
      unwatch();
      clearTimeout(timer);
      round += 1;
    };
  }, [client, watchSaving]);
  if (waitedMs === null) return null;
  return (
    <div className="notice write-wait-notice" role="status" data-testid="write-wait-notice">
      <strong>保存を待っています</strong>
      <p>
        ほかの Renkei（別のパソコンやコマンド）がデータベースに書き込み中です。終わりしだい保存します
        {/* The count goes up each second; a screen reader reads the message once, not each second. */}
        <span className="write-wait-notice__waited" aria-live="off">
          （{waited(waitedMs)}待っています）
        </span>
        。
      </p>
    </div>
  );
}
