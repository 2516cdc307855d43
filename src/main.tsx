/** Entry point: i18n, theme and view state first, then the app. */
import { StrictMode } from 'react';
import { z } from 'zod';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { initI18n } from './i18n';
import { registerServiceWorker } from './pwa/register';
import { nativeEngineRequested } from './db/engineKind';
import { createViewStateStore } from './state/store';
import { applyTheme } from './theme/tokens';
import './styles.css';

// zod would probe for eval (\`new Function\`), which the CSP forbids: tell it not to.
z.config({ jitless: true });
const store = createViewStateStore();
initI18n(store.get().lang);
applyTheme(store.get().theme);

// Offline install, once the first view has settled (not for a page served with its DuckDB
// service, which needs that server anyway).
if (!nativeEngineRequested()) registerServiceWorker();

const root = document.getElementById('root');
if (!root) throw new Error('Missing #root element');
createRoot(root).render(
  <StrictMode>
    <App store={store} />
  </StrictMode>,
);
