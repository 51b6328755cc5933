// The benchmark's one HTTP server: the release build from dist/, the vanilla page, and a
// static, deterministic /api/v1/ that answers as Django REST Framework's PageNumberPagination
// does (`count`, `next`, `previous`, `results`; `?page=N`, absolute `next` links). No token is
// needed and any token is accepted. Static files are served brotli-compressed (quality 11,
// compressed once) to a browser that accepts it, as a brotli-enabled nginx would.
//
// The data lives in this process: the benchmark swaps it (`setWorld`), starts and finishes the
// one running snapshot (`startJob`, `finishJob`), reads the log of API requests (`requests`) and
// static bytes sent (`sent`), and waits for a request (`waitForApi`).

import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import zlib from 'node:zlib';
import { iso } from './data.mjs';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.json': 'application/json',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
};

const ME = {
  account: {
    email: 'bench@example.com',
    first_name: 'Bench',
    last_name: 'Mark',
    company_name: 'Example Hosting Ltd',
    created_at: '2023-06-01T10:00:00Z',
  },
  token: {
    name: 'Benchmark token',
    permissions: ['snapshots:read', 'snapshots:write', 'servers:read'],
    created_at: '2024-09-10T08:30:00Z',
    last_used_at: null,
  },
};

/** How old the running snapshot is when a job starts: inside the documented 3-10 minutes. */
export const JOB_AGE_MS = 5 * 60_000;

/**
 * Starts the server. `dist` is the release build, `vanilla` the vanilla page's folder, `css`
 * the panel's stylesheet (the vanilla page uses it too), `meta` extra panel settings
 * (`[[name, value]]`) written into the served index.html.
 */
