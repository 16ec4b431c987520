import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { CONFIG_ENV_KEYS, loadConfig } from '../../src/server/config.js';
import { ROUTES } from '../../src/server/http.js';

// docker-compose.yml, k8s/*.yaml and the Dockerfile must agree with the code: the port is the
// config default, probes hit real endpoints, and every env var set is one loadConfig reads.

const read = (path: string) => readFileSync(fileURLToPath(new URL(`../../${path}`, import.meta.url)), 'utf8');
const yamlOf = (path: string) => {
  const docs = parseAllDocuments(read(path));
  expect(docs, `${path} holds one YAML document`).toHaveLength(1);
  expect(docs[0]!.errors, `${path} parses`).toEqual([]);
  return docs[0]!.toJS() as Record<string, any>;
};

const DEFAULT_PORT = loadConfig({}).port;
const ENDPOINTS: readonly string[] = Object.values(ROUTES);
const KNOWN_KEYS: readonly string[] = CONFIG_ENV_KEYS;

describe('docker-compose.yml', () => {
  const compose = yamlOf('docker-compose.yml');
  const api = compose['services']['api'];

  it('runs the API built from the Dockerfile next to postgres:16 and redis:7', () => {
    expect(api['build']).toBeDefined();
    expect(compose['services']['postgres']['image']).toMatch(/^postgres:16\b/);
    expect(compose['services']['redis']['image']).toMatch(/^redis:7\b/);
  });

  it('gives every service a health check', () => {
    for (const [name, service] of Object.entries<Record<string, any>>(compose['services'])) {
      expect(service['healthcheck']?.['test'], name).toBeDefined();
    }
  });

  it('sets only env vars the config schema reads, with values it accepts', () => {
    const env: Record<string, string> = api['environment'];
    expect(Object.keys(env).filter((k) => !KNOWN_KEYS.includes(k))).toEqual([]);
    expect(Object.keys(env)).toEqual(expect.arrayContaining(['PORT', 'DATABASE_URL', 'REDIS_URL']));
    expect(loadConfig(env).port).toBe(DEFAULT_PORT);
  });

  it('publishes the default port and health-checks a real endpoint on it', () => {
    expect(api['ports']).toContain(`${DEFAULT_PORT}:${DEFAULT_PORT}`);
    const check = (api['healthcheck']['test'] as string[]).join(' ');
    const url = new URL(/https?:\/\/[^'"\s)]+/.exec(check)![0]);
    expect(Number(url.port)).toBe(DEFAULT_PORT);
    expect(ENDPOINTS).toContain(url.pathname);
  });
});

describe('k8s', () => {
  const configMap = yamlOf('k8s/configmap.yaml');
  const deployment = yamlOf('k8s/deployment.yaml');
  const service = yamlOf('k8s/service.yaml');
  const pod = deployment['spec']['template']['spec'];
  const container = pod['containers'][0];
  const portNamed = (port: number | string): number =>
    typeof port === 'number' ? port : container['ports'].find((p: { name: string }) => p.name === port)?.containerPort;

  it('configmap keys are exactly the config schema env vars, with values it accepts', () => {
    expect(Object.keys(configMap['data']).sort()).toEqual([...KNOWN_KEYS].sort());
    expect(loadConfig(configMap['data']).port).toBe(DEFAULT_PORT);
  });

  it('the container listens on the default port and takes its env from the configmap', () => {
    expect(portNamed('http')).toBe(DEFAULT_PORT);
    expect(container['envFrom']).toContainEqual({ configMapRef: { name: configMap['metadata']['name'] } });
    const explicitEnv: { name: string }[] = container['env'] ?? [];
    expect(explicitEnv.map((e) => e.name).filter((n) => !KNOWN_KEYS.includes(n))).toEqual([]);
  });

  it.each(['readinessProbe', 'livenessProbe'])('%s hits /healthz on the service port', (probe) => {
    const httpGet = container[probe]['httpGet'];
    expect(httpGet['path']).toBe(ROUTES.health);
    expect(ENDPOINTS).toContain(httpGet['path']);
    expect(portNamed(httpGet['port'])).toBe(DEFAULT_PORT);
  });

  it('runs non-root with a read-only root filesystem and resource limits', () => {
    expect(pod['securityContext']['runAsNonRoot']).toBe(true);
    expect(pod['securityContext']['runAsUser']).toBeGreaterThan(0);
    expect(container['securityContext']).toMatchObject({ readOnlyRootFilesystem: true, allowPrivilegeEscalation: false });
    expect(container['resources']['requests']).toMatchObject({ cpu: expect.anything(), memory: expect.anything() });
    expect(container['resources']['limits']).toMatchObject({ cpu: expect.anything(), memory: expect.anything() });
  });

  it('gives shutdown more time than the preStop delay', () => {
    const preStop: string[] = container['lifecycle']['preStop']['exec']['command'];
    expect(pod['terminationGracePeriodSeconds']).toBeGreaterThan(Number(preStop.at(-1)));
  });

  it('the service selects the pods and targets the container port', () => {
    expect(deployment['spec']['template']['metadata']['labels']).toMatchObject(service['spec']['selector']);
    expect(portNamed(service['spec']['ports'][0]['targetPort'])).toBe(DEFAULT_PORT);
  });
});

describe('Dockerfile', () => {
  const dockerfile = read('Dockerfile');
  const runtime = dockerfile.slice(dockerfile.lastIndexOf('\nFROM '));

  it('is multi-stage and exposes the default port', () => {
    expect(dockerfile.match(/^FROM /gm)?.length).toBeGreaterThanOrEqual(2);
    expect(runtime).toMatch(new RegExp(`^EXPOSE ${DEFAULT_PORT}$`, 'm'));
  });

  it('runs the final stage as a non-root user', () => {
    const user = /^USER (\S+)$/m.exec(runtime)?.[1];
    expect(user).toBeDefined();
    expect(['root', '0']).not.toContain(user);
  });
});
