/**
 * The app shell: sidebar with every section (Ctrl+1…9 to jump), a top bar
 * naming the open database, and the routes. The window title names the file.
 */
import { type ComponentType, useEffect, useLayoutEffect, useMemo, useReducer } from 'react';
import {
  createHashRouter,
  type DOMRouterOpts,
  Navigate,
  NavLink,
  type RouteObject,
  RouterProvider,
  useLocation,
  useMatches,
  useNavigate,
} from 'react-router';
import type { OpName } from '@shared/contract';
import type { Question } from '@shared/contract/first-questions';
import type { ReadOnlyCopyInfo } from '@shared/contract/home';
import { ROLE_LABELS, type Role } from '@shared/contract/roles';
import { parseIsoDate } from '@shared/dates';
import { SECTIONS, type SectionId } from '@shared/sections';
import { formatWareki } from '@shared/wareki';
import { type Client, hostSignIn } from '../api/client';
import { askAhead, useApi, useQuery } from '../api/hooks';
import { useFocusBackWhenOn } from '../components/focus';
import { PathOnScreen } from '../components/Navigation';
import { NetworkNotice } from '../components/NetworkNotice';
import { focusTitleIfLost } from '../components/PageHeader';
import { may } from '../components/Permitted';
import { rememberReadOnly } from '../components/ReadOnly';
import { NotFoundScreen, RouteError } from '../components/RouteError';
import { ScreenOutlet } from '../components/ScreenOutlet';
import { useFormConventions } from '../components/saveShortcut';
import { UndoButtons } from '../components/Undo';
import { WriteWaitNotice } from '../components/WriteWaitNotice';
import { HomePage } from '../features/home/HomePage';
import { INSTITUTIONS_FIRST, MASTERS_FIRST } from '../features/masters/questions';
import { SignInPage } from './SignInPage';

/**
 * A screen's code: loaded once, on the first screen that needs it; then the screen itself, or why it failed.
 *
 * Every screen but ホーム loads with its section, so the first screen downloads neither theirs nor what they draw with
 * (Chart.js, PDF.js, the print page). Not React.lazy: React reveals a screen that suspended for its code no sooner
 * than 300 ms after the empty place it showed meanwhile (its throttle for suspended content), which was most of a
 * section's first open. Here the empty place is the screen's own first render, shown at once (the old screen goes at
 * the click), and the code's arrival an ordinary update, drawn when it comes. A failed load is thrown to the route's
 * error screen, as a lazy screen's was.
 */
class ScreenCode {
  loaded: ComponentType | null = null;
  failure: { error: unknown } | null = null;
  private loading: Promise<unknown> | null = null;

  /** @param questions What the screen's first drawing asks, as its queries ask it: asked while its code loads. */
  constructor(
    private readonly fetch: () => Promise<ComponentType>,
    private readonly questions: readonly Question[] = [],
  ) {}

  /** Loads the code for a screen being drawn; a failure is the screen's (its route's error screen). */
  load(): Promise<unknown> {
    return this.fetchOnce(true);
  }

  /**
   * Loads the code for a screen being drawn and, while it has not come, asks the screen's first questions, so its
   * answers come with its code rather than after it (the institution list's first page: ~50 ms of its first open).
   */
  open(client: Client, revision: number): Promise<unknown> {
    // The code asked for first: the host answers in order, and the screen can do nothing without its code.
    const loading = this.load();
    if (this.loaded || this.failure) return loading;
    const asked = askAhead(client, revision, this.questions);
    // Waited for 3 s at most: an answer that never comes (a host gone) must not hold the loading ahead for good.
    const settled = Promise.allSettled([opened, loading, ...asked]).then(() => undefined);
    opened = Promise.race([settled, new Promise<void>((done) => window.setTimeout(done, 3_000))]);
    return loading;
  }

  /** Loads the code before anyone opens the screen; a failure is not kept (the screen's own load tries again). */
  ahead(): Promise<unknown> {
    return this.fetchOnce(false);
  }

  private fetchOnce(keepFailure: boolean): Promise<unknown> {
    if (this.loading) return this.loading;
    const loading = this.fetch().then(
      (component) => {
        this.loaded = component;
      },
      (error: unknown) => {
        if (keepFailure) this.failure = { error };
        else if (this.loading === loading) this.loading = null;
      },
    );
    this.loading = loading;
    return loading;
  }
}

