/** The 帳票 section's two screens: the built-in reports and the prefecture's own 様式. */
import { NavLink } from 'react-router';

export function ReportTabs() {
  return (
    <nav className="tabs" aria-label="帳票の画面">
      <NavLink to="/report" end className="tab">
        帳票一覧
      </NavLink>
      <NavLink to="/report/templates" className="tab">
        独自様式
      </NavLink>
    </nav>
  );
}
