// First: starts the engine connection before the other modules below are evaluated.
import { engineAtStart } from './host/early-start';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { ensureSchema } from './api';
import { App } from './App';
import { rememberedTarget, useAppStore } from './state';
import './ui/tokens.css';
import './ui/primitives.css';
import './styles.css';
import './features/scripts/scripts.css';
import './ui/formats.css';
import './features/load/load.css';
import './features/request/form/form.css';
import './features/onboarding/onboarding.css';

/** How long the first render waits for the active target's schema. */
const FIRST_SCREEN_WAIT_MS = 100;

async function start(): Promise<void> {
  const root = createRoot(document.getElementById('root') as HTMLElement);
  try {
    const { info: infoAnswer } = await engineAtStart;
    // A returning user's active tab names its server already: its schema is asked for now, beside
    // app.info, rather than one round trip later, after app.info's answer.
    const { tabs, activeTabId } = useAppStore.getState();
    const asked = tabs[activeTabId]?.target.address.trim() ? ensureSchema() : undefined;
    const info = await infoAnswer;
    const target = rememberedTarget() ?? (info.demoAddress ? { address: info.demoAddress } : undefined);
    // Tabs keep their own targets; those without one (first start, or saved before tabs had
    // targets) get the last session's single target, else the demo server.
    if (target) useAppStore.getState().adoptDefaultTarget(target);
    // Showing a tab on another target loads that target's schema (once; later shows are instant).
    useAppStore.subscribe((s, prev) => {
      // So does another environment, for a tab whose address is {{variable}}.
      const environmentChanged =
        s.workspace?.root !== prev.workspace?.root ||
        s.workspace?.activeEnvironment !== prev.workspace?.activeEnvironment;
      if (s.activeTabId !== prev.activeTabId || environmentChanged) void ensureSchema();
    });
    // The first screen waits a moment for the target's services (browser mode reflects the demo
    // while the page loads, so they are usually there within milliseconds): the window is then
    // drawn and laid out once with them, instead of empty and again a frame later. A target that
    // takes longer is not waited for; its tree shows "loading" as before.
    await Promise.race([asked ?? ensureSchema(), new Promise((resolve) => setTimeout(resolve, FIRST_SCREEN_WAIT_MS))]);
    root.render(
      <StrictMode>
        <App />
      </StrictMode>,
    );
  } catch (error) {
    root.render(
      <div className="fatal" role="alert">
        <h1>Loupe could not start</h1>
        <p>{error instanceof Error ? error.message : String(error)}</p>
      </div>,
    );
  }
}

void start();
