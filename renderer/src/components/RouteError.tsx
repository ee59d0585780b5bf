/**
 * What a route shows when it cannot: an address no screen has (a link to something since removed), or a screen that
 * failed to load its code or threw while drawing — in Japanese, with the way back, never the router's own English page.
 */
import { isRouteErrorResponse, Link, useRouteError } from 'react-router';

export function NotFoundScreen() {
  return (
    <div className="card stack" role="alert">
      <h1>この画面はありません</h1>
      <p>開こうとした画面は見つかりませんでした。左のメニューから開き直してください。</p>
      <p>
        <Link to="/">ホームへ戻る</Link>
      </p>
    </div>
  );
}

export function RouteError() {
  const error = useRouteError();
  if (isRouteErrorResponse(error) && error.status === 404) return <NotFoundScreen />;
  const detail = error instanceof Error ? error.message : String(error);
  return (
    <div className="card stack" role="alert">
      <h1>画面を表示できませんでした</h1>
      <p>入力済みのデータは保存されています。再読み込みしても直らないときは、下の内容を担当者に伝えてください。</p>
      <p className="muted mono">{detail}</p>
      <div className="actions">
        <button type="button" className="button" onClick={() => window.location.reload()}>
          再読み込み
        </button>
        <a className="button button--secondary" href="#/">
          ホームへ戻る
        </a>
      </div>
    </div>
  );
}
