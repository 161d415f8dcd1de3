#!/usr/bin/env node
// Renders assets/icon.svg to the PNG sizes the installers need (assets/icons/NxN.png), with the
// same Chromium the e2e suite uses. Run after editing the SVG; the PNGs are committed.
import { chromium } from '@playwright/test';
import { mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const svg = readFileSync(join(root, 'assets/icon.svg'), 'utf8');
const executablePath = process.env.LOUPE_CHROMIUM ?? '/usr/bin/chromium';
const browser = await chromium.launch({ executablePath, args: ['--no-sandbox', '--disable-gpu'] });
const page = await browser.newPage();
mkdirSync(join(root, 'assets/icons'), { recursive: true });
for (const size of [16, 24, 32, 48, 64, 128, 256, 512, 1024]) {
  await page.setViewportSize({ width: size, height: size });
  await page.setContent(
    `<style>html,body{margin:0;background:transparent}svg{width:${size}px;height:${size}px;display:block}</style>${svg}`,
  );
  await page.screenshot({ path: join(root, `assets/icons/${size}x${size}.png`), omitBackground: true });
}
await browser.close();
console.log('Rendered assets/icons/*.png');
