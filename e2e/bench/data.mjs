// The benchmark's API data, generated in memory from a seed, so that every run and both pages
// see the same servers and snapshots.
//
// `generate({ servers, perServer, seed, now })` builds an account of `servers` servers with
// `perServer` completed snapshots each (realistic names, sizes, dates and descriptions); the
// newest snapshot of the middle server is the one the benchmark turns from in_progress to
// completed (`flipId`). `docExample()` is the provider's doc page example: server 12345 with its
// two snapshots, exactly as the doc shows them.

const DAY = 86_400_000;

/** mulberry32: a small, fast, seeded PRNG; returns floats in [0, 1). */
function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ROLES = ['web', 'api', 'db', 'cache', 'worker', 'mail', 'ci', 'vpn', 'search', 'media', 'shop', 'git'];
const LOCATIONS = [
  ['fra1', 'Frankfurt, DE'],
  ['ams1', 'Amsterdam, NL'],
  ['lon1', 'London, UK'],
  ['nyc1', 'New York, US'],
  ['sfo1', 'San Francisco, US'],
  ['sgp1', 'Singapore, SG'],
  ['gru1', 'São Paulo, BR'],
];
const PLANS = [
  { id: 1, name: 'VPS-1', vcpus: 1, memory: 2048, storage: 40 },
  { id: 2, name: 'VPS-2', vcpus: 2, memory: 4096, storage: 80 },
  { id: 3, name: 'VPS-4', vcpus: 4, memory: 8192, storage: 160 },
  { id: 4, name: 'VPS-8', vcpus: 8, memory: 16384, storage: 320 },
];
const OSES = [
  { id: 12, name: 'Ubuntu 24.04 LTS' },
  { id: 11, name: 'Ubuntu 22.04 LTS' },
  { id: 14, name: 'Debian 12' },
  { id: 20, name: 'Rocky Linux 9' },
  { id: 30, name: 'Alpine Linux 3.20' },
];
const PACKAGES = ['php8.3', 'postgres16', 'nginx', 'kernel-6.8', 'node22', 'mysql8.4', 'redis7', 'openssl3'];
const DESCRIPTIONS = [
  'Before major migration',
  'Weekly snapshot',
  'Nightly automatic snapshot',
  'Before the kernel update',
  'Known good state after the release',
  'Before changing the firewall rules',
  'Clean install with the base configuration',
  'Before the database schema change',
];

const pick = (random, list) => list[Math.floor(random() * list.length)];
const iso = (ms) => new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
const day = (ms) => new Date(ms).toISOString().slice(0, 10);

function snapshotName(random, createdMs, index) {
  switch (Math.floor(random() * 5)) {
    case 0:
      return `nightly-${day(createdMs)}`;
    case 1:
      return `weekly-snapshot-${day(createdMs)}`;
    case 2:
      return `pre-upgrade-${pick(random, PACKAGES)}`;
    case 3:
      return `before-migration-${index + 1}`;
    default:
      return `manual_${day(createdMs).replaceAll('-', '')}_${index + 1}`;
  }
}

/** The description field as a real API mixes it: text, null, "" or missing. */
function description(random) {
  const roll = random();
  if (roll < 0.45) return { description: pick(random, DESCRIPTIONS) };
  if (roll < 0.75) return { description: null };
  if (roll < 0.9) return { description: '' };
  return {};
}

/**
 * An account of `servers` servers with `perServer` snapshots each. Dates are relative to `now`
 * (ms); the snapshot to flip is `flipId`, the newest of the middle server.
 */
export function generate({ servers: serverCount, perServer, seed = 11, now = Date.now() }) {
  const random = prng(seed);
  const servers = [];
  const snapshots = [];
  let snapshotId = 100_001;
  for (let i = 0; i < serverCount; i += 1) {
    const id = 20_001 + i;
    const role = ROLES[i % ROLES.length];
    const [loc, location] = pick(random, LOCATIONS);
    const name = `${role}-${loc}-${String(Math.floor(i / ROLES.length) + 1).padStart(3, '0')}`;
    const roll = random();
    const status = roll < 0.85 ? 'active' : roll < 0.97 ? 'stopped' : 'suspended';
    const createdMs = now - (400 + Math.floor(random() * 900)) * DAY;
    servers.push({
      id,
      name,
      hostname: `${name}.vps.example`,
      status,
      ip_address: `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`,
      location,
      plan: pick(random, PLANS),
      os: pick(random, OSES),
      created_at: iso(createdMs),
      updated_at: iso(now - Math.floor(random() * 30) * DAY),
    });
    // Distinct ages, newest first: 1 to 360 days ago.
    const ages = new Set();
    while (ages.size < perServer) ages.add(1 + Math.floor(random() * 360));
    const sorted = [...ages].sort((a, b) => a - b);
    sorted.forEach((age, k) => {
      const createdMs = now - age * DAY - Math.floor(random() * DAY);
      snapshots.push({
        id: snapshotId,
        server: { id, name },
        name: snapshotName(random, createdMs, k),
        status: 'completed',
        size_mb: 800 + Math.floor(random() * 120_000),
        created_at: iso(createdMs),
        ...description(random),
      });
      snapshotId += 1;
    });
  }
  const middle = servers[Math.floor(serverCount / 2)];
  const flip = snapshots.find((s) => s.server.id === middle.id);
  return { servers, snapshots, flipId: flip?.id ?? null, flipServerId: middle?.id ?? null };
}

/** The provider's doc page example: the two snapshots of web-server-01, as the doc lists them. */
export function docExample() {
  const server = { id: 12345, name: 'web-server-01' };
  return {
    servers: [
      {
        ...server,
        hostname: 'web-server-01.vps.example',
        status: 'active',
        ip_address: '192.0.2.10',
        location: 'Frankfurt, DE',
        plan: PLANS[1],
        os: OSES[0],
        created_at: '2024-03-01T09:00:00Z',
        updated_at: '2025-01-15T18:30:00Z',
      },
    ],
    snapshots: [
      {
        id: 801,
        server,
        name: 'pre-migration-snapshot',
        status: 'completed',
        size_mb: 5120,
        created_at: '2025-01-15T18:30:00Z',
        description: 'Before major migration',
      },
      {
        id: 798,
        server,
        name: 'weekly-snapshot-2025-01-08',
        status: 'completed',
        size_mb: 4856,
        created_at: '2025-01-08T12:00:00Z',
        description: 'Weekly snapshot',
      },
    ],
    flipId: null,
    flipServerId: null,
  };
}

export { iso };
