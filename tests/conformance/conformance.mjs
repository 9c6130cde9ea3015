// Drives every endpoint of airbyte-cloud-emulator through Prism validating proxies built from the
// official Airbyte contracts, and fails on any request or response that violates them.
//
//   node conformance.mjs EMULATOR_BINARY SPECS_DIR PRISM_BINARY
//
// Prism (--errors) answers a response violation with a problem+json 500 and marks any violation,
// warnings included, with an `sl-violations` header and a "Violation:" log line; all three count.
// A second, deliberately non-conformant emulator (--quirks config-without-discriminator) checks
// that this test notices violations at all.

import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, existsSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const [emulatorBinary, specsDir, prismBinary] = process.argv.slice(2);
if (!emulatorBinary || !specsDir || !prismBinary) {
  console.error('usage: node conformance.mjs EMULATOR_BINARY SPECS_DIR PRISM_BINARY');
  process.exit(2);
}

const scratch = mkdtempSync(join(tmpdir(), 'abc-conformance-'));
const children = [];
const violations = [];
const covered = new Set();

function stopAll() {
  for (const child of children) {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
  }
}
process.on('exit', () => {
  stopAll();
  rmSync(scratch, { recursive: true, force: true });
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => process.exit(1));

// server-api.yaml as published does not load in Prism (it references a schema it does not
// define, DataplaneCreateResponseBody). The token endpoint is the only part needed from it, so
// the test derives, in its scratch folder, a document with just that operation, /health, and the
// schemas they reference: the contract text itself is unchanged.
function tokenOnlySpec(serverSpecPath) {
  const yaml = createRequire(import.meta.url)('js-yaml');
  const full = yaml.safeLoad(readFileSync(serverSpecPath, 'utf8'));
  const paths = { '/health': full.paths['/health'], '/applications/token': full.paths['/applications/token'] };
  const schemas = {};
  const collect = (node) => {
    if (Array.isArray(node)) return node.forEach(collect);
    if (!node || typeof node !== 'object') return;
    for (const [key, value] of Object.entries(node)) {
      if (key === '$ref' && typeof value === 'string' && value.startsWith('#/components/schemas/')) {
        const name = value.slice('#/components/schemas/'.length);
        if (!schemas[name]) {
          schemas[name] = full.components.schemas[name];
          collect(schemas[name]);
        }
      } else {
        collect(value);
      }
    }
  };
  collect(paths);
  const trimmed = { openapi: full.openapi, info: full.info, servers: full.servers, paths, components: { schemas } };
  const file = join(scratch, 'server-api-token.json');
  writeFileSync(file, JSON.stringify(trimmed));
  return file;
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function startEmulator(name, extraArgs = []) {
  const readyFile = join(scratch, `${name}.ready`);
  const child = spawn(emulatorBinary, ['--port', '0', '--quiet', '--ready-file', readyFile, ...extraArgs], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  children.push(child);
  for (let waited = 0; waited < 10000; waited += 20) {
    if (existsSync(readyFile)) return JSON.parse(readFileSync(readyFile, 'utf8'));
    if (child.exitCode !== null) throw new Error(`emulator ${name} exited with ${child.exitCode}`);
    await sleep(20);
  }
  throw new Error(`emulator ${name} wrote no ready file`);
}

function startPrism(name, spec, upstream, port) {
  const log = [];
  const child = spawn(prismBinary, ['proxy', '--errors', spec, upstream, '--host', '127.0.0.1', '--port', String(port)], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  for (const stream of [child.stdout, child.stderr]) {
    stream.setEncoding('utf8');
    stream.on('data', (chunk) => log.push(chunk));
  }
  return { name, url: `http://127.0.0.1:${port}`, child, log };
}

async function waitForPrism(prism) {
  // Loading api_sdk.yaml takes several seconds; poll until the proxy answers.
  for (let waited = 0; waited < 120000; waited += 250) {
    if (prism.child.exitCode !== null) throw new Error(`prism ${prism.name} exited:\n${prism.log.join('')}`);
    try {
      const response = await fetch(`${prism.url}/health`);
      if (response.status === 200) return;
    } catch {
      // not listening yet
    }
    await sleep(250);
  }
  throw new Error(`prism ${prism.name} did not become ready:\n${prism.log.join('')}`);
}

// One call through a proxy. Records violations; returns {status, body, text}.
async function call(prism, method, path, { body, form, token, expect = [200], operation } = {}) {
  const headers = { Accept: 'application/json' };
  if (token) headers.Authorization = `Bearer ${token}`;
  let payload;
  if (form) {
    headers['Content-Type'] = 'application/x-www-form-urlencoded';
    payload = new URLSearchParams(form).toString();
  } else if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
    payload = JSON.stringify(body);
  }
  const response = await fetch(`${prism.url}${path}`, { method, headers, body: payload });
  const text = await response.text();
  let parsed;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    parsed = undefined;
  }
  const label = `${prism.name}: ${method} ${path}`;
  covered.add(operation ?? `${method} ${path.replace(/\?.*$/, '')}`);
  const header = response.headers.get('sl-violations');
  if (header) violations.push(`${label} -> sl-violations ${header}`);
  const contentType = response.headers.get('content-type') || '';
  if (contentType.includes('problem+json') && text.includes('stoplight.io/prism')) {
    violations.push(`${label} -> prism error ${response.status} ${text}`);
  }
  if (!expect.includes(response.status)) {
    violations.push(`${label} -> unexpected status ${response.status} (wanted ${expect.join('/')}): ${text}`);
  }
  return { status: response.status, body: parsed, text };
}

async function admin(emulator, method, path, body) {
  const response = await fetch(`${emulator.url}${path}`, {
    method,
    headers: { 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (response.status >= 300) throw new Error(`admin ${method} ${path} -> ${response.status} ${await response.text()}`);
  const text = await response.text();
  return text ? JSON.parse(text) : undefined;
}

async function waitForJob(api, token, jobId, wanted) {
  for (let waited = 0; waited < 20000; waited += 50) {
    const { body } = await call(api, 'GET', `/jobs/${jobId}`, { token, operation: 'GET /jobs/{jobId}' });
    if (body && wanted.includes(body.status)) return body;
    await sleep(50);
  }
  throw new Error(`job ${jobId} never reached ${wanted.join('/')}`);
}

function check(condition, message) {
  if (!condition) violations.push(`assertion: ${message}`);
}

// A whole Postgres destination configuration (the spec's oneOf needs one even in a PATCH).
function postgresConfiguration(port, password) {
  return {
    destinationType: 'postgres',
    host: '127.0.0.1',
    port,
    database: 'postgres',
    schema: 'public',
    username: 'postgres',
    password,
  };
}

async function driveEveryEndpoint(api, tokens, emulator) {
  const key = emulator.apiKey;
  const workspaceId = emulator.workspaceId;

  // Health and token exchange (the token endpoint is only in server-api.yaml).
  await call(api, 'GET', '/health', { operation: 'GET /health' });
  const jsonToken = await call(tokens, 'POST', '/applications/token', {
    body: { client_id: emulator.clientId, client_secret: emulator.clientSecret, grant_type: 'client_credentials' },
  });
  // Not driven through Prism: the form-encoded variant. server-api.yaml requires grant_type but
  // declares the property as grant-type, and Prism decodes form bodies by declared properties only,
  // so no form-encoded request can ever validate. tests/emulator covers it against the emulator.
  const bearer = jsonToken.body?.access_token;
  check(typeof bearer === 'string' && bearer.length > 0, 'token endpoint returns an access_token');

  // Workspaces.
  await call(api, 'GET', '/workspaces', { token: bearer });
  await call(api, 'GET', `/workspaces?workspaceIds=${workspaceId}&includeDeleted=false&limit=1&offset=0`, {
    token: key,
  });
  const workspace = await call(api, 'POST', '/workspaces', {
    token: key,
    body: { name: 'conformance', notifications: { failure: { email: { enabled: true } } } },
  });
  const newWorkspace = workspace.body?.workspaceId;
  await call(api, 'GET', `/workspaces/${newWorkspace}`, { token: key, operation: 'GET /workspaces/{workspaceId}' });
  await call(api, 'PATCH', `/workspaces/${newWorkspace}`, {
    token: key,
    body: { name: 'conformance renamed' },
    operation: 'PATCH /workspaces/{workspaceId}',
  });
  await call(api, 'DELETE', `/workspaces/${newWorkspace}`, {
    token: key,
    expect: [204],
    operation: 'DELETE /workspaces/{workspaceId}',
  });

  // Sources.
  const source = await call(api, 'POST', '/sources', {
    token: key,
    body: { name: 'faker', workspaceId, configuration: { sourceType: 'faker', count: 25, seed: 3 } },
  });
  const sourceId = source.body?.sourceId;
  await call(api, 'GET', `/sources/${sourceId}`, { token: key, operation: 'GET /sources/{sourceId}' });
  await call(api, 'GET', `/sources/${sourceId}?includeSecretCoordinates=false`, {
    token: key,
    operation: 'GET /sources/{sourceId}',
  });
  await call(api, 'GET', '/sources', { token: key });
  await call(api, 'GET', `/sources?workspaceIds=${workspaceId}&limit=5&offset=0`, { token: key });
  await call(api, 'PATCH', `/sources/${sourceId}`, {
    token: key,
    body: { name: 'faker patched', configuration: { sourceType: 'faker', count: 30 } },
    operation: 'PATCH /sources/{sourceId}',
  });
  await call(api, 'PUT', `/sources/${sourceId}`, {
    token: key,
    body: { name: 'faker put', configuration: { sourceType: 'faker', count: 20, seed: 3 } },
    operation: 'PUT /sources/{sourceId}',
  });
  await call(api, 'GET', '/sources/00000000-0000-4000-8000-000000000000', {
    token: key,
    expect: [404],
    operation: 'GET /sources/{sourceId} (404)',
  });
  const spare = await call(api, 'POST', '/sources', {
    token: key,
    body: { name: 'spare', workspaceId, configuration: { sourceType: 'faker' } },
  });
  await call(api, 'DELETE', `/sources/${spare.body?.sourceId}`, {
    token: key,
    expect: [204],
    operation: 'DELETE /sources/{sourceId}',
  });

  // Destinations: one that gets no data, one Postgres with secrets to mask.
  const devNull = await call(api, 'POST', '/destinations', {
    token: key,
    body: {
      name: 'dev-null',
      workspaceId,
      configuration: { destinationType: 'dev-null', test_destination: { test_destination_type: 'SILENT' } },
    },
  });
  const destinationId = devNull.body?.destinationId;
  const postgres = await call(api, 'POST', '/destinations', {
    token: key,
    body: {
      name: 'postgres',
      workspaceId,
      configuration: {
        ...postgresConfiguration(5432, 'hunter2'),
        ssl_mode: { mode: 'disable' },
        tunnel_method: { tunnel_method: 'NO_TUNNEL' },
      },
    },
  });
  check(postgres.body?.configuration?.password === '**********', 'destination password is masked on create');
  const postgresId = postgres.body?.destinationId;
  const fetched = await call(api, 'GET', `/destinations/${postgresId}`, {
    token: key,
    operation: 'GET /destinations/{destinationId}',
  });
  check(fetched.body?.configuration?.password === '**********', 'destination password is masked on get');
  check(!fetched.text.includes('hunter2'), 'the password never appears in a response');
  await call(api, 'GET', '/destinations', { token: key });
  await call(api, 'GET', `/destinations?workspaceIds=${workspaceId}&includeDeleted=true&limit=100`, { token: key });
  // The spec's DestinationConfiguration oneOf needs whole configurations, even in a PATCH; the
  // masked password sent back keeps the stored one.
  const patched = await call(api, 'PATCH', `/destinations/${postgresId}`, {
    token: key,
    body: {
      name: 'postgres patched',
      configuration: postgresConfiguration(5433, '**********'),
    },
    operation: 'PATCH /destinations/{destinationId}',
  });
  check(patched.body?.configuration?.port === 5433, 'PATCH updates the configuration');
  await call(api, 'PUT', `/destinations/${postgresId}`, {
    token: key,
    body: {
      name: 'postgres put',
      configuration: postgresConfiguration(5432, '**********'),
    },
    operation: 'PUT /destinations/{destinationId}',
  });

  // Connections and streams.
  await call(api, 'GET', `/streams?sourceId=${sourceId}`, { token: key });
  await call(api, 'GET', `/streams?sourceId=${sourceId}&destinationId=${destinationId}&ignoreCache=true`, {
    token: key,
  });
  const connection = await call(api, 'POST', '/connections', {
    token: key,
    body: {
      name: 'conformance',
      sourceId,
      destinationId,
      configurations: {
        streams: [
          { name: 'users', syncMode: 'full_refresh_overwrite' },
          { name: 'purchases', syncMode: 'incremental_append', cursorField: ['updated_at'] },
        ],
      },
      schedule: { scheduleType: 'manual' },
      namespaceDefinition: 'destination',
      prefix: 'conf_',
      nonBreakingSchemaUpdatesBehavior: 'ignore',
      status: 'active',
    },
  });
  const connectionId = connection.body?.connectionId;
  const defaults = await call(api, 'POST', '/connections', {
    token: key,
    body: { sourceId, destinationId: postgresId },
  });
  await call(api, 'GET', `/connections/${connectionId}`, { token: key, operation: 'GET /connections/{connectionId}' });
  await call(api, 'GET', '/connections', { token: key });
  await call(api, 'GET', `/connections?workspaceIds=${workspaceId}&includeDeleted=false&limit=10&offset=0`, {
    token: key,
  });
  await call(api, 'PATCH', `/connections/${connectionId}`, {
    token: key,
    body: { name: 'conformance patched', schedule: { scheduleType: 'cron', cronExpression: '0 0 * * * ?' } },
    operation: 'PATCH /connections/{connectionId}',
  });
  await call(api, 'DELETE', `/connections/${defaults.body?.connectionId}`, {
    token: key,
    expect: [204],
    operation: 'DELETE /connections/{connectionId}',
  });

  // Jobs: a sync that succeeds, one that keeps running and is cancelled, reset and clear.
  await admin(emulator, 'POST', `/_emulator/connections/${connectionId}/behaviour`, {
    outcome: 'succeeded',
    durationMs: 300,
  });
  const sync = await call(api, 'POST', '/jobs', { token: key, body: { connectionId, jobType: 'sync' } });
  const syncId = sync.body?.jobId;
  await call(api, 'GET', `/jobs/${syncId}`, { token: bearer, operation: 'GET /jobs/{jobId}' });
  const done = await waitForJob(api, key, syncId, ['succeeded']);
  check(typeof done.lastUpdatedAt === 'string' && typeof done.duration === 'string', 'final job has times');
  for (const jobType of ['reset', 'clear']) {
    const job = await call(api, 'POST', '/jobs', { token: key, body: { connectionId, jobType } });
    await waitForJob(api, key, job.body?.jobId, ['succeeded']);
  }
  await admin(emulator, 'POST', `/_emulator/connections/${connectionId}/behaviour`, { outcome: 'running' });
  const forever = await call(api, 'POST', '/jobs', { token: key, body: { connectionId, jobType: 'sync' } });
  await waitForJob(api, key, forever.body?.jobId, ['running']);
  const cancelled = await call(api, 'DELETE', `/jobs/${forever.body?.jobId}`, {
    token: key,
    operation: 'DELETE /jobs/{jobId}',
  });
  check(cancelled.body?.status === 'cancelled', 'DELETE /jobs/{id} cancels');
  await call(api, 'GET', '/jobs/987654321', { token: key, expect: [404], operation: 'GET /jobs/{jobId} (404)' });

  await call(api, 'GET', '/jobs', { token: key });
  const firstPage = await call(api, 'GET', `/jobs?connectionId=${connectionId}&limit=1&offset=0`, { token: key });
  check(firstPage.body?.data?.length === 1 && firstPage.body?.next?.includes('offset=1'), 'jobs paginate');
  await call(api, 'GET', `/jobs?connectionId=${connectionId}&jobType=sync&status=succeeded&orderBy=createdAt|DESC`, {
    token: key,
  });
  await call(api, 'GET', `/jobs?workspaceIds=${workspaceId}&orderBy=updatedAt|ASC&limit=100&offset=0`, { token: key });
  await call(
    api,
    'GET',
    '/jobs?createdAtStart=2020-01-01T00:00:00Z&createdAtEnd=2100-01-01T00:00:00Z' +
      '&updatedAtStart=2020-01-01T00:00:00Z&updatedAtEnd=2100-01-01T00:00:00Z',
    { token: key },
  );
  await call(api, 'GET', `/jobs?connectionId=${connectionId}&offset=1000`, { token: key });

  // Deleting what is left.
  await call(api, 'DELETE', `/destinations/${postgresId}`, {
    token: key,
    expect: [204],
    operation: 'DELETE /destinations/{destinationId}',
  });
}

async function main() {
  const [emulator, quirky] = await Promise.all([
    startEmulator('conformant'),
    startEmulator('quirky', ['--quirks', 'config-without-discriminator']),
  ]);
  const [apiPort, tokenPort, quirkPort] = [await freePort(), await freePort(), await freePort()];
  const spec = join(specsDir, 'airbyte', 'api_sdk.yaml');
  const serverSpec = tokenOnlySpec(join(specsDir, 'airbyte', 'server-api.yaml'));
  const api = startPrism('api_sdk.yaml', spec, `${emulator.url}/v1`, apiPort);
  const tokens = startPrism('server-api.yaml (token endpoint)', serverSpec, `${emulator.url}/v1`, tokenPort);
  const quirkProxy = startPrism('api_sdk.yaml (quirky emulator)', spec, `${quirky.url}/v1`, quirkPort);
  await Promise.all([waitForPrism(api), waitForPrism(tokens), waitForPrism(quirkProxy)]);

  await driveEveryEndpoint(api, tokens, emulator);

  // The self-check: the real server's missing discriminator must be caught. (A faker source
  // configuration without sourceType happens to match another member of the source oneOf, so
  // the check uses a Postgres destination.)
  const quirkDestination = await fetch(`${quirkProxy.url}/destinations`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${quirky.apiKey}` },
    body: JSON.stringify({
      name: 'q',
      workspaceId: quirky.workspaceId,
      configuration: {
        destinationType: 'postgres', host: 'h', port: 5432, database: 'd', schema: 'public', username: 'u',
      },
    }),
  });
  const caught = quirkDestination.headers.get('sl-violations') || (await quirkDestination.text()).includes('validation');
  if (!caught) violations.push('self-check: Prism did not flag a configuration without its destinationType discriminator');

  await sleep(300);  // let Prism flush its last log lines
  for (const prism of [api, tokens]) {
    for (const line of prism.log.join('').split('\n')) {
      if (/Violation/.test(line)) violations.push(`${prism.name} log: ${line.trim()}`);
    }
  }

  const required = [
    'GET /health', 'POST /applications/token',
    'GET /workspaces', 'POST /workspaces', 'GET /workspaces/{workspaceId}', 'PATCH /workspaces/{workspaceId}',
    'DELETE /workspaces/{workspaceId}', 'GET /sources', 'POST /sources', 'GET /sources/{sourceId}',
    'PATCH /sources/{sourceId}', 'PUT /sources/{sourceId}', 'DELETE /sources/{sourceId}', 'GET /destinations',
    'POST /destinations', 'GET /destinations/{destinationId}', 'PATCH /destinations/{destinationId}',
    'PUT /destinations/{destinationId}', 'DELETE /destinations/{destinationId}', 'GET /connections',
    'POST /connections', 'GET /connections/{connectionId}', 'PATCH /connections/{connectionId}',
    'DELETE /connections/{connectionId}', 'GET /jobs', 'POST /jobs', 'GET /jobs/{jobId}', 'DELETE /jobs/{jobId}',
    'GET /streams',
  ];
  const missing = required.filter((operation) => !covered.has(operation));
  if (missing.length > 0) violations.push(`operations not covered: ${missing.join(', ')}`);

  console.log(`conformance: ${covered.size} operations driven through Prism (${[...covered].sort().join('; ')})`);
  if (violations.length > 0) {
    console.log(`conformance: ${violations.length} violation(s):`);
    for (const violation of violations) console.log(`  - ${violation}`);
    process.exitCode = 1;
  } else {
    console.log('conformance: zero violations');
  }
}

main()
  .catch((error) => {
    console.error(`conformance: ${error.stack || error}`);
    process.exitCode = 1;
  })
  .finally(stopAll);
