/**
 * The app as a window draws it: its providers around the shell. One tree for the page (main.tsx) and for the loopback
 * host's drawing of the first screen (first-screen.server.tsx), which the page then takes over as it is: the two must
 * draw the same.
 */
import { StrictMode, useEffect } from 'react';
import type { Client } from '../api/client';
import { ApiProvider } from '../api/hooks';
import { ToastProvider } from '../components/Toast';
import { UndoProvider } from '../components/Undo';
import { App, type AppRouter } from './App';

export function AppRoot({ client, router }: { client: Client; router?: AppRouter }) {
  // Once the app runs on the page (a home the host drew, taken over): global.css lets the pointer act on it from then.
  useEffect(() => {
    document.documentElement.dataset.live = '';
  }, []);
  return (
    <StrictMode>
      <ToastProvider>
        <ApiProvider client={client}>
          <UndoProvider>
            <App router={router} />
          </UndoProvider>
        </ApiProvider>
      </ToastProvider>
    </StrictMode>
  );
}