export async function startServer({ port, dist, vanilla, css, pageSize = 100, meta = [] }) {
  let world = { servers: [], snapshots: [], flipId: null, flipServerId: null };
  let sortedSnapshots = [];
  const requests = [];
  const sent = [];
  const waiters = new Set();
  const files = new Map();

  function resort() {
    sortedSnapshots = [...world.snapshots].sort(
      (a, b) => b.created_at.localeCompare(a.created_at) || b.id - a.id,
    );
  }

  /** A static file, read and brotli-compressed once. */
  function file(fullPath, transform) {
    let entry = files.get(fullPath);
    if (!entry) {
      if (!fs.existsSync(fullPath) || !fs.statSync(fullPath).isFile()) return null;
      let raw = fs.readFileSync(fullPath);
      if (transform) raw = Buffer.from(transform(raw.toString('utf8')));
      const br = zlib.brotliCompressSync(raw, {
        params: {
          [zlib.constants.BROTLI_PARAM_QUALITY]: 11,
          [zlib.constants.BROTLI_PARAM_SIZE_HINT]: raw.length,
        },
      });
      const type = TYPES[path.extname(fullPath)] ?? 'application/octet-stream';
      entry = { raw, br, type };
      files.set(fullPath, entry);
    }
    return entry;
  }

  const withSettings = (html) => {
    for (const [name, value] of meta) {
      const tag = `<meta name="snapshot-panel:${name}" content="${value.replaceAll('"', '&quot;')}">`;
      // The lookahead ends the name without consuming the tag's end (minified HTML has
      // `name=snapshot-panel:auth>`, and the next tag must stay).
      const existing = new RegExp(`<meta[^>]*name=["']?snapshot-panel:${name}(?=["'\\s>])[^>]*>`);
      html = existing.test(html) ? html.replace(existing, tag) : html.replace('</head>', `${tag}</head>`);
    }
    return html;
  };

  function staticFile(pathname) {
    if (pathname === '/vanilla') return { redirect: '/vanilla/' };
    if (pathname === '/vanilla/' || pathname === '/vanilla/index.html') {
      return file(path.join(vanilla, 'index.html'));
    }
    if (pathname === '/vanilla/panel.css') return file(css);
    if (pathname.startsWith('/vanilla/')) return file(path.join(vanilla, path.basename(pathname)));
    const inDist = path.normalize(path.join(dist, decodeURIComponent(pathname)));
    if (!inDist.startsWith(dist)) return null;
    if (pathname !== '/' && path.extname(pathname)) return file(inDist);
    // The panel for `/` and its deep links (`/servers/12345`).
    return file(path.join(dist, 'index.html'), withSettings);
  }

  function sendJson(res, status, body) {
    const text = JSON.stringify(body);
    res.writeHead(status, {
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(text),
      'cache-control': 'no-store',
      vary: 'Accept, Authorization',
      allow: 'GET, HEAD, OPTIONS',
    });
    res.end(text);
  }

  /** One DRF page of `items` for this request, with absolute links built from its Host. */
  function page(req, url, items) {
    const raw = url.searchParams.get('page');
    const pages = Math.max(1, Math.ceil(items.length / pageSize));
    const number = raw === null ? 1 : raw === 'last' ? pages : Number(raw);
    if (!Number.isInteger(number) || number < 1 || number > pages) {
      return [404, { detail: 'Invalid page.' }];
    }
    // DRF's replace_query_param / remove_query_param: the other parameters kept, sorted.
    const link = (n) => {
      const params = new URLSearchParams(url.searchParams);
      if (n === 1) params.delete('page');
      else params.set('page', String(n));
      params.sort();
      const query = params.toString();
      return `http://${req.headers.host}${url.pathname}${query ? `?${query}` : ''}`;
    };
    return [
      200,
      {
        count: items.length,
        next: number < pages ? link(number + 1) : null,
        previous: number > 1 ? link(number - 1) : null,
        results: items.slice((number - 1) * pageSize, number * pageSize),
      },
    ];
  }

  function api(req, res, url) {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      return sendJson(res, 405, { detail: `Method "${req.method}" not allowed.` });
    }
    const route = url.pathname;
    if (route === '/api/v1/account/me/') return sendJson(res, 200, ME);
    if (route === '/api/v1/servers/') return sendJson(res, ...page(req, url, world.servers));
    const one = /^\/api\/v1\/servers\/(\d+)\/$/.exec(route);
    if (one) {
      const server = world.servers.find((s) => s.id === Number(one[1]));
      return server ? sendJson(res, 200, server) : sendJson(res, 404, { detail: 'Not found.' });
    }
    if (route === '/api/v1/snapshots/') {
      const filter = url.searchParams.get('server_id');
      if (filter !== null && filter.trim() !== '' && !/^\d+$/.test(filter.trim())) {
        return sendJson(res, 400, { server_id: ['Enter a number.'] });
      }
      const items =
        filter === null || filter.trim() === ''
          ? sortedSnapshots
          : sortedSnapshots.filter((s) => s.server.id === Number(filter));
      return sendJson(res, ...page(req, url, items));
    }
    return sendJson(res, 404, { detail: 'Not found.' });
  }

  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://bench.invalid');
    const at = performance.now();
    if (url.pathname.startsWith('/api/')) {
      const entry = {
        index: requests.length,
        at,
        method: req.method,
        path: url.pathname,
        query: Object.fromEntries(url.searchParams),
        url: req.url,
      };
      requests.push(entry);
      // The request's number, readable in the page's resource timing (`serverTiming`), so the
      // benchmark can tell which response carried a change.
      res.setHeader('server-timing', `req;desc="${entry.index}"`);
      res.on('finish', () => {
        entry.done = performance.now();
        for (const waiter of [...waiters]) {
          if (waiter.match(entry)) {
            waiters.delete(waiter);
            waiter.resolve(entry);
          }
        }
      });
      return api(req, res, url);
    }
    const found = staticFile(url.pathname);
    if (found?.redirect) {
      res.writeHead(302, { location: found.redirect });
      return res.end();
    }
    if (!found) {
      res.writeHead(404, { 'content-type': 'text/plain' });
      return res.end('Not found');
    }
    const brotli = /\bbr\b/.test(req.headers['accept-encoding'] ?? '');
    const body = brotli ? found.br : found.raw;
    res.writeHead(200, {
      'content-type': found.type,
      'content-length': body.length,
      'cache-control': 'no-cache',
      vary: 'Accept-Encoding',
      ...(brotli ? { 'content-encoding': 'br' } : {}),
    });
    res.end(req.method === 'HEAD' ? undefined : body);
    sent.push({ at, path: url.pathname, bytes: body.length, raw: found.raw.length, brotli });
  });
  server.keepAliveTimeout = 60_000;

  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });

  return {
    origin: `http://127.0.0.1:${server.address().port}`,
    /** Compresses every file a page may ask for, so no run pays for it. */
    warm(paths) {
      for (const p of paths) staticFile(p);
    },
    setWorld(data) {
      world = structuredClone(data);
      resort();
    },
    get world() {
      return world;
    },
    /** The flip snapshot is running, started JOB_AGE_MS ago. */
    startJob() {
      const snapshot = world.snapshots.find((s) => s.id === world.flipId);
      if (!snapshot) return;
      Object.assign(snapshot, { status: 'in_progress', size_mb: null, created_at: iso(Date.now() - JOB_AGE_MS) });
      resort();
    },
    /** The running snapshot has completed. */
    finishJob() {
      const snapshot = world.snapshots.find((s) => s.id === world.flipId);
      if (!snapshot) return;
      Object.assign(snapshot, { status: 'completed', size_mb: 6144 });
    },
    requests,
    sent,
    /** Resolves with the first API request from now on that `match`es, once answered; null on timeout. */
    waitForApi(match, timeoutMs) {
      return new Promise((resolve) => {
        const waiter = { match, resolve };
        waiters.add(waiter);
        setTimeout(() => {
          if (waiters.delete(waiter)) resolve(null);
        }, timeoutMs);
      });
    },
    close() {
      server.closeAllConnections?.();
      return new Promise((resolve) => server.close(resolve));
    },
  };
}