function screen<K extends string>(load: () => Promise<Record<K, ComponentType>>, name: K, questions: readonly Question[] = []): ScreenCode {
  return new ScreenCode(() => load().then((m) => m[name]), questions);
}

/** Asks for the code and the first answers of every screen a route match shows (a frame's and its tab's, at once). */
function openScreens(handles: readonly unknown[], client: Client, revision: number): void {
  for (const handle of handles) if (handle instanceof ScreenCode) void handle.open(client, revision);
}

/** A screen of `code`: nothing until its code has come, then the screen. */
function Screen({ code }: { code: ScreenCode }) {
  const [, arrived] = useReducer((n: number) => n + 1, 0);
  const matches = useMatches();
  const { client, revision } = useApi();
  // A frame's screen asks for its tab's code too (the route's handle), so the two come at once, not one after the other;
  // and for both screens' first answers. (Asked already as the router took the move, unless the page opened on it.)
  openScreens(
    matches.map((match) => match.handle),
    client,
    revision,
  );
  const pending = code.loaded || code.failure ? null : code.load();
  useEffect(() => {
    let mounted = true;
    void pending?.then(() => mounted && arrived());
    return () => {
      mounted = false;
    };
  }, [pending]);
  const Loaded = code.loaded;
  // The same element while the code is the same: the screen is not drawn again at each change of the router's state.
  const element = useMemo(() => (Loaded ? <Loaded /> : null), [Loaded]);
  if (code.failure) throw code.failure.error;
  return element;
}

const AccountsPage = screen(() => import('../features/accounts/AccountsPage'), 'AccountsPage');
const AuditPage = screen(() => import('../features/audit/AuditPage'), 'AuditPage');
const DeckEditorPage = screen(() => import('../features/deck/DeckEditorPage'), 'DeckEditorPage');
const DecksPage = screen(() => import('../features/deck/DecksPage'), 'DecksPage');
const PresentPage = screen(() => import('../features/deck/PresentPage'), 'PresentPage');
const FundPage = screen(() => import('../features/fund/FundPage'), 'FundPage');
const PlanTextPage = screen(() => import('../features/fund/PlanTextPage'), 'PlanTextPage');
const AreasTab = screen(() => import('../features/masters/AreasTab'), 'AreasTab');
const CentersTab = screen(() => import('../features/masters/CentersTab'), 'CentersTab');
const DesignationsTab = screen(() => import('../features/masters/DesignationsTab'), 'DesignationsTab');
const ImportPage = screen(() => import('../features/masters/ImportPage'), 'ImportPage');
const InstitutionsTab = screen(() => import('../features/masters/InstitutionsTab'), 'InstitutionsTab', INSTITUTIONS_FIRST);
const MastersPage = screen(() => import('../features/masters/MastersPage'), 'MastersPage', MASTERS_FIRST);
const MunicipalitiesTab = screen(() => import('../features/masters/MunicipalitiesTab'), 'MunicipalitiesTab');
const MeetingSection = screen(() => import('../features/meeting/MeetingSection'), 'MeetingSection');
const PackPage = screen(() => import('../features/report/PackPage'), 'PackPage');
const ReportsPage = screen(() => import('../features/report/ReportsPage'), 'ReportsPage');
const ReportViewPage = screen(() => import('../features/report/ReportViewPage'), 'ReportViewPage');
const TemplatesPage = screen(() => import('../features/report/TemplatesPage'), 'TemplatesPage');
const SettingsPage = screen(() => import('../features/settings/SettingsPage'), 'SettingsPage');
const SubsidySection = screen(() => import('../features/subsidy/SubsidySection'), 'SubsidySection');
const ActivityPage = screen(() => import('../features/survey/ActivityPage'), 'ActivityPage');
const DefinitionEditPage = screen(() => import('../features/survey/DefinitionEditPage'), 'DefinitionEditPage');
const ResultsTab = screen(() => import('../features/survey/ResultsTab'), 'ResultsTab');
const RoundPage = screen(() => import('../features/survey/RoundPage'), 'RoundPage');
const SurveyPage = screen(() => import('../features/survey/SurveyPage'), 'SurveyPage');
const TrackerTab = screen(() => import('../features/survey/TrackerTab'), 'TrackerTab');

// The print page (its serif faces and chart drawing) loads only where a printer opens it, not with the first screen.

