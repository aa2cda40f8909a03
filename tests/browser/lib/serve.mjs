// A tiny static file server for the browser tests: no dependencies, loopback
// only. Usage: node serve.mjs DIR [BASE_PATH]
//
// Serves DIR under BASE_PATH (default "/"; e.g. "/care/" when the site's
// base_url is https://example.org/care/), the way a real host would:
//   - a folder URL serves its index.html (a folder URL without a trailing
//     slash is redirected to the one with it);
//   - a missing file answers 404 with the site's own 404.html as the body;
//   - only GET and HEAD; no directory listings; nothing outside DIR.
// Listens on 127.0.0.1 on a free port and prints one line, the site's root
// URL (e.g. http://127.0.0.1:41234/care/), once it listens.
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';

const [dirArg, baseArg = '/'] = process.argv.slice(2);
if (!dirArg) {
  console.error('usage: node serve.mjs DIR [BASE_PATH]');
  process.exit(2);
}
const root = path.resolve(dirArg);
let base = baseArg.startsWith('/') ? baseArg : `/${baseArg}`;
if (!base.endsWith('/')) base += '/';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.xml': 'application/xml; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.ics': 'text/calendar; charset=utf-8',
  '.pdf': 'application/pdf',
  '.woff2': 'font/woff2',
  '.docx': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  '.odt': 'application/vnd.oasis.opendocument.text',
};

async function fileAt(p) {
  try {
    const s = await stat(p);
    return s;
  } catch {
    return null;
  }
}

async function notFound(res, head) {
  let body = Buffer.from('Not found\n');
  let type = 'text/plain; charset=utf-8';
  try {
    body = await readFile(path.join(root, '404.html'));
    type = TYPES['.html'];
  } catch {
    // no 404 page in the output: plain text
  }
  res.writeHead(404, { 'content-type': type, 'content-length': body.length });
  res.end(head ? undefined : body);
}

const server = createServer(async (req, res) => {
  const head = req.method === 'HEAD';
  if (req.method !== 'GET' && !head) {
    res.writeHead(405, { allow: 'GET, HEAD' });
    res.end();
    return;
  }
  let pathname;
  try {
    pathname = decodeURIComponent(new URL(req.url, 'http://127.0.0.1').pathname);
  } catch {
    res.writeHead(400);
    res.end();
    return;
  }
  if (pathname === base.slice(0, -1)) {
    res.writeHead(301, { location: base });
    res.end();
    return;
  }
  if (!pathname.startsWith(base) || pathname.includes('\0')) {
    await notFound(res, head);
    return;
  }
  let file = path.join(root, pathname.slice(base.length));
  if (file !== root && !file.startsWith(root + path.sep)) {
    await notFound(res, head);
    return;
  }
  let s = await fileAt(file);
  if (s && s.isDirectory()) {
    if (!pathname.endsWith('/')) {
      res.writeHead(301, { location: `${req.url.split('?')[0]}/` });
      res.end();
      return;
    }
    file = path.join(file, 'index.html');
    s = await fileAt(file);
  }
  if (!s || !s.isFile()) {
    await notFound(res, head);
    return;
  }
  const body = await readFile(file);
  res.writeHead(200, {
    'content-type': TYPES[path.extname(file).toLowerCase()] || 'application/octet-stream',
    'content-length': body.length,
    'cache-control': 'no-store',
  });
  res.end(head ? undefined : body);
});

server.listen(0, '127.0.0.1', () => {
  const { port } = server.address();
  process.stdout.write(`http://127.0.0.1:${port}${base}\n`);
});
for (const sig of ['SIGTERM', 'SIGINT']) {
  process.on(sig, () => process.exit(0));
}
