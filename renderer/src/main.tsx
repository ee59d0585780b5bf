/** Renderer entry: fonts and tokens, the client on whichever transport this window has, the app. */
import '@fontsource/noto-sans-jp/400.css';
import '@fontsource/noto-sans-jp/700.css';
import './styles/global.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createClient, detectTransport } from './api/client';
import { ApiProvider } from './api/hooks';
import { App } from './app/App';
import { ToastProvider } from './components/Toast';
import { UndoProvider } from './components/Undo';

const client = createClient(detectTransport());

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ToastProvider>
      <ApiProvider client={client}>
        <UndoProvider>
          <App />
        </UndoProvider>
      </ApiProvider>
    </ToastProvider>
  </StrictMode>,
);
