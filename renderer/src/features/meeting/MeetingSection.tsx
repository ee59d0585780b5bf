/**
 * 会議・研修: the section's frame — the 年度, the tabs (会議・研修・会議体)
 * and its routes under #/meeting: /2023 the year's meetings by body with the
 * open action items, /2023/m/5 a meeting (/2023/m/new a new one),
 * /2023/trainings the trainings, /2023/bodies the list of bodies. #/meeting
 * alone opens the newest 年度 with a record.
 */
import { NavLink, Route, Routes, useLocation, useParams } from 'react-router';
import { useQuery } from '@renderer/api/hooks';
import { Field } from '@renderer/components/Field';
import { currentFiscalYear, FiscalYearSelect } from '@renderer/components/FiscalYearSelect';
import { Redirect, useMover } from '@renderer/components/Navigation';
import { PageHeader } from '@renderer/components/PageHeader';
import { type FiscalYear, fiscalYear } from '@shared/fiscal-year';
import { BodiesPage } from './BodiesPage';
import { MeetingEditor } from './MeetingEditor';
import { MeetingsPage } from './MeetingsPage';
import { meetingPath } from './paths';
import { TrainingsPage } from './TrainingsPage';
import './meeting.css';

function NewestYear() {
  const years = useQuery('meeting.years', {});
  if (!years.data && !years.error) return <p className="muted">読み込み中…</p>;
  return <Redirect to={meetingPath.year(years.data?.[0] ?? currentFiscalYear())} />;
}

function YearFrame() {
  const params = useParams();
  const mover = useMover();
  const { pathname } = useLocation();
  let fy: FiscalYear;
  try {
    fy = fiscalYear(Number(params.fy));
  } catch {
    return <Redirect to="/meeting" />;
  }
  const onMeeting = /\/m\//.test(pathname);
  const choose = (next: FiscalYear) =>
    mover.go(onMeeting ? meetingPath.year(next) : pathname.replace(/^\/meeting\/\d{4}/, `/meeting/${next}`));
  return (
    <>
      <div className="toolbar meeting-frame">
        <Field label="年度">{(p) => <FiscalYearSelect {...p} value={fy} onChange={choose} />}</Field>
        <nav className="tabs meeting-tabs" aria-label="会議・研修の画面">
          <NavLink to={meetingPath.year(fy)} end className={({ isActive }) => (isActive || onMeeting ? 'tab active' : 'tab')}>
            会議
          </NavLink>
          <NavLink to={meetingPath.trainings(fy)} className="tab">
            研修
          </NavLink>
          <NavLink to={meetingPath.bodies(fy)} className="tab">
            会議体
          </NavLink>
        </nav>
      </div>
      <Routes>
        <Route index element={<MeetingsPage fy={fy} />} />
        <Route path="m/:id" element={<MeetingEditor fy={fy} />} />
        <Route path="trainings" element={<TrainingsPage fy={fy} />} />
        <Route path="bodies" element={<BodiesPage />} />
        <Route path="*" element={<Redirect to={meetingPath.year(fy)} />} />
      </Routes>
    </>
  );
}

export function MeetingSection() {
  return (
    <>
      <PageHeader title="会議・研修" lead="協議の場・運営会議などの記録（出欠・議事録・決定事項・対応事項）と研修の実施状況" />
      <Routes>
        <Route index element={<NewestYear />} />
        <Route path=":fy/*" element={<YearFrame />} />
      </Routes>
    </>
  );
}