/**
 * The menu's screens (and 台帳's tabs), loaded one after another while the browser is idle once the first screen has
 * its data, so a section's first open does not wait for its code (~100 ms here, more while the host is busy). The
 * report viewer, the deck editor and the presentation (PDF.js, slides) stay for their own first open.
 */
const AHEAD: readonly ScreenCode[] = [
  MastersPage,
  MunicipalitiesTab,
  InstitutionsTab,
  CentersTab,
  AreasTab,
  DesignationsTab,
  FundPage,
  SubsidySection,
  SurveyPage,
  MeetingSection,
  ReportsPage,
  AuditPage,
  SettingsPage,
];

let aheadStarted = false;

/**
 * The code and first answers of the screens opened last: the loading ahead takes its next screen only once they have
 * come, or its files (a section's dozen at once) would hold the browser's six connections to the host while they wait.
 */
let opened: Promise<void> = Promise.resolve();

/** Starts loading AHEAD's code, once per page: 台帳's at once, the others each in an idle moment of its own (a busy page is not slowed). */
function loadAhead(): void {
  if (aheadStarted) return;
  aheadStarted = true;
  const idle = (then: () => void) =>
    typeof window.requestIdleCallback === 'function' ? window.requestIdleCallback(then, { timeout: 2_000 }) : window.setTimeout(then, 50);
  const next = (i: number) => {
    const code = AHEAD[i];
    if (code) idle(() => void opened.then(() => code.ahead()).then(() => next(i + 1)));
  };
  // 台帳 (one file: its page and tabs), the section an officer opens most, at once rather than at the first idle moment,
  // which a page still drawing its first screen may not have for a while; the others after it, each when idle.
  void AHEAD[0]!.ahead().then(() => next(1));
}

/** Runs `then` once the next frame is painted (its animation frame, then a task after it). */
function afterPaint(then: () => void): void {
  window.requestAnimationFrame(() => window.setTimeout(then, 0));
}

const NAV = [{ id: 'home', label: 'ホーム', path: '/' }, ...SECTIONS.map((s) => ({ id: s.id, label: s.label, path: `/${s.id}` }))];

/**
 * What each section's screen cannot open without: a role that may not run it
 * is not offered the section (医師会・事務局: no 基金, 会議・研修, 帳票, 監査ログ, 設定).
 */
const SECTION_NEEDS: Record<SectionId, OpName> = {
  masters: 'masters.overview',
  fund: 'fund.year',
  subsidy: 'subsidy.year',
  survey: 'survey.rounds.list',
  meeting: 'meeting.list',
  report: 'report.pack',
  audit: 'audit.list',
  settings: 'backup.list',
};

/** The menu for a role (all of it until the role is known, as on a file). */
function navFor(role: Role | undefined) {
  return NAV.filter((item) => item.id === 'home' || !role || may(role, SECTION_NEEDS[item.id as SectionId]));
}

function fileName(path: string): string {
  return path.split(/[\\/]/).pop() ?? path;
}

/** On a shared database: who is signed in and in which role, and サインアウト where the page signed in (the loopback host). */
function SignedIn() {
  const session = useQuery('accounts.session', {});
  const who = session.data;
  if (!who?.shared) return <span>ネットワークを使わずに動作します</span>;
  const signOut = async () => {
    await hostSignIn.signOut();
    window.location.reload();
  };
  return (
    <div className="topbar__who" data-testid="topbar-who">
      <span>
        {who.displayName || who.login}（{ROLE_LABELS[who.role]}）
      </span>
      {hostSignIn.signedIn() && (
        <button type="button" className="button button--secondary button--small" onClick={() => void signOut()}>
          サインアウト
        </button>
      )}
    </div>
  );
}

/** 「閲覧専用・令和6年2月15日時点」: what the window and the header say over a meeting copy. */
function readOnlyLabel(copy: ReadOnlyCopyInfo): string {
  return `閲覧専用・${formatWareki(parseIsoDate(copy.asOf))}時点`;
}

