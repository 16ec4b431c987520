import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type TestApp } from '../helpers/app.js';
import { pgAvailable } from '../helpers/database.js';
import { gql } from '../helpers/graphql.js';

// /readyz, /metrics, request ids in every log line, and the decision log (issue 6, point 3).

const AUTHORIZE = `query($request: StoredAuthorizationRequestInput!) { authorize(org: "demo", request: $request) { decision version } }`;
const BATCH = `query($requests: [StoredAuthorizationRequestInput!]!) { authorizeBatch(org: "demo", requests: $requests) { index result { decision } error { code } } }`;
const SIMULATE = `query { simulate(request: { principal: "arn:aws:iam::111122223333:user/a", action: "s3:GetObject", resource: "*" }, policies: {}) { decision } }`;
const allowed = { principal: 'arn:aws:sts::111111111111:assumed-role/WebAppInstanceRole/i-0abc', action: 's3:GetObject', resource: 'arn:aws:s3:::demo-app-assets/public/logo.png' };
const denied = { ...allowed, resource: 'arn:aws:s3:::demo-app-assets/private/keys.txt' };
const unknown = { ...allowed, principal: 'arn:aws:iam::111111111111:user/nobody' };

let app: TestApp;
let stopped: Promise<void> | undefined;
const stopApp = () => (stopped ??= app.stop());
let dir: string;
const logLines: Record<string, unknown>[] = [];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'iam-decisions-'));
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n')) if (line) logLines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  app = await startApp({ demoSeed: true, decisionLog: join(dir, 'logs', 'decisions.jsonl') }, { logger: pino({ level: 'info' }, sink) });
});
afterAll(async () => {
  await stopApp();
  await rm(dir, { recursive: true, force: true });
});

const get = (path: string, headers: Record<string, string> = {}) => fetch(new URL(path, app.url), { headers });

describe('/readyz', () => {
  it('200 when the database answers and every migration is applied', async () => {
    const res = await get('/readyz');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ready' });
  });
});

