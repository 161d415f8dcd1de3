import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { initApi, loadSchema } from './api';
import { App } from './App';
import { connectHost } from './host';
import { rememberedTarget, useAppStore } from './state';
import './styles.css';

async function start(): Promise<void> {
  const root = createRoot(document.getElementById('root') as HTMLElement);
  try {
    const host = await connectHost();
    const client = initApi(host);
    const info = await client.request('app.info', {});
    const target = rememberedTarget() ?? (info.demoAddress ? { address: info.demoAddress } : undefined);
    if (target) useAppStore.getState().setTarget(target);
    root.render(
      <StrictMode>
        <App />
      </StrictMode>,
    );
    if (target) void loadSchema();
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
