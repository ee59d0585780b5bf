/**
 * 補助金: the section's frame — the 年度, the tabs (一覧・要綱・試算) and its
 * routes under #/subsidy: /2023 the year's overview, /2023/centers/5 a
 * center, /2023/rules the 要綱, /2023/simulate the 試算. #/subsidy alone opens
 * the newest 年度 that has a 要綱.
 */
import { NavLink, Route, Routes, useLocation, useParams } from 'react-router';
import { useQuery } from '@renderer/api/hooks';
import { Field } from '@renderer/components/Field';
import { currentFiscalYear, FiscalYearSelect } from '@renderer/components/FiscalYearSelect';
import { Redirect, useMover } from '@renderer/components/Navigation';
import { PageHeader } from '@renderer/components/PageHeader';
import { may, useRole } from '@renderer/components/Permitted';
import { SentPackNotice } from '@renderer/components/SentPackNotice';
import { type FiscalYear, fiscalYear } from '@shared/fiscal-year';
import { CenterPage } from './CenterPage';
import { subsidyPath } from './labels';
import { RulesPage } from './RulesPage';
import { SimulatePage } from './SimulatePage';
import { YearOverview } from './YearOverview';

function NewestYear() {
  const years = useQuery('subsidy.rules.years', {});
  if (!years.data && !years.error) return <p className="muted">読み込み中…</p>;
  return <Redirect to={subsidyPath.year(years.data?.[0] ?? currentFiscalYear())} />;
}

function YearFrame() {
  const params = useParams();
  const mover = useMover();
  const { pathname } = useLocation();
  // The 試算 weighs the year against its 基金 budget: the prefecture's alone.
  const role = useRole();
  let fy: FiscalYear;
  try {
    fy = fiscalYear(Number(params.fy));
  } catch {
    return <Redirect to="/subsidy" />;
  }
  // Another 年度 keeps the page: the same center, the 要綱 or the 試算 of that year.
  const choose = (next: FiscalYear) => mover.go(pathname.replace(/^\/subsidy\/\d{4}/, `/subsidy/${next}`));
  return (
    <>
      <div className="toolbar subsidy-frame">
        <Field label="年度">{(p) => <FiscalYearSelect {...p} value={fy} onChange={choose} />}</Field>
        <nav className="tabs subsidy-tabs" aria-label="補助金の画面">
          <NavLink
            to={subsidyPath.year(fy)}
            end
            className={({ isActive }) => (isActive || /\/centers\//.test(pathname) ? 'tab active' : 'tab')}
          >
            一覧・センター
          </NavLink>
          <NavLink to={subsidyPath.rules(fy)} className="tab">
            要綱
          </NavLink>
          {(!role || may(role, 'subsidy.simulate')) && (
            <NavLink to={subsidyPath.simulate(fy)} className="tab">
              試算
            </NavLink>
          )}
        </nav>
      </div>
      {/* Wherever the year's steps or 要綱 change; the 試算 changes nothing. */}
      {!/\/simulate$/.test(pathname) && <SentPackNotice fiscalYear={fy} />}
      <Routes>
        <Route index element={<YearOverview />} />
        <Route path="centers/:centerId" element={<CenterPage />} />
        <Route path="rules" element={<RulesPage />} />
        <Route path="simulate" element={<SimulatePage />} />
        <Route path="*" element={<Redirect to={subsidyPath.year(fy)} />} />
      </Routes>
    </>
  );
}

export function SubsidySection() {
  return (
    <>
      <PageHeader title="補助金" lead="在宅医療推進センター整備事業補助金（要綱・交付申請から額の確定・返還まで）" />
      <Routes>
        <Route index element={<NewestYear />} />
        <Route path=":fy/*" element={<YearFrame />} />
      </Routes>
    </>
  );
}
