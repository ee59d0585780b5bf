/** Renderer entry: fonts and tokens, the client on whichever transport this window has, the app (or first the sign-in to a shared database). */
import './styles/fonts.css';
import './styles/global.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createClient, detectTransport, hostSignIn, pageRole } from './api/client';
import { ApiProvider } from './api/hooks';
import { App } from './app/App';
import { ConnectPage } from './app/ConnectPage';
import { askFirstQuestions } from './app/first-questions';
import { SignInPage } from './app/SignInPage';
import { ToastProvider } from './components/Toast';
import { UndoProvider } from './components/Undo';

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

createRoot(document.getElementById('root')!).render(
  connectBridge ? (
    <StrictMode>
      <ConnectPage bridge={connectBridge} />
    </StrictMode>
  ) : signInTo !== null ? (
    <StrictMode>
      <SignInPage server={signInTo} />
    </StrictMode>
  ) : (
    <StrictMode>
      <ToastProvider>
        <ApiProvider client={client}>
          <UndoProvider>
            <App />
          </UndoProvider>
        </ApiProvider>
      </ToastProvider>
    </StrictMode>
  ),
);
