/** 台帳: the tabs over each kind of master record, and the demo loader for an empty database. */
import { NavLink, Outlet } from 'react-router';
import { formatNumber } from '../../../../shared/format';
import { useMutation, useQuery } from '../../api/hooks';
import { PageHeader } from '../../components/PageHeader';
import { useToast } from '../../components/Toast';

const TABS = [
  { path: 'municipalities', label: '市区町村', count: 'municipalities' },
  { path: 'areas', label: '圏域', count: 'areas' },
  { path: 'centers', label: '医師会・センター', count: 'centers' },
  { path: 'institutions', label: '医療機関', count: 'institutions' },
  { path: 'designations', label: '積極的役割を担う医療機関', count: 'designations' },
] as const;

function EmptyMasters() {
  const demo = useMutation('masters.demo.load');
  const toast = useToast();
  const load = async () => {
    const result = await demo.run({});
    if (result) toast(`デモの県（${result.prefecture?.name}）を読み込みました`, 'success');
    else if (demo.error) toast(demo.error.message, 'error');
  };
  return (
    <section className="card">
      <h2>台帳はまだ空です</h2>
      <p>
        市区町村・圏域・医師会・センター・医療機関を登録すると、基金・補助金・調査の各業務で使えるようになります。
        Excel や CSV からの取り込みのほか、動作を確かめるためのデモデータ（新潟県：7医療圏・30市町村・17センター）を読み込めます。
      </p>
      <div className="actions">
        <button type="button" className="button" onClick={load} disabled={demo.pending}>
          {demo.pending ? '読み込み中…' : 'デモデータ（新潟県）を読み込む'}
        </button>
      </div>
    </section>
  );
}

export function MastersPage() {
  const overview = useQuery('masters.overview', {});
  const counts = overview.data?.counts;
  const empty = counts && Object.values(counts).every((n) => n === 0);
  return (
    <>
      <PageHeader
        title="台帳"
        lead={overview.data?.prefecture ? `${overview.data.prefecture.name}の医療圏・市町村・医師会・センター・医療機関` : '医療圏・市町村・医師会・センター・医療機関'}
      />
      {empty ? (
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
          <Outlet />
        </>
      )}
    </>
  );
}
