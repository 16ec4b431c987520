import type { ApolloServerPlugin } from '@apollo/server';
import { Kind, type OperationDefinitionNode } from 'graphql';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { CacheStats } from '../cache/lru.js';
import type { GraphQLContext } from '../graphql/context.js';
import type { DecisionEvent } from '../service/decision-log.js';
import type { DbPoolStats } from '../store/db.js';
import type { CacheReport } from './app.js';

/** Where a decision came from: a GraphQL operation, or the AuthZEN endpoints. */
export type DecisionSource = 'graphql' | 'authzen';

/** What the metrics read when scraped: the caches, the database pool (null for PGlite). */
export interface MetricSources {
  readonly cacheStats: () => CacheReport;
  readonly poolStats: () => DbPoolStats | null;
}

/** The Prometheus metrics of one app, in a registry of its own (tests run several apps per process). */
export interface Metrics {
  readonly registry: Registry;
  /** Counts one decision (or refused request) by operation (`authzen` for that API) and outcome. */
  decision(event: DecisionEvent, source: DecisionSource): void;
  /** Times every GraphQL operation by its root fields. */
  readonly graphqlPlugin: ApolloServerPlugin<GraphQLContext>;
  /** Times one HTTP exchange by route (the path pattern, never the raw URL). */
  httpRequest(route: string, method: string, status: number, seconds: number): void;
  /** The text exposition format. */
  render(): Promise<{ readonly contentType: string; readonly body: string }>;
}

const LATENCY_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/** At most this many root fields name an operation; more are `multiple` (label cardinality stays bounded). */
const MAX_NAMED_ROOT_FIELDS = 3;

/** Labels of the operations seen: Apollo's document cache hands out the same parsed operation per query text. */
const labels = new WeakMap<OperationDefinitionNode, string>();

/** An operation's label: its root fields, sorted (`authorize`, `commit`, `organization`), not the client's name. */
export function operationLabel(operation: OperationDefinitionNode | undefined): string {
  if (!operation) return 'invalid';
  let label = labels.get(operation);
  if (label === undefined) {
    const fields = operation.selectionSet.selections.flatMap((s) => (s.kind === Kind.FIELD ? [s.name.value] : ['fragment']));
    const distinct = [...new Set(fields)].sort();
    label = distinct.length === 0 ? 'empty' : distinct.length > MAX_NAMED_ROOT_FIELDS ? 'multiple' : distinct.join(',');
    labels.set(operation, label);
  }
  return label;
}

type CacheName = Exclude<keyof CacheReport, 'redis'> | 'redisPrincipals' | 'redisResources';

function cachesOf(report: CacheReport): [CacheName, CacheStats][] {
  const { redis, ...local } = report;
  return [
    ...(Object.entries(local) as [CacheName, CacheStats][]),
    ...(redis ? ([['redisPrincipals', redis.principals], ['redisResources', redis.resources]] as [CacheName, CacheStats][]) : []),
  ];
}

/** Gauges and counters that read the caches, the pool and Redis when scraped (collect callbacks). */
function registerCollected(registry: Registry, sources: MetricSources): void {
  const registers = [registry];
  const caches = () => cachesOf(sources.cacheStats());
  new Gauge({ name: 'iam_cache_entries', help: 'Entries held by each cache', labelNames: ['cache'], registers,
    collect() { for (const [cache, s] of caches()) this.set({ cache }, s.entries); } });
  new Gauge({ name: 'iam_cache_hit_ratio', help: 'Hits / lookups of each cache since start (0 before the first lookup)', labelNames: ['cache'], registers,
    collect() { for (const [cache, s] of caches()) this.set({ cache }, s.hitRate); } });
  new Counter({ name: 'iam_cache_lookups_total', help: 'Lookups of each cache, by result', labelNames: ['cache', 'result'], registers,
    collect() {
      this.reset();
      for (const [cache, s] of caches()) {
        this.inc({ cache, result: 'hit' }, s.hits);
        this.inc({ cache, result: 'miss' }, s.misses);
      }
    } });
  new Gauge({ name: 'iam_db_pool_connections', help: 'Postgres pool connections by state (absent for PGlite)', labelNames: ['state'], registers,
    collect() {
      const pool = sources.poolStats();
      if (!pool) return;
      this.set({ state: 'total' }, pool.total);
      this.set({ state: 'idle' }, pool.idle);
      this.set({ state: 'waiting' }, pool.waiting);
    } });
  new Gauge({ name: 'iam_redis_state', help: 'Redis: configured, connected, available, subscribed (1 or 0)', labelNames: ['state'], registers,
    collect() {
      const report = sources.cacheStats();
      const redis = report.redis;
      this.set({ state: 'configured' }, redis ? 1 : 0);
      this.set({ state: 'connected' }, redis?.connected ? 1 : 0);
      this.set({ state: 'available' }, redis?.available ? 1 : 0);
      this.set({ state: 'subscribed' }, report.latestVersions.subscribed ? 1 : 0);
    } });
  new Counter({ name: 'iam_redis_failures_total', help: 'Redis commands that failed or were skipped while it was unreachable', registers,
    collect() {
      this.reset();
      this.inc(sources.cacheStats().redis?.failures ?? 0);
    } });
}

