import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { CONFIG_ENV_KEYS, loadConfig } from '../../src/server/config.js';
import { ROUTES } from '../../src/server/http.js';

// docker-compose.yml, k8s/*.yaml and the Dockerfile must agree with the code: the port is the
// config default, probes hit real endpoints, every variable the config schema reads is set (and
// only those), the image name is the package's, and the migration entry point exists.

const read = (path: string) => readFileSync(fileURLToPath(new URL(`../../${path}`, import.meta.url)), 'utf8');
const yamlOf = (path: string) => {
  const docs = parseAllDocuments(read(path));
  expect(docs, `${path} holds one YAML document`).toHaveLength(1);
  expect(docs[0]!.errors, `${path} parses`).toEqual([]);
  return docs[0]!.toJS() as Record<string, any>;
};

const DEFAULT_PORT = loadConfig({ AUTH_MODE: 'off' }).port;
const ENDPOINTS: readonly string[] = Object.values(ROUTES);
const KNOWN_KEYS: readonly string[] = CONFIG_ENV_KEYS;
const PACKAGE = JSON.parse(read('package.json')) as { name: string; version: string; scripts: Record<string, string> };
const IMAGE = `${PACKAGE.name}:${PACKAGE.version}`;
const BUILD = JSON.parse(read('tsconfig.build.json')) as { compilerOptions: { rootDir: string; outDir: string }; include: string[] };
/** Where `npm run build` (tsconfig.build.json) puts the compiled form of a source file. */
const compiled = (source: string) => `${BUILD.compilerOptions.outDir}/${source.replace(/\.ts$/, '.js')}`;
const SERVER_MAIN = 'src/server/main.ts';
const MIGRATE_MAIN = 'src/server/migrate-main.ts';

describe('npm scripts', () => {
  it('build compiles src/ to plain JavaScript, keeping the layout that the entry points are found at', () => {
    expect(PACKAGE.scripts['build']).toMatch(/tsc -p tsconfig\.build\.json$/);
    expect(BUILD.compilerOptions.rootDir).toBe('.');
    expect(BUILD.include).toEqual(['src']);
    for (const main of [SERVER_MAIN, MIGRATE_MAIN]) expect(existsSync(fileURLToPath(new URL(`../../${main}`, import.meta.url))), main).toBe(true);
  });

  it('start and migrate build first, then run the compiled entry points with plain node', () => {
    expect(PACKAGE.scripts['prestart']).toBe('npm run build');
    expect(PACKAGE.scripts['start']).toBe(`node ${compiled(SERVER_MAIN)}`);
    expect(PACKAGE.scripts['premigrate']).toBe('npm run build');
    expect(PACKAGE.scripts['migrate']).toBe(`node ${compiled(MIGRATE_MAIN)}`);
  });
});

