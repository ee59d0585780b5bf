/** Renderer entry: fonts and tokens, the client on whichever transport this window has, the app (or first the sign-in to a shared database). */
import './styles/fonts.css';
import './styles/global.css';
import { StrictMode } from 'react';
import { createRoot, hydrateRoot } from 'react-dom/client';
import { FIRST_ANSWERS_ID, HOME_ADDRESS } from '@shared/contract/first-questions';
import { createClient, detectTransport, hostSignIn, pageRole } from './api/client';
import { AppRoot } from './app/AppRoot';
import { ConnectPage } from './app/ConnectPage';
import { askFirstQuestions } from './app/first-questions';
import { SignInPage } from './app/SignInPage';

const client = createClient(detectTransport());
/**
 * Set when this page must sign in to a shared database first: the server to show. (The print page is print.html,
 * which the host's printer opens without signing in: it calls no operation.)
 */
const signInTo = window.renkei ? null : hostSignIn.server();
/** The desktop's 共有データベースに接続 window (the shell opens it on #/connect). */
const connectBridge = window.location.hash === '#/connect' ? window.renkei?.shared : undefined;

// The app's first questions go now, not once React has drawn the frame.
if (!connectBridge && signInTo === null) askFirstQuestions(client, window.location.hash, pageRole());

const root = document.getElementById('root')!;
// The loopback host drew the home into the page with the answers it wrote (electron/core/host/first-screen.ts): taken
// over as it is. At another screen (hidden since the first frame: FIRST_SCREEN_GUARD), or without the answers (a page
// changed on its way: it would differ), the page draws from the start.
// (The address is looked at again: a link of the drawn home may have been followed before the code came.)
const html = document.documentElement;
const drawnHome =
  root.firstElementChild !== null &&
  html.dataset.firstScreen !== 'elsewhere' &&
  HOME_ADDRESS.test(window.location.hash) &&
  document.getElementById(FIRST_ANSWERS_ID) !== null;
if (!connectBridge && signInTo === null && drawnHome) {
  hydrateRoot(root, <AppRoot client={client} />);
} else {
  root.replaceChildren();
  delete html.dataset.firstScreen;
  // Nothing drawn to take over: the page is the app's from its first drawing (AppRoot marks it for a drawn home).
  html.dataset.live = '';
  createRoot(root).render(
    connectBridge ? (
      <StrictMode>
        <ConnectPage bridge={connectBridge} />
      </StrictMode>
    ) : signInTo !== null ? (
      <StrictMode>
        <SignInPage server={signInTo} />
      </StrictMode>
    ) : (
      <AppRoot client={client} />
    ),
  );
}
