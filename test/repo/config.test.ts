import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CONFIG_ENV_KEYS, ConfigError, loadConfig } from '../../src/server/config.js';

/** Authentication off, so that the other defaults can be read without credentials. */
const OFF = { AUTH_MODE: 'off' } as const;

describe('loadConfig', () => {
  it('applies the defaults to an environment that only switches authentication off', () => {
    expect(loadConfig(OFF)).toEqual({
      authMode: 'off',
      port: 4000,
      host: '0.0.0.0',
      logLevel: 'info',
      dataDir: './data',
      batchMax: 1000,
      bodyLimitBytes: 1024 * 1024,
      demoSeed: true,
      cachePrincipals: 10_000,
      cacheResources: 10_000,
      cachePolicies: 50_000,
      cacheDecisions: 50_000,
      cacheKeyPrefix: 'iam:',
      nodeEnv: 'development',
      requestTimeoutMs: 10_000,
      graphqlIntrospection: true,
      graphqlMaxDepth: 12,
      graphqlMaxCost: 50_000,
      graphqlMaxAliases: 15,
      graphqlMaxTokens: 5000,
      graphqlExecutor: 'graphql-jit',
      decisionLog: 'off',
    });
  });

  it('reads every variable', () => {
    const config = loadConfig({
      PORT: '8080',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'debug',
      DATABASE_URL: 'postgres://u@db:5432/iam',
      DATA_DIR: '/var/lib/iam',
      REDIS_URL: 'redis://cache:6379',
      BATCH_MAX: '50',
      BODY_LIMIT_BYTES: '2048',
      DEMO_SEED: 'false',
      CACHE_PRINCIPALS: '500',
      CACHE_RESOURCES: '600',
      CACHE_POLICIES: '700',
      CACHE_DECISIONS: '800',
      CACHE_KEY_PREFIX: 'iam:staging:',
      NODE_ENV: 'production',
      REQUEST_TIMEOUT_MS: '2500',
      GRAPHQL_INTROSPECTION: 'true',
      GRAPHQL_MAX_DEPTH: '8',
      GRAPHQL_MAX_COST: '900',
      GRAPHQL_MAX_ALIASES: '3',
      GRAPHQL_MAX_TOKENS: '400',
      GRAPHQL_EXECUTOR: 'graphql-js',
      DECISION_LOG: '/var/log/iam/decisions.jsonl',
      AUTHZEN_DEFAULT_ORG: 'acme',
      AUTH_MODE: 'on',
      ADMIN_API_KEY: 'a'.repeat(40),
      JWT_SECRET: 's'.repeat(32),
      JWT_JWKS_URL: 'https://idp.example/.well-known/jwks.json',
      JWT_ISSUER: 'https://idp.example',
      JWT_AUDIENCE: 'iam-decisions',
    });
    expect(config).toEqual({
      authMode: 'on',
      adminApiKey: 'a'.repeat(40),
      jwtSecret: 's'.repeat(32),
      jwtJwksUrl: 'https://idp.example/.well-known/jwks.json',
      jwtIssuer: 'https://idp.example',
      jwtAudience: 'iam-decisions',
      port: 8080,
      host: '127.0.0.1',
      logLevel: 'debug',
      databaseUrl: 'postgres://u@db:5432/iam',
      dataDir: '/var/lib/iam',
      redisUrl: 'redis://cache:6379',
      batchMax: 50,
      bodyLimitBytes: 2048,
      demoSeed: false,
      cachePrincipals: 500,
      cacheResources: 600,
      cachePolicies: 700,
      cacheDecisions: 800,
      cacheKeyPrefix: 'iam:staging:',
      nodeEnv: 'production',
      requestTimeoutMs: 2500,
      graphqlIntrospection: true,
      graphqlMaxDepth: 8,
      graphqlMaxCost: 900,
      graphqlMaxAliases: 3,
      graphqlMaxTokens: 400,
      graphqlExecutor: 'graphql-js',
      decisionLog: '/var/log/iam/decisions.jsonl',
      authzenDefaultOrg: 'acme',
    });
  });

  it.each([
    [{}, true],
    [{ NODE_ENV: 'production' }, false],
    [{ NODE_ENV: 'production', GRAPHQL_INTROSPECTION: 'true' }, true],
    [{ NODE_ENV: 'test', GRAPHQL_INTROSPECTION: 'false' }, false],
  ])('introspection for %j → %s', (env, want) => {
    expect(loadConfig({ ...OFF, ...env }).graphqlIntrospection).toBe(want);
  });

  it('returns a frozen object', () => {
    const config = loadConfig(OFF);
    expect(Object.isFrozen(config)).toBe(true);
    expect(() => {
      (config as { port: number }).port = 1;
    }).toThrow(TypeError);
  });

  it('treats blank variables as unset', () => {
    expect(loadConfig({ ...OFF, PORT: '', DATABASE_URL: '  ' })).toMatchObject({ port: 4000 });
    expect(loadConfig({ ...OFF, DATABASE_URL: '' })).not.toHaveProperty('databaseUrl');
  });

  it('lets explicit values win over the environment', () => {
    expect(loadConfig({ ...OFF, PORT: '8080' }, { port: 0 }).port).toBe(0);
  });

  it('ignores variables it does not own', () => {
    expect(loadConfig({ ...OFF, PATH: '/bin', TERM: 'xterm' })).toEqual(loadConfig(OFF));
  });

  it('refuses to start with authentication on and no way in', () => {
    expect(() => loadConfig({})).toThrow(/AUTH_MODE=on needs a way in: ADMIN_API_KEY, JWT_SECRET or JWT_JWKS_URL/);
    expect(loadConfig({ ADMIN_API_KEY: 'k'.repeat(32) })).toMatchObject({ authMode: 'on' });
    expect(loadConfig({ JWT_JWKS_URL: 'https://idp.example/jwks' })).toMatchObject({ authMode: 'on' });
  });

  it('lists every bad variable in one error', () => {
    const bad = {
      PORT: 'eighty',
      LOG_LEVEL: 'loud',
      DATABASE_URL: 'mysql://x',
      REDIS_URL: 'not a url',
      BATCH_MAX: '0',
      BODY_LIMIT_BYTES: '1.5',
      DEMO_SEED: 'yes',
      CACHE_PRINCIPALS: '0',
      CACHE_RESOURCES: 'many',
      CACHE_POLICIES: '-1',
      CACHE_DECISIONS: 'lots',
      GRAPHQL_EXECUTOR: 'fast',
      CACHE_KEY_PREFIX: 'has spaces',
      REQUEST_TIMEOUT_MS: '5',
      GRAPHQL_INTROSPECTION: 'maybe',
      GRAPHQL_MAX_DEPTH: '0',
      AUTHZEN_DEFAULT_ORG: 'Not A Slug',
      AUTH_MODE: 'maybe',
      ADMIN_API_KEY: 'short',
      JWT_SECRET: 'short',
      JWT_JWKS_URL: 'ftp://x',
    };
    let error: unknown;
    try {
      loadConfig(bad);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems;
    for (const key of Object.keys(bad)) expect(problems.some((p) => p.startsWith(`${key}:`)), key).toBe(true);
    expect(problems).toHaveLength(Object.keys(bad).length);
    expect((error as Error).message).toContain('PORT');
  });

  it.each([
    ['PORT', '-1'],
    ['PORT', '65536'],
    ['BATCH_MAX', '-5'],
    ['BODY_LIMIT_BYTES', '10'],
    ['CACHE_POLICIES', '2.5'],
    ['CACHE_DECISIONS', '-1'],
    ['CACHE_KEY_PREFIX', 'a/b'],
  ])('rejects %s=%s', (key, value) => {
    expect(() => loadConfig({ ...OFF, [key]: value })).toThrow(ConfigError);
  });

  it('exports the env keys it reads', () => {
    expect([...CONFIG_ENV_KEYS].sort()).toEqual(
      [
        'BATCH_MAX', 'BODY_LIMIT_BYTES', 'DATABASE_URL', 'DATA_DIR', 'DEMO_SEED', 'HOST', 'LOG_LEVEL', 'PORT', 'REDIS_URL',
        'CACHE_PRINCIPALS', 'CACHE_RESOURCES', 'CACHE_POLICIES', 'CACHE_DECISIONS', 'CACHE_KEY_PREFIX', 'NODE_ENV', 'REQUEST_TIMEOUT_MS',
        'GRAPHQL_INTROSPECTION', 'GRAPHQL_MAX_DEPTH', 'GRAPHQL_MAX_COST', 'GRAPHQL_MAX_ALIASES', 'GRAPHQL_MAX_TOKENS', 'GRAPHQL_EXECUTOR',
        'DECISION_LOG', 'AUTHZEN_DEFAULT_ORG', 'AUTH_MODE', 'ADMIN_API_KEY', 'JWT_SECRET', 'JWT_JWKS_URL', 'JWT_ISSUER', 'JWT_AUDIENCE',
      ].sort(),
    );
  });
});

describe('README', () => {
  it('documents every environment variable in its configuration table', () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    const documented = [...readme.matchAll(/^\| `([A-Z_]+)` \|/gm)].map((m) => m[1]);
    expect(CONFIG_ENV_KEYS.filter((key) => !documented.includes(key))).toEqual([]);
  });
});