describe('docker-compose.yml', () => {
  const compose = yamlOf('docker-compose.yml');
  const services: Record<string, Record<string, any>> = compose['services'];
  const api = services['api']!;
  const migrate = services['migrate']!;

  it('runs the API built from the Dockerfile next to postgres:16 and redis:7, under the package\'s image name', () => {
    expect(api['build']).toBeDefined();
    expect(api['image']).toBe(IMAGE);
    expect(migrate['image']).toBe(IMAGE);
    expect(services['postgres']!['image']).toMatch(/^postgres:16\b/);
    expect(services['redis']!['image']).toMatch(/^redis:7\b/);
  });

  it('gives every long-running service a health check', () => {
    for (const [name, service] of Object.entries(services)) {
      if (name !== 'migrate') expect(service['healthcheck']?.['test'], name).toBeDefined();
    }
  });

  it('migrates before the API starts, once Postgres is healthy', () => {
    expect(migrate['command']).toEqual(['node', compiled(MIGRATE_MAIN)]);
    expect(migrate['depends_on']).toMatchObject({ postgres: { condition: 'service_healthy' } });
    expect(api['depends_on']).toMatchObject({
      migrate: { condition: 'service_completed_successfully' },
      postgres: { condition: 'service_healthy' },
      redis: { condition: 'service_healthy' },
    });
  });

  it('sets every env var the config schema reads, and only those, with values it accepts', () => {
    for (const service of [api, migrate]) {
      const env: Record<string, string> = service['environment'];
      expect(Object.keys(env).sort()).toEqual([...KNOWN_KEYS].sort());
      expect(loadConfig(env).port).toBe(DEFAULT_PORT);
    }
  });

  it('publishes the default port and health-checks /readyz on it', () => {
    expect(api['ports']).toContain(`${DEFAULT_PORT}:${DEFAULT_PORT}`);
    const check = (api['healthcheck']['test'] as string[]).join(' ');
    const url = new URL(/https?:\/\/[^'"\s)]+/.exec(check)![0]);
    expect(Number(url.port)).toBe(DEFAULT_PORT);
    expect(url.pathname).toBe(ROUTES.ready);
  });
});

describe('k8s', () => {
  const configMap = yamlOf('k8s/configmap.yaml');
  const secret = yamlOf('k8s/secret.example.yaml');
  const deployment = yamlOf('k8s/deployment.yaml');
  const service = yamlOf('k8s/service.yaml');
  const hpa = yamlOf('k8s/hpa.yaml');
  const pdb = yamlOf('k8s/pdb.yaml');
  const job = yamlOf('k8s/migration-job.yaml');
  const networkPolicy = yamlOf('k8s/networkpolicy.yaml');
  const pod = deployment['spec']['template']['spec'];
  const podLabels: Record<string, string> = deployment['spec']['template']['metadata']['labels'];
  const container = pod['containers'][0];
  const jobPod = job['spec']['template']['spec'];
  const jobContainer = jobPod['containers'][0];
  const portNamed = (port: number | string): number =>
    typeof port === 'number' ? port : container['ports'].find((p: { name: string }) => p.name === port)?.containerPort;
  const matches = (selector: Record<string, string>, labels: Record<string, string>) =>
    Object.entries(selector).every(([k, v]) => labels[k] === v);

  it('ConfigMap and Secret together hold exactly the config schema env vars, with values it accepts', () => {
    const configKeys = Object.keys(configMap['data']);
    const secretKeys = Object.keys(secret['stringData']);
    expect(configKeys.filter((k) => secretKeys.includes(k))).toEqual([]);
    expect([...configKeys, ...secretKeys].sort()).toEqual([...KNOWN_KEYS].sort());
    expect(secretKeys).toContain('DATABASE_URL');
    expect(loadConfig({ ...configMap['data'], ...secret['stringData'] }).port).toBe(DEFAULT_PORT);
    expect(secret['kind']).toBe('Secret');
  });

  it.each([
    ['the Deployment', () => container],
    ['the migration Job', () => jobContainer],
  ])('%s runs the package\'s image with its env from the ConfigMap and the Secret', (_name, of) => {
    const c = of();
    expect(c['image']).toBe(IMAGE);
    expect(c['envFrom']).toEqual([
      { configMapRef: { name: configMap['metadata']['name'] } },
      { secretRef: { name: secret['metadata']['name'] } },
    ]);
    const explicitEnv: { name: string }[] = c['env'] ?? [];
    expect(explicitEnv.map((e) => e.name).filter((n) => !KNOWN_KEYS.includes(n))).toEqual([]);
  });

  it('the container listens on the default port', () => {
    expect(portNamed('http')).toBe(DEFAULT_PORT);
  });

  it.each([
    ['readinessProbe', ROUTES.ready],
    ['livenessProbe', ROUTES.health],
    ['startupProbe', ROUTES.health],
  ])('%s hits %s on the service port', (probe, path) => {
    const httpGet = container[probe]['httpGet'];
    expect(httpGet['path']).toBe(path);
    expect(ENDPOINTS).toContain(httpGet['path']);
    expect(portNamed(httpGet['port'])).toBe(DEFAULT_PORT);
  });

  it('announces /metrics on the service port to Prometheus', () => {
    const annotations = deployment['spec']['template']['metadata']['annotations'];
    expect(annotations).toMatchObject({ 'prometheus.io/scrape': 'true', 'prometheus.io/path': ROUTES.metrics, 'prometheus.io/port': String(DEFAULT_PORT) });
  });

  it.each([
    ['the Deployment', () => pod, () => container],
    ['the migration Job', () => jobPod, () => jobContainer],
  ])('%s runs non-root with a read-only root filesystem and resource limits', (_name, podOf, containerOf) => {
    expect(podOf()['securityContext']['runAsNonRoot']).toBe(true);
    expect(podOf()['securityContext']['runAsUser']).toBeGreaterThan(0);
    expect(containerOf()['securityContext']).toMatchObject({ readOnlyRootFilesystem: true, allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } });
    expect(containerOf()['resources']['requests']).toMatchObject({ cpu: expect.anything(), memory: expect.anything() });
    expect(containerOf()['resources']['limits']).toMatchObject({ cpu: expect.anything(), memory: expect.anything() });
  });

  it('the migration Job runs the migration entry point once', () => {
    expect(job['kind']).toBe('Job');
    expect(jobContainer['command']).toEqual(['node', compiled(MIGRATE_MAIN)]);
    expect(jobPod['restartPolicy']).toMatch(/^(OnFailure|Never)$/);
  });

  it('gives shutdown more time than the preStop delay', () => {
    const preStop: string[] = container['lifecycle']['preStop']['exec']['command'];
    expect(pod['terminationGracePeriodSeconds']).toBeGreaterThan(Number(preStop.at(-1)));
  });

  it('the Service selects the API pods, not the migration pods, and targets the container port', () => {
    expect(matches(service['spec']['selector'], podLabels)).toBe(true);
    expect(matches(service['spec']['selector'], job['spec']['template']['metadata']['labels'])).toBe(false);
    expect(matches(deployment['spec']['selector']['matchLabels'], podLabels)).toBe(true);
    expect(portNamed(service['spec']['ports'][0]['targetPort'])).toBe(DEFAULT_PORT);
  });

  it('the HorizontalPodAutoscaler scales the Deployment, never below the disruption budget + 1', () => {
    expect(hpa['spec']['scaleTargetRef']).toEqual({ apiVersion: 'apps/v1', kind: 'Deployment', name: deployment['metadata']['name'] });
    expect(hpa['spec']['minReplicas']).toBeGreaterThan(pdb['spec']['minAvailable']);
    expect(hpa['spec']['maxReplicas']).toBeGreaterThanOrEqual(hpa['spec']['minReplicas']);
  });

  it('the PodDisruptionBudget covers the API pods', () => {
    expect(pdb['kind']).toBe('PodDisruptionBudget');
    expect(matches(pdb['spec']['selector']['matchLabels'], podLabels)).toBe(true);
  });

  it('the NetworkPolicy admits the HTTP port only and lets out DNS, Postgres and Redis only', () => {
    expect(matches(networkPolicy['spec']['podSelector']['matchLabels'], podLabels)).toBe(true);
    expect(networkPolicy['spec']['policyTypes']).toEqual(['Ingress', 'Egress']);
    const ingressPorts = networkPolicy['spec']['ingress'].flatMap((r: { ports: { port: number }[] }) => r.ports.map((p) => p.port));
    expect(ingressPorts).toEqual([DEFAULT_PORT]);
    const egressPorts = networkPolicy['spec']['egress'].flatMap((r: { ports: { port: number }[] }) => r.ports.map((p) => p.port));
    expect([...new Set(egressPorts)].sort()).toEqual([53, 5432, 6379]);
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

  it('compiles in a build stage with `npm run build`', () => {
    const build = dockerfile.slice(dockerfile.indexOf('FROM '), dockerfile.indexOf('\nFROM ', dockerfile.indexOf('FROM ') + 1));
    expect(build).toMatch(/^FROM \S+ AS build$/m);
    expect(build).toMatch(/^RUN npm ci\b/m);
    expect(build).toMatch(/^COPY src \.\/src$/m);
    expect(build).toMatch(/^RUN npm run build$/m);
  });

  it('installs the production dependencies with the patches of patches/ applied', () => {
    const deps = dockerfile.slice(dockerfile.indexOf('AS deps'), dockerfile.lastIndexOf('\nFROM '));
    expect(deps).toMatch(/^COPY patches \.\/patches$/m);
    expect(deps).toMatch(/^RUN npm ci --omit=dev --ignore-scripts && npx patch-package --error-on-fail\b/m);
    expect(runtime).toMatch(/^COPY --from=deps \/app\/node_modules \.\/node_modules$/m);
    expect(readdirSync(fileURLToPath(new URL('../../patches', import.meta.url))).filter((f) => f.endsWith('.patch')).length).toBeGreaterThan(0);
  });

  it('ships what the service reads at run time, and runs the compiled server with plain node', () => {
    expect(runtime).toMatch(new RegExp(`^COPY --from=build /app/${BUILD.compilerOptions.outDir} \\./${BUILD.compilerOptions.outDir}$`, 'm'));
    expect(runtime).toMatch(/^COPY db \.\/db$/m);
    // package.json makes dist/ ES modules, and marks the folder the migrations are found from.
    expect(runtime).toMatch(/^COPY package\.json \.\/$/m);
    expect(runtime).not.toMatch(/^COPY src /m);
    expect(runtime).toMatch(new RegExp(`^CMD \\["node", "${compiled(SERVER_MAIN).replace(/[./]/g, '\\$&')}"\\]$`, 'm'));
  });
});
