/** 台帳: the tabs over each kind of master record, and the demo loader for an empty database. */
import { Link, NavLink, useLocation } from 'react-router';
import { useApi, useMutation, useQuery } from '@renderer/api/hooks';
import { PageHeader } from '@renderer/components/PageHeader';
import { ScreenOutlet } from '@renderer/components/ScreenOutlet';
import { useErrorToast, useToast } from '@renderer/components/Toast';
import { saveFile } from '@renderer/lib/files';
import type { ExportKind } from '@shared/contract';
import { formatNumber } from '@shared/format';

const TABS = [
  { path: 'municipalities', label: '市区町村', count: 'municipalities' },
  { path: 'areas', label: '圏域', count: 'areas' },
  { path: 'centers', label: '医師会・センター', count: 'centers' },
  { path: 'institutions', label: '医療機関', count: 'institutions' },
  { path: 'designations', label: '積極的役割を担う医療機関', count: 'designations' },
] as const;

function EmptyMasters() {
  // The demo goes only into a database not yet the officer's own (no prefecture, no names in 設定), as the core decides.
  const demoAllowed = useQuery('app.home', {}).data?.setup.demo;
  const demo = useMutation('app.demo.load');
  const toast = useToast();
  useErrorToast(demo.error);
  const load = async () => {
    const result = await demo.run({});
    if (result) toast(`デモの県（${result.prefecture}）を読み込みました（台帳・基金・補助金・調査）`, 'success');
  };
  return (
    <section className="card">
      <h2>台帳はまだ空です</h2>
      <p>
        市区町村・圏域・医師会・センター・医療機関を登録すると、基金・補助金・調査の各業務で使えるようになります。
        {demoAllowed
          ? 'Excel や CSV からの取り込みのほか、動作を確かめるためのデモデータ（新潟県：7医療圏・30市町村・17センターと、その基金・補助金・調査）を読み込めます。'
          : 'Excel や CSV から取り込んでください。'}
      </p>
      {demoAllowed === false && (
        <p className="muted">
          このデータベースにはすでに都道府県か設定（氏名・所属）が入っているため、デモデータは読み込めません。デモを試すときは、
          <Link to="/settings">設定 › データベースファイル</Link> で新しいデータベースを作成して、そこに読み込んでください。
        </p>
      )}
      <div className="actions">
        {demoAllowed && (
          <button data-edit type="button" className="button" onClick={load} disabled={demo.pending}>
            {demo.pending ? '読み込み中…' : 'デモデータ（新潟県）を読み込む'}
          </button>
        )}
        <Link data-edit to="/masters/import" className="button button--secondary">
          Excel・CSV から取り込む
        </Link>
      </div>
    </section>
  );
}

/** What each tab writes out; the 医師会・センター tab holds three lists. */
const TAB_EXPORTS: Record<string, { kind: ExportKind; label: string }[]> = {
  municipalities: [
    { kind: 'municipalities', label: '市区町村' },
    { kind: 'populations', label: '人口' },
  ],
  areas: [{ kind: 'areas', label: '圏域' }],
  centers: [
    { kind: 'centers', label: 'センター' },
    { kind: 'associations', label: '医師会' },
    { kind: 'linkage', label: '連携推進事業' },
  ],
  institutions: [{ kind: 'institutions', label: '医療機関' }],
  designations: [{ kind: 'designations', label: '指定' }],
};

function ExportButtons({ tab }: { tab: string }) {
  const { client } = useApi();
  const toast = useToast();
  const lists = TAB_EXPORTS[tab] ?? [];
  const run = (kind: ExportKind, format: 'xlsx' | 'csv') =>
    client.call('masters.export', { kind, format }).then(saveFile, (e: Error) => toast(e.message, 'error'));
  return (
    <>
      {lists.map(({ kind, label }) => (
        <span key={kind} className="actions" role="group" aria-label={`${label}の書き出し`}>
          <button type="button" className="button button--secondary button--small" onClick={() => void run(kind, 'xlsx')}>
            {lists.length > 1 ? `${label}を Excel に` : 'Excel に書き出す'}
          </button>
          <button type="button" className="button button--secondary button--small" onClick={() => void run(kind, 'csv')}>
            CSV
          </button>
        </span>
      ))}
    </>
  );
}

export function MastersPage() {
  const overview = useQuery('masters.overview', {});
  const tab = useLocation().pathname.split('/')[2] ?? '';
  const counts = overview.data?.counts;
  const empty = counts && Object.values(counts).every((n) => n === 0);
  return (
    <>
      <PageHeader
        title="台帳"
        lead={
          overview.data?.prefecture
            ? `${overview.data.prefecture.name}の医療圏・市町村・医師会・センター・医療機関`
            : '医療圏・市町村・医師会・センター・医療機関'
        }
        actions={
          <Link data-edit to="/masters/import" className="button button--small">
            Excel・CSV から取り込む
          </Link>
        }
      />
      {empty && tab !== 'import' ? (
        <EmptyMasters />
      ) : (
        <>
          <nav className="tabs" aria-label="台帳の種類">
            {TABS.map((t) => (
              <NavLink key={t.path} to={t.path} className="tab">
                {t.label}
                {counts && <small>{formatNumber(counts[t.count])}</small>}
              </NavLink>
            ))}
          </nav>
          {tab !== 'import' && (
            <div className="export-bar">
              <span className="muted">書き出し:</span>
              <ExportButtons tab={tab} />
            </div>
          )}
          <ScreenOutlet depth={2} />
        </>
      )}
    </>
  );
}
