#!/usr/bin/env node
// Figure 7's baseline: a bare Node static server whose page loads scripts and styles of the
// given sizes (those of Loupe's first screen), so Loupe's start-up is compared with the least a
// server and a page of the same weight cost on the same machine at the same moment. Served with
// the headers given as JSON ({ html, asset }: Loupe's own, so both pages obey one policy).
import { createServer } from 'node:http';

const [scriptBytes, styleBytes] = process.argv.slice(2, 4).map(Number);
if (!(scriptBytes > 0) || !(styleBytes >= 0))
  throw new Error('usage: static-page.mjs <script bytes> <style bytes> [headers as JSON]');
const headers = JSON.parse(process.argv[4] ?? '{}');

/** Code, not a comment or a string: the browser parses it as it parses a real bundle. */
function script(bytes) {
  const parts = [];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const part = `function f${i}(a,b){const c=a+b*${i};return c>${i}?[c,a,b]:{a,b,c};}\n`;
    parts.push(part);
    size += part.length;
  }
  parts.push('document.getElementById("root").textContent = "ready";\n');
  return parts.join('');
}
const files = {
  '/': [
    'text/html',
    '<!doctype html><link rel="stylesheet" href="/app.css"><div id="root"></div><script type="module" src="/app.js"></script>',
  ],
  '/app.js': ['text/javascript', script(scriptBytes)],
  '/app.css': ['text/css', `.x{color:red}\n`.repeat(Math.ceil(styleBytes / 14))],
};
const server = createServer((req, res) => {
  const file = files[req.url ?? ''];
  if (!file) return res.writeHead(404).end();
  res.writeHead(200, { ...(req.url === '/' ? headers.html : headers.asset), 'content-type': file[0] }).end(file[1]);
});
server.listen(0, '127.0.0.1', () => console.log(`listening on http://127.0.0.1:${server.address().port}/`));
process.on('SIGINT', () => server.close(() => process.exit(0)));