describe('request ids', () => {
  it('honours a sane x-request-id, generates one otherwise, and returns it', async () => {
    expect((await get('/healthz', { 'x-request-id': 'trace-123' })).headers.get('x-request-id')).toBe('trace-123');
    expect((await get('/healthz', { 'x-request-id': 'bad id with spaces' })).headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect((await get('/healthz')).headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('reports the server\'s own time in Server-Timing on every answer', async () => {
    const graphql = await fetch(app.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ __typename }' }) });
    for (const res of [await get('/healthz'), graphql, await get('/nowhere')]) {
      const timing = res.headers.get('server-timing');
      expect(timing).toMatch(/^app;dur=\d+\.\d{3}$/);
      expect(Number(timing!.slice('app;dur='.length))).toBeGreaterThan(0);
    }
  });

  it('puts the request id in every log line of the request', async () => {
    const before = logLines.length;
    const res = await fetch(app.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': 'logged-42' },
      body: JSON.stringify({ query: AUTHORIZE, variables: { request: unknown } }),
    });
    await res.json();
    await new Promise((resolve) => setTimeout(resolve, 50));
    const lines = logLines.slice(before).filter((l) => JSON.stringify(l).includes('logged-42') || l['url'] === '/graphql');
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) expect(line['requestId']).toBe('logged-42');
  });
});

describe('/metrics', () => {
  beforeAll(async () => {
    for (const request of [allowed, allowed, denied, unknown]) await gql(app.url, AUTHORIZE, { request });
    await gql(app.url, BATCH, { requests: [allowed, denied, unknown] });
    await gql(app.url, SIMULATE);
    await fetch(new URL('/access/v1/evaluation', app.url), {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-iam-org': 'demo' },
      body: JSON.stringify({ subject: { type: 'p', id: allowed.principal }, action: { name: allowed.action }, resource: { type: 'r', id: allowed.resource } }),
    });
  });

  const scrape = async () => {
    const res = await get('/metrics');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    return res.text();
  };
  const value = (text: string, series: string): number => {
    const line = text.split('\n').find((l) => l.startsWith(`${series} `));
    return line === undefined ? Number.NaN : Number(line.slice(series.length + 1));
  };

  it('counts decisions by operation and outcome, and refused requests by code', async () => {
    const text = await scrape();
    expect(value(text, 'iam_decisions_total{operation="authorize",decision="ALLOW"}')).toBeGreaterThanOrEqual(2);
    expect(value(text, 'iam_decisions_total{operation="authorize",decision="IMPLICIT_DENY"}')).toBeGreaterThanOrEqual(1);
    expect(value(text, 'iam_decisions_total{operation="authorizeBatch",decision="ALLOW"}')).toBeGreaterThanOrEqual(1);
    expect(value(text, 'iam_decisions_total{operation="simulate",decision="IMPLICIT_DENY"}')).toBeGreaterThanOrEqual(1);
    expect(value(text, 'iam_decisions_total{operation="authzen",decision="ALLOW"}')).toBe(1);
    expect(value(text, 'iam_decision_errors_total{operation="authorize",code="NOT_FOUND"}')).toBeGreaterThanOrEqual(1);
    expect(value(text, 'iam_decision_errors_total{operation="authorizeBatch",code="NOT_FOUND"}')).toBeGreaterThanOrEqual(1);
  });

  it('has latency histograms per GraphQL operation and per route', async () => {
    const text = await scrape();
    expect(value(text, 'iam_graphql_operation_duration_seconds_count{operation="authorize",type="query",result="ok"}')).toBeGreaterThanOrEqual(3);
    expect(text).toMatch(/^iam_graphql_operation_duration_seconds_bucket\{le="0\.005",operation="authorizeBatch",type="query",result="ok"\} \d+$/m);
    expect(value(text, 'iam_http_request_duration_seconds_count{route="/access/v1/evaluation",method="POST",status="200"}')).toBe(1);
  });

  it('reports cache hit ratios, Redis state, the database pool and process metrics', async () => {
    const text = await scrape();
    expect(value(text, 'iam_cache_hit_ratio{cache="principals"}')).toBeGreaterThan(0);
    expect(value(text, 'iam_cache_lookups_total{cache="policies",result="miss"}')).toBeGreaterThan(0);
    expect(value(text, 'iam_redis_state{state="configured"}')).toBe(0);
    if (pgAvailable()) expect(value(text, 'iam_db_pool_connections{state="total"}')).toBeGreaterThan(0);
    expect(text).toMatch(/^process_cpu_user_seconds_total \d/m);
    expect(text).toMatch(/^nodejs_heap_size_used_bytes \d/m);
  });
});

describe('decision log (DECISION_LOG=<file>)', () => {
  it('writes one record per decision with the request id; batch items share a batch id', async () => {
    const send = (body: unknown, requestId: string) =>
      fetch(app.url, { method: 'POST', headers: { 'content-type': 'application/json', 'x-request-id': requestId }, body: JSON.stringify(body) }).then((r) => r.json());
    await send({ query: AUTHORIZE, variables: { request: denied } }, 'log-single');
    await send({ query: BATCH, variables: { requests: [allowed, unknown] } }, 'log-batch');
    await stopApp(); // flushes and closes the file
    const records = (await readFile(join(dir, 'logs', 'decisions.jsonl'), 'utf8')).trim().split('\n').map((l) => JSON.parse(l) as Record<string, any>);
    const single = records.filter((r) => r['requestId'] === 'log-single');
    expect(single).toEqual([expect.objectContaining({
      source: 'graphql', operation: 'authorize', org: 'demo', version: expect.any(Number), request: denied,
      decision: 'IMPLICIT_DENY', blockedBy: ['IDENTITY'], decisiveStatements: [], time: expect.any(String),
    })]);
    const batch = records.filter((r) => r['requestId'] === 'log-batch');
    expect(batch).toHaveLength(2);
    expect(batch[0]).toMatchObject({ operation: 'authorizeBatch', index: 0, decision: 'ALLOW', decisiveStatements: expect.arrayContaining([expect.objectContaining({ sid: 'ReadPublicAssets' })]) });
    expect(batch[1]).toMatchObject({ operation: 'authorizeBatch', index: 1, decision: null, error: { code: 'NOT_FOUND' } });
    expect(batch[0]!['batchId']).toEqual(expect.any(String));
    expect(batch[1]!['batchId']).toBe(batch[0]!['batchId']);
    expect(records.some((r) => r['source'] === 'authzen' && r['decision'] === 'ALLOW')).toBe(true);
    expect(records.some((r) => r['operation'] === 'simulate' && r['org'] === null)).toBe(true);
    // Every record names its HTTP request (GraphQL and AuthZEN alike).
    expect(records.filter((r) => typeof r['requestId'] !== 'string' || r['requestId'] === '')).toEqual([]);
  });
});
