// A static file server on 127.0.0.1 at a free port, for the tests that need
// a second origin (a page that embeds sigscope: e2e/embed-host/) or
// headers of their own. `headers` are added to every response.
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml', '.rs': 'text/plain; charset=utf-8',
};

export function serveDir(dir, headers = {}) {
  const root = resolve(dir);
  const server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    const file = normalize(join(root, path.endsWith('/') ? `${path}index.html` : path));
    if (!file.startsWith(root + sep)) {
      res.writeHead(403).end();
      return;
    }
    try {
      const body = await readFile(file);
      res.writeHead(200, { 'Content-Type': TYPES[extname(file)] || 'application/octet-stream', 'Cache-Control': 'no-store', ...headers });
      res.end(body);
    } catch {
      res.writeHead(404, headers).end();
    }
  });
  return new Promise((ok) => server.listen(0, '127.0.0.1', () => ok(server)));
}

/** The server's own origin. */
export const originOf = (server) => `http://127.0.0.1:${server.address().port}`;
