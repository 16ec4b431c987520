/**
 * The production path: `npm run build` compiles src/ to plain JavaScript (tsconfig.build.json), and
 * `npm start` (and the Docker image) run dist/src/server/main.js with plain node, no tsx. This test
 * builds, starts that file in its own process on embedded PGlite (a throw-away DATA_DIR, no Postgres
 * or Redis, as the quick start does), asks it a question of the demo organization, and stops it.
 * Everything else tests the TypeScript sources; this is what catches a compiled-only failure
 * (decorator emit, paths resolved from the module's location).
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const MAIN = 'dist/src/server/main.js';

describe('the compiled server (npm run build, then node dist/src/server/main.js)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'iam-build-'));
  let server: ReturnType<typeof spawn> | undefined;
  let url = '';
  const stderr: string[] = [];

  beforeAll(async () => {
    const build = spawnSync('npm', ['run', 'build'], { cwd: ROOT, encoding: 'utf8' });
    expect(build.status, `${build.stdout}\n${build.stderr}`).toBe(0);
    // Only what the quick start sets: no DATABASE_URL or REDIS_URL, so PGlite and the in-process cache.
    const { DATABASE_URL: _db, REDIS_URL: _redis, NODE_OPTIONS: _opts, ...env } = process.env;
    server = spawn(process.execPath, [MAIN], {
      cwd: ROOT, env: { ...env, AUTH_MODE: 'off', PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'info' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    server.stderr!.on('data', (chunk: Buffer) => stderr.push(chunk.toString()));
    for await (const line of createInterface({ input: server.stdout! })) {
      const entry = JSON.parse(line) as { msg?: string; url?: string };
      if (entry.msg?.startsWith('serving ')) {
        url = entry.url!;
        break;
      }
    }
    server.stdout!.resume(); // keep draining the log, so the server never blocks writing it
    expect(url, stderr.join('')).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/graphql$/);
  }, 120_000);

  afterAll(() => {
    if (server && server.exitCode === null) server.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('is ready, and decides a request of the demo organization it seeded', async () => {
    expect((await fetch(new URL('/readyz', url))).status).toBe(200);
    const response = await fetch(url, {
      method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query: 'query($request: StoredAuthorizationRequestInput!) { authorize(org: "demo", request: $request) { decision decisiveStatements { layer sid } } }',
        variables: { request: { principal: 'arn:aws:sts::111111111111:assumed-role/WebAppInstanceRole/i-0abc', action: 's3:GetObject', resource: 'arn:aws:s3:::demo-app-assets/public/logo.png' } },
      }),
    });
    const answer = (await response.json()) as { data: { authorize: { decision: string; decisiveStatements: { layer: string; sid: string | null }[] } } };
    expect(answer.data.authorize.decision).toBe('ALLOW');
    expect(answer.data.authorize.decisiveStatements).toContainEqual({ layer: 'IDENTITY', sid: 'ReadPublicAssets' });
  });

  it('exits cleanly on SIGTERM', async () => {
    server!.kill('SIGTERM');
    const [code] = await once(server!, 'exit');
    expect(code, stderr.join('')).toBe(0);
  }, 30_000);
});