function Shell() {
  const summary = useQuery('app.summary', {});
  const settings = useQuery('settings.get', {});
  const navigate = useNavigate();
  const session = useQuery('accounts.session', {});
  const role = session.data?.role;
  const nav = useMemo(() => navFor(role), [role]);
  // 県・閲覧 may change nothing: every screen as on a read-only copy, without its banner.
  const readOnlyRole = role !== undefined && !may(role, 'survey.answers.save');
  const density = settings.data?.density ?? 'compact';
  const dbPath = summary.data?.database.path;
  const copy = summary.data?.database.readOnlyCopy ?? null;
  if (summary.data && role !== undefined) rememberReadOnly(copy !== null || readOnlyRole);
  useFormConventions();
  useFocusBackWhenOn();

  useEffect(() => {
    document.documentElement.dataset.density = density;
  }, [density]);

  useEffect(() => {
    const name = dbPath ? `${fileName(dbPath)} — Renkei 在宅医療推進 事業管理` : 'Renkei 在宅医療推進 事業管理';
    document.title = copy ? `【${readOnlyLabel(copy)}】${name}` : name;
    // Screens may hide their editing by this mark; the core refuses changes whatever they show.
    if (copy || readOnlyRole) document.documentElement.dataset.readonly = 'true';
    else delete document.documentElement.dataset.readonly;
  }, [dbPath, copy, readOnlyRole]);

  const { client, revisionNow } = useApi();
  useLayoutEffect(() => {
    asking = { client, revisionNow };
    return () => {
      asking = null;
    };
  }, [client, revisionNow]);

  const drawn = summary.data !== undefined;
  useEffect(() => {
    // After the frame that shows the data: the next screens' code is not fetched and compiled before it is painted.
    if (drawn) afterPaint(loadAhead);
  }, [drawn]);

  useEffect(() => {
    // The association's screens keep only the edits marked as its own (global.css).
    if (role) document.documentElement.dataset.role = role;
  }, [role]);

  const { pathname } = useLocation();
  // A page whose title stays drawn (a center of 補助金) sees no new title mount: its title takes the focus from here.
  useEffect(() => focusTitleIfLost(), [pathname]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!(e.ctrlKey || e.metaKey) || e.altKey || e.shiftKey) return;
      const index = Number(e.key) - 1;
      const target = nav[index];
      if (target) {
        e.preventDefault();
        // As a click on the menu would: the field being typed in loses focus first, so its save-on-blur runs.
        if (document.activeElement instanceof HTMLElement) document.activeElement.blur();
        navigate(target.path);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [navigate, nav]);

  // Nothing is drawn until the role is known (one short call): the menu never shows a section the role may not open,
  // and the first screen asks for its data before the browser fetches the fonts it draws with.
  if (!session.data && !session.error) return null;
  // The account was stopped while the app was open: the core closed its connections; sign in again (or not), told why.
  if (session.error?.error.code === 'unauthorized') {
    const server = hostSignIn.signedInTo();
    if (server !== null) return <SignInPage server={server} ended={session.error.message} />;
    return (
      <main className="sign-in">
        <p className="card sign-in__card notice notice--error" role="alert">
          {session.error.message}
        </p>
      </main>
    );
  }
  return (
    // Marked on the shell as on the document (the effects above, for what draws outside it): a home the host drew is
    // laid out and shown as the app will draw it, from its first frame.
    <div className="app" data-density={density} data-readonly={copy || readOnlyRole ? 'true' : undefined} data-role={role}>
      <aside className="sidebar">
        <div className="sidebar__brand">
          <div className="sidebar__brand-name">Renkei 連携</div>
          <div className="sidebar__brand-sub">在宅医療推進 事業管理</div>
        </div>
        <nav aria-label="メインメニュー">
          {nav.map((item, i) => (
            <div key={item.id}>
              {item.id === 'audit' && <div className="sidebar__divider" />}
              <NavLink to={item.path} end={item.path === '/'} className="sidebar__link">
                <span>{item.label}</span>
                <span className="sidebar__key" aria-hidden="true">
                  Ctrl+{i + 1}
                </span>
              </NavLink>
            </div>
          ))}
        </nav>
        <div className="sidebar__foot">Renkei {summary.data?.appVersion}</div>
      </aside>
      <div className="main">
        <div className="topbar">
          <div className="topbar__db" title={dbPath}>
            <span>データベース:</span>
            <code data-testid="topbar-db">{dbPath ? fileName(dbPath) : '読み込み中…'}</code>
          </div>
          {copy ? (
            <div
              className="readonly-banner"
              role="status"
              data-testid="readonly-banner"
              title="会議用に持ち出したコピーです。変更はできません。"
            >
              <strong>{readOnlyLabel(copy)}</strong>
              <span>会議用に持ち出したコピーです。表示と印刷はできますが、変更はできません（元: {copy.source}）。</span>
            </div>
          ) : (
            (!role || may(role, 'app.undo')) && <UndoButtons />
          )}
          <SignedIn />
        </div>
        <main className="content" id="main">
          <PathOnScreen />
          <NetworkNotice database={summary.data?.database} />
          <WriteWaitNotice />
          <ScreenOutlet depth={1} />
        </main>
      </div>
    </div>
  );
}

