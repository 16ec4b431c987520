import { describe, expect, it } from 'vitest';
import { CONFIG_ENV_KEYS, ConfigError, loadConfig } from '../../src/server/config.js';

describe('loadConfig', () => {
  it('applies the defaults to an empty environment', () => {
    expect(loadConfig({})).toEqual({
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
      cacheKeyPrefix: 'iam:',
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
      CACHE_KEY_PREFIX: 'iam:staging:',
    });
    expect(config).toEqual({
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
      cacheKeyPrefix: 'iam:staging:',
    });
  });

  it('returns a frozen object', () => {
    const config = loadConfig({});
    expect(Object.isFrozen(config)).toBe(true);
    expect(() => {
      (config as { port: number }).port = 1;
    }).toThrow(TypeError);
  });

  it('treats blank variables as unset', () => {
    expect(loadConfig({ PORT: '', DATABASE_URL: '  ' })).toMatchObject({ port: 4000 });
    expect(loadConfig({ DATABASE_URL: '' })).not.toHaveProperty('databaseUrl');
  });

  it('lets explicit values win over the environment', () => {
    expect(loadConfig({ PORT: '8080' }, { port: 0 }).port).toBe(0);
  });

  it('ignores variables it does not own', () => {
    expect(loadConfig({ PATH: '/bin', NODE_ENV: 'production' })).toEqual(loadConfig({}));
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
      CACHE_KEY_PREFIX: 'has spaces',
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
    ['CACHE_KEY_PREFIX', 'a/b'],
  ])('rejects %s=%s', (key, value) => {
    expect(() => loadConfig({ [key]: value })).toThrow(ConfigError);
  });

  it('exports the env keys it reads', () => {
    expect([...CONFIG_ENV_KEYS].sort()).toEqual(
      [
        'BATCH_MAX', 'BODY_LIMIT_BYTES', 'DATABASE_URL', 'DATA_DIR', 'DEMO_SEED', 'HOST', 'LOG_LEVEL', 'PORT', 'REDIS_URL',
        'CACHE_PRINCIPALS', 'CACHE_RESOURCES', 'CACHE_POLICIES', 'CACHE_KEY_PREFIX',
      ].sort(),
    );
  });
});
