// Shared helpers of the journeys: the simulator's control endpoints (`/__sim/`, enabled by
// `--control`) and a `test` that fails on any console error or uncaught page error.
import { test as base, expect, type Page } from '@playwright/test';

/** Where the simulator answers directly (not through nginx). */
export const SIM_URL = process.env.SIM_URL ?? 'http://127.0.0.1:18787';

/** Options of `POST /__sim/reset`; every one is optional and keeps its start-up value if left out. */
export interface ResetOptions {
  create_secs?: number;
  restore_secs?: number;
  page_size?: number;
  /** Behave like a plain DRF deployment: DRF's default words, read-after-write lag, ids
   * repeated across pages (see the simulator's README). */
  plain_drf?: boolean;
  /** Snapshots being created end `failed` instead of `completed`. */
  creates_fail?: boolean;
}

/** Fault injection, as `POST /__sim/faults` takes it (every field optional). */
export interface FaultSpec {
  /** Probability 0.0..1.0 that a matching /api/ request is faulted (1.0 when left out). */
  rate?: number;
  /** Any of latency, html502, 500, 500saved, truncated, 429, drop; all when left out. */
  kinds?: string[];
  latency_ms?: number;
  retry_after_secs?: number;
  seed?: number;
  /** Only requests whose path starts with this. */
  path_prefix?: string;
  /** Only requests with this method. */
  method?: string;
  /** Fault only this many requests, then stop. */
  count?: number;
}

/** One /api/ request the simulator has answered, oldest first. */
export interface ApiRequest {
  method: string;
  /** Without the query. */
  path: string;
  /** Without `?`; "" when none. */
  query: string;
  /** null when the connection was dropped on purpose. */
  status: number | null;
  /** The fault injected, if any. */
  fault: string | null;
}

async function simFetch(path: string, init: RequestInit = {}): Promise<Response> {
  const response = await fetch(`${SIM_URL}${path}`, init);
  if (!response.ok) {
    throw new Error(`${init.method ?? 'GET'} ${path}: simulator answered ${response.status}: ${await response.text()}`);
  }
  return response;
}

function jsonBody(body: unknown): RequestInit {
  return { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) };
}

/**
 * `E2E_WORLD=hostile` runs the ordinary journeys in a harsher world, as a measurement rather
 * than a check: the simulator behaves as a plain DRF deployment (its default words, a lagging
 * first read, ids repeated across pages) and 25% of /api/ answers are an HTML 502 and 15% a
 * 200 with a truncated body, from a fixed seed per reset. A journey that sets its own faults
 * gets those instead; clearing them brings the hostile ones back. CI never sets it.
 */
export const HOSTILE_WORLD = process.env.E2E_WORLD === 'hostile';

let hostileSeed = 0;

// In the hostile world, the tests' own calls to the simulator's API (their bookkeeping: what
// the API holds) are exempt from its faults, which are meant for the panel alone.
const fetchForTests = globalThis.fetch;
if (HOSTILE_WORLD) globalThis.fetch = (input: string | URL | Request, init: RequestInit = {}) => {
  const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
  if (!url.startsWith(SIM_URL)) return fetchForTests(input, init);
  const headers = new Headers(init.headers);
  headers.set('x-sim-exempt', '1');
  return fetchForTests(input, { ...init, headers });
};

function hostileFaults(): FaultSpec {
  hostileSeed += 1;
  return {
    rate: 0.4,
    kinds: ['html502', 'html502', 'html502', 'html502', 'html502', 'truncated', 'truncated', 'truncated'],
    seed: hostileSeed,
  };
}

/** Puts the simulator back to its seed data, optionally with new durations or page size. */
export async function resetSimulator(opts: ResetOptions = {}): Promise<void> {
  const world = HOSTILE_WORLD ? { plain_drf: true, ...opts } : opts;
  await simFetch('/__sim/reset', { method: 'POST', ...jsonBody(world) });
  if (HOSTILE_WORLD) await setFaults(hostileFaults());
}

/** Starts injecting faults into /api/ requests. */
export async function setFaults(spec: FaultSpec = {}): Promise<void> {
  await simFetch('/__sim/faults', { method: 'POST', ...jsonBody(spec) });
}

/** Changes a server through the simulator's control endpoint (e.g. `{ name: null }`). */
export async function patchServer(id: number, change: Record<string, unknown>): Promise<void> {
  await simFetch(`/__sim/servers/${id}`, { method: 'PATCH', ...jsonBody(change) });
}

/** Removes a server and its snapshots, as if it had been deleted elsewhere. */
export async function deleteServer(id: number): Promise<void> {
  await simFetch(`/__sim/servers/${id}`, { method: 'DELETE' });
}

/** Stops injecting faults. */
export async function clearFaults(): Promise<void> {
  await simFetch('/__sim/faults', { method: 'DELETE' });
  if (HOSTILE_WORLD) await setFaults(hostileFaults());
}

/** The /api/ requests the simulator has answered since its last reset. */
export async function apiRequests(): Promise<ApiRequest[]> {
  const response = await simFetch('/__sim/requests');
  return (await response.json()) as ApiRequest[];
}

/**
 * `test` with a page that fails the test on any `console.error` or uncaught error. Tests that
 * provoke errors on purpose (faults) list the texts they expect in `allowedConsoleErrors`.
 */
export const test = base.extend<{ allowedConsoleErrors: RegExp[]; failOnPageErrors: void }>({
  allowedConsoleErrors: [[], { option: true }],
  failOnPageErrors: [
    async ({ page, allowedConsoleErrors }, use) => {
      const errors: string[] = [];
      page.on('console', (message) => {
        if (message.type() !== 'error') return;
        const text = message.text();
        if (allowedConsoleErrors.some((allowed) => allowed.test(text))) return;
        if (HOSTILE_WORLD && /Failed to load resource: the server responded with a status of 502/.test(text)) return;
        const where = message.location();
        errors.push(`console.error: ${text} (${where.url}:${where.lineNumber})`);
      });
      page.on('pageerror', (error) => {
        errors.push(`pageerror: ${error.name}: ${error.message}`);
      });
      await use();
      expect(errors, 'the page logged errors').toEqual([]);
    },
    { auto: true },
  ],
});

/** Makes the page believe its tab went to the background (or came back). */
export async function setTabHidden(page: Page, hidden: boolean) {
  await page.evaluate((hidden) => {
    Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => (hidden ? 'hidden' : 'visible') });
    Object.defineProperty(document, 'hidden', { configurable: true, get: () => hidden });
    document.dispatchEvent(new Event('visibilitychange'));
  }, hidden);
}

export { expect };
