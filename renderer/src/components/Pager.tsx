/** 「全 N 件中 a〜b 件」 with 前へ / 次へ, for lists read a page at a time. */
import { formatNumber } from '@shared/format';

export function Pager({
  total,
  page,
  pageSize,
  onPage,
  testId,
}: {
  total: number;
  page: number;
  pageSize: number;
  onPage(page: number): void;
  testId: string;
}) {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const first = page * pageSize + 1;
  const last = Math.min(total, (page + 1) * pageSize);
  return (
    <div className="pager">
      <span data-testid={testId}>
        全 {formatNumber(total)} 件{total > 0 && `中 ${formatNumber(first)}〜${formatNumber(last)} 件`}
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
