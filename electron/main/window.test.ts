import { EventEmitter } from 'node:events';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Port } from '../../shared/protocol/port';

/* The Electron binary cannot run on our machines, so the shell's wiring is tested against a
 * stand-in of the electron module: secure web preferences, and one engine port per page load. */

class FakeMessagePortMain extends EventEmitter {
  closed = false;
  start(): void {}
  postMessage(): void {}
  close(): void {
    this.closed = true;
    this.emit('close');
  }
}

class FakeWebContents extends EventEmitter {
  url = '';
  posted: Array<{ channel: string; ports: FakeMessagePortMain[] }> = [];
  getURL(): string {
    return this.url;
  }
  postMessage(channel: string, _message: unknown, ports: FakeMessagePortMain[]): void {
    this.posted.push({ channel, ports });
  }
}

class FakeBrowserWindow extends EventEmitter {
  static last: FakeBrowserWindow | undefined;
  readonly webContents = new FakeWebContents();
  loadedUrl = '';
  constructor(readonly options: { webPreferences: Record<string, unknown> }) {
    super();
    FakeBrowserWindow.last = this;
  }
  loadURL(url: string): Promise<void> {
    this.loadedUrl = url;
    return Promise.resolve();
  }
  maximize(): void {}
  show(): void {}
  isDestroyed(): boolean {
    return false;
  }
  isMaximized(): boolean {
    return false;
  }
  getNormalBounds() {
    return { x: 0, y: 0, width: 1280, height: 800 };
  }
}

vi.mock('electron', () => ({
  BrowserWindow: FakeBrowserWindow,
  MessageChannelMain: class {
    port1 = new FakeMessagePortMain();
    port2 = new FakeMessagePortMain();
  },
  screen: { getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }] },
  net: {},
  protocol: {},
}));

const { createMainWindow } = await import('./window');

function fakeEngine() {
  const ports: Port[] = [];
  return { ports, engine: { connect: (port: Port) => ports.push(port) } };
}

describe('createMainWindow', () => {
  let userData: string;
  beforeEach(() => {
    userData = mkdtempSync(join(tmpdir(), 'loupe-window-'));
  });

  it('creates a sandboxed, context-isolated window without Node, loading our own app:// page', () => {
    const { engine } = fakeEngine();
    createMainWindow(engine as never, userData);
    const window = FakeBrowserWindow.last!;
    expect(window.options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
    });
    expect(String(window.options.webPreferences.preload)).toMatch(/preload\.cjs$/);
    expect(window.loadedUrl).toBe('app://loupe/index.html');
  });

  it('hands each load of our page a fresh engine port and closes the previous one', () => {
    const { engine, ports } = fakeEngine();
    createMainWindow(engine as never, userData);
    const window = FakeBrowserWindow.last!;
    window.webContents.url = 'app://loupe/index.html';
    window.webContents.emit('did-finish-load');
    expect(ports).toHaveLength(1);
    expect(window.webContents.posted).toHaveLength(1);
    expect(window.webContents.posted[0]?.channel).toBe('loupe:engine-port');

    let firstClosed = false;
    ports[0]!.onClose(() => (firstClosed = true));
    window.webContents.emit('did-finish-load'); // a reload
    expect(ports).toHaveLength(2);
    expect(firstClosed).toBe(true);
  });

  it('never hands the engine port to a page that is not ours', () => {
    const { engine, ports } = fakeEngine();
    createMainWindow(engine as never, userData);
    const window = FakeBrowserWindow.last!;
    window.webContents.url = 'https://evil.example/';
    window.webContents.emit('did-finish-load');
    expect(ports).toHaveLength(0);
    expect(window.webContents.posted).toHaveLength(0);
  });

  it('closes the engine port when the window closes', () => {
    const { engine, ports } = fakeEngine();
    createMainWindow(engine as never, userData);
    const window = FakeBrowserWindow.last!;
    window.webContents.url = 'app://loupe/index.html';
    window.webContents.emit('did-finish-load');
    let closed = false;
    ports[0]!.onClose(() => (closed = true));
    window.emit('closed');
    expect(closed).toBe(true);
  });
});
