/**
 * The first screen drawn by the loopback host, in Node, with the answers it writes into the page: the page shows it as
 * its body is read, before the app's code has come, run and drawn (~130 ms of a start here), and the code then takes it
 * over as it is (main.tsx, hydrateRoot). Built by renderer/vite.server.config.ts into dist/first-screen; the host draws
 * with it only for a page at the home on a file (electron/core/host/first-screen.ts).
 */
import { renderToString } from 'react-dom/server';
import type { DrawFirstScreen } from '@shared/contract/first-questions';
import { createClient, type Transport } from './api/client';
import { primeAnswered } from './api/hooks';
import { appRouter } from './app/App';
import { AppRoot } from './app/AppRoot';

/** Asks nothing: what the answers do not hold draws as the page draws it while it asks (loading). */
const NO_CALLS: Transport = {
  kind: 'http',
  call: async () => ({ ok: false, error: { code: 'io', message: 'ホストの最初の画面は問い合わせません' } }),
};

/** The address of a page at the home, for the router: it reads and listens to nothing else. */
function homeWindow() {
  const ignore = () => undefined;
  return {
    location: { pathname: '/', search: '', hash: '', href: 'http://127.0.0.1/', origin: 'http://127.0.0.1' },
    history: { state: null, length: 1, replaceState: ignore, pushState: ignore, go: ignore },
    document: { querySelector: () => null, createElement: () => ({}) },
    addEventListener: ignore,
    removeEventListener: ignore,
  } as unknown as Window;
}

/** The home's markup for the page's root element, drawn with `answers` (all of the frame's and the home's questions). */
export const renderFirstScreen: DrawFirstScreen = (answers) => {
  const client = createClient(NO_CALLS);
  primeAnswered(client, new Map(answers.map((answer) => [answer.key, answer.value])));
  return renderToString(<AppRoot client={client} router={appRouter(homeWindow())} />);
};