/** Counts by two labels, kept in plain maps: one increment costs two lookups, not a label hash. */
class Tally {
  private readonly rows = new Map<string, Map<string, number>>();
  add(first: string, second: string): void {
    let row = this.rows.get(first);
    if (!row) this.rows.set(first, (row = new Map()));
    row.set(second, (row.get(second) ?? 0) + 1);
  }
  /** Every count with its two label values. */
  *entries(): Generator<[string, string, number]> {
    for (const [first, row] of this.rows) for (const [second, n] of row) yield [first, second, n];
  }
}

/** The metrics of one app: decisions, latencies, and collectors over caches, pool, Redis and the process. */
export function createMetrics(sources: MetricSources): Metrics {
  const registry = new Registry();
  const registers = [registry];
  collectDefaultMetrics({ register: registry });
  registerCollected(registry, sources);
  // Every decision and every batch item is counted on the request path; prom-client hashes the
  // labels of each `inc` (about 0.3 µs), so the counts are tallied here and handed over when scraped.
  const decided = new Tally();
  const refused = new Tally();
  new Counter({
    name: 'iam_decisions_total', help: 'Decisions by operation (authorize, authorizeBatch, explain, simulate, authzen) and outcome',
    labelNames: ['operation', 'decision'], registers,
    collect() {
      this.reset();
      for (const [operation, decision, n] of decided.entries()) this.inc({ operation, decision }, n);
    },
  });
  new Counter({
    name: 'iam_decision_errors_total', help: 'Requests refused as client errors (bad input, unknown principal) by operation and code',
    labelNames: ['operation', 'code'], registers,
    collect() {
      this.reset();
      for (const [operation, code, n] of refused.entries()) this.inc({ operation, code }, n);
    },
  });
  const graphql = new Histogram({
    name: 'iam_graphql_operation_duration_seconds', help: 'GraphQL operations by root fields, type and result',
    labelNames: ['operation', 'type', 'result'], buckets: LATENCY_BUCKETS, registers,
  });
  const http = new Histogram({
    name: 'iam_http_request_duration_seconds', help: 'HTTP exchanges by route, method and status',
    labelNames: ['route', 'method', 'status'], buckets: LATENCY_BUCKETS, registers,
  });
  return {
    registry,
    decision(event, source) {
      const operation = source === 'authzen' ? 'authzen' : event.operation;
      if (event.result) decided.add(operation, event.result.decision);
      else if (event.error) refused.add(operation, event.error.code);
    },
    graphqlPlugin: {
      async requestDidStart() {
        const started = process.hrtime.bigint();
        return {
          async willSendResponse({ operation, response }) {
            const seconds = Number(process.hrtime.bigint() - started) / 1e9;
            const failed = response.body.kind === 'single' && (response.body.singleResult.errors?.length ?? 0) > 0;
            graphql.observe({ operation: operationLabel(operation), type: operation?.operation ?? 'unknown', result: failed ? 'error' : 'ok' }, seconds);
          },
        };
      },
    },
    httpRequest(route, method, status, seconds) {
      http.observe({ route, method, status: String(status) }, seconds);
    },
    async render() {
      return { contentType: registry.contentType, body: await registry.metrics() };
    },
  };
}
