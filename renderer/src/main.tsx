import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createEngineClient } from '../engine/client';
import { AppController, type Theme } from '../state/controller';
import { App } from '../views/App';
import '../styles/app.css';

const THEME_KEY = 'fleetlab.theme';

function initialTheme(): Theme {
  try {
    const saved = localStorage.getItem(THEME_KEY);
    if (saved === 'light' || saved === 'dark') return saved;
  } catch {
    // storage unavailable: follow the system
  }
  return window.matchMedia?.('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}

const controller = new AppController({
  engine: createEngineClient(),
  // A second worker validates while the first one runs, so the editor stays responsive.
  checker: createEngineClient(),
  theme: initialTheme(),
});

// Remember an explicit choice; otherwise follow the system setting as it changes.
let explicit = false;
try {
  explicit = localStorage.getItem(THEME_KEY) !== null;
} catch {
  explicit = false;
}
let lastTheme = controller.state.theme;
controller.store.subscribe(() => {
  const t = controller.state.theme;
  if (t === lastTheme) return;
  lastTheme = t;
  explicit = true;
  try {
    localStorage.setItem(THEME_KEY, t);
  } catch {
    // ignore
  }
});
window.matchMedia?.('(prefers-color-scheme: dark)').addEventListener?.('change', (e) => {
  if (explicit) return;
  lastTheme = e.matches ? 'dark' : 'light';
  controller.setTheme(lastTheme);
});

const rootEl = document.getElementById('root')!;
createRoot(rootEl).render(
  <StrictMode>
    <App controller={controller} />
  </StrictMode>,
);
