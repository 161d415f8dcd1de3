import { existsSync } from 'node:fs';
import { chromium } from '@playwright/test';

/**
 * Which Chromium drives the e2e suite: LOUPE_CHROMIUM, else Debian's /usr/bin/chromium, else a
 * browser Playwright installed itself. We never download one here.
 */
export function findChromium(): string {
  const candidates = [process.env.LOUPE_CHROMIUM, '/usr/bin/chromium', '/usr/bin/chromium-browser'];
  for (const candidate of candidates) if (candidate && existsSync(candidate)) return candidate;
  try {
    const bundled = chromium.executablePath();
    if (existsSync(bundled)) return bundled;
  } catch {
    // Playwright has no browser of its own here.
  }
  throw new Error(
    'No Chromium found for the e2e tests. Install one (Debian/Ubuntu: `sudo apt-get install -y chromium`) ' +
      'or point LOUPE_CHROMIUM at a Chromium or Chrome binary.',
  );
}

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];
