/** 「全 N 件中 a〜b 件」 with 前へ / 次へ, for lists read a page at a time. */
import { useEffect, useRef, useState } from 'react';
import { formatNumber } from '@shared/format';

/** How long the count must stay the same before it is said: a search typed key by key is said once, when it rests. */
const SETTLE_MS = 1_000;

/**
 * The text a polite live region says: `text` once it has stayed the same for SETTLE_MS with the list read, and only
 * when it differs from the text that settled before. The first that settles (the list's first draw, which the officer
 * did not ask for by a change) is not said. While the list is read (`loading`), its count is the one before — 0 before
 * the first answer — and is not waited on: a slow first read would otherwise settle on 「全 0 件」 and then say the
 * real count as if it were news.
 */
function useSettled(text: string, loading: boolean): string {
  const [said, setSaid] = useState('');
  const settled = useRef<string | null>(null);
  useEffect(() => {
    if (loading) return;
    const timer = setTimeout(() => {
      if (settled.current !== null && settled.current !== text) setSaid(text);
      settled.current = text;
    }, SETTLE_MS);
    return () => clearTimeout(timer);
  }, [text, loading]);
  return said;
}

export function Pager({
  total,
  page,
  pageSize,
  loading,
  onPage,
  testId,
}: {
  total: number;
  /** The list is being read: `total` is not yet the answer to what was asked. */
  loading: boolean;
  page: number;
  pageSize: number;
  onPage(page: number): void;
  testId: string;
}) {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const first = page * pageSize + 1;
  const last = Math.min(total, (page + 1) * pageSize);
  const text = `全 ${formatNumber(total)} 件${total > 0 ? `中 ${formatNumber(first)}〜${formatNumber(last)} 件` : ''}`;
  const said = useSettled(text, loading);
  return (
    <div className="pager">
      <span data-testid={testId}>{text}</span>
      <span className="sr-only" role="status">
        {said}
      </span>
      <span className="actions">
        <button type="button" className="button button--secondary button--small" disabled={page === 0} onClick={() => onPage(page - 1)}>
          前へ
        </button>
        <span>
          {page + 1} / {pages}
        </span>
        <button
          type="button"
          className="button button--secondary button--small"
          disabled={page + 1 >= pages}
          onClick={() => onPage(page + 1)}
        >
          次へ
        </button>
      </span>
    </div>
  );
}