/** A route's screen, its code also the route's handle (for the frame above it to ask for at once). */
const show = (code: ScreenCode) => ({ element: <Screen code={code} />, handle: code });

const ROUTES: RouteObject[] = [
  {
    path: '/',
    element: <Shell />,
    errorElement: <RouteError />,
    children: [
      { index: true, element: <HomePage /> },
      {
        path: 'masters',
        ...show(MastersPage),
        children: [
          { index: true, element: <Navigate to="municipalities" replace /> },
          { path: 'municipalities', ...show(MunicipalitiesTab) },
          { path: 'areas', ...show(AreasTab) },
          { path: 'centers', ...show(CentersTab) },
          { path: 'institutions', ...show(InstitutionsTab) },
          { path: 'designations', ...show(DesignationsTab) },
          { path: 'import', ...show(ImportPage) },
        ],
      },
      { path: 'fund', ...show(FundPage) },
      { path: 'fund/plan/:fy?', ...show(PlanTextPage) },
      { path: 'subsidy/*', ...show(SubsidySection) },
      { path: 'survey', ...show(SurveyPage) },
      { path: 'survey/activity', ...show(ActivityPage) },
      { path: 'survey/definitions/:definitionId/edit', ...show(DefinitionEditPage) },
      {
        path: 'survey/rounds/:roundId',
        ...show(RoundPage),
        children: [
          { index: true, ...show(TrackerTab) },
          { path: 'results', ...show(ResultsTab) },
        ],
      },
      { path: 'meeting/*', ...show(MeetingSection) },
      { path: 'report', ...show(ReportsPage) },
      { path: 'report/view/:name', ...show(ReportViewPage) },
      { path: 'report/pack', ...show(PackPage) },
      { path: 'report/templates', ...show(TemplatesPage) },
      { path: 'report/decks', ...show(DecksPage) },
      { path: 'report/decks/:deckId', ...show(DeckEditorPage) },
      { path: 'audit', ...show(AuditPage) },
      { path: 'settings', ...show(SettingsPage) },
      { path: 'settings/accounts', ...show(AccountsPage) },
      { path: '*', element: <NotFoundScreen /> },
    ],
  },
  { path: '/present/:deckId', ...show(PresentPage), errorElement: <RouteError /> },
];

/**
 * What a move's screens are asked with (the shell's client and data revision), while the shell is drawn: the revision
 * as of the move, since a move made as a change's answer comes is taken before the screens draw that change.
 */
let asking: { client: Client; revisionNow: () => number } | null = null;

export type AppRouter = ReturnType<typeof createHashRouter>;

/** The window's router, made at its first drawing. */
let pageRouter: AppRouter | null = null;

/**
 * The app's router over the address after # of `window` (the page's own; the loopback host's first-screen renderer
 * gives one of its own, at the home). The page's: a move's screens are asked for as the router takes it, before it
 * tells React (subscribed first): React draws the move in a later task, ~20-35 ms on, and the screens asked for their
 * code and answers only then.
 */
export function appRouter(window?: DOMRouterOpts['window']): AppRouter {
  // No hydration data to look for in a window given: the router's own search for it reads the global window.
  if (window) return createHashRouter(ROUTES, { window, hydrationData: {} });
  if (pageRouter) return pageRouter;
  pageRouter = createHashRouter(ROUTES);
  pageRouter.subscribe((state) => {
    if (asking)
      openScreens(
        state.matches.map((match) => match.route.handle),
        asking.client,
        asking.revisionNow(),
      );
  });
  return pageRouter;
}

/**
 * Moves are drawn as ordinary updates, not transitions: a move made as soon as a change's answer is in (useMover's
 * goIfStill) is then drawn together with the reload that change asks for (api/hooks.tsx), so the screen left behind is
 * gone before anything reloads. As a transition the move waited its turn behind the reload: after deleting what a
 * screen showed (a meeting, a deck, a survey round) the screen asked the core again for the record, which answered 404
 * and could flash 読み込めませんでした before the list came.
 */
export function App({ router }: { router?: AppRouter }) {
  return <RouterProvider router={router ?? appRouter()} useTransitions={false} />;
}
