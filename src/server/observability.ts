import type { Services } from '../graphql/context.js';
import { decisionRecord, observeDecisions, observeSimulate, type DecisionObserver } from '../service/decision-log.js';
import type { DecisionService } from '../service/decisions.js';
import type { Db } from '../store/db.js';
import type { CacheReport } from './app.js';
import type { Config } from './config.js';
import { openDecisionLog, type DecisionLogSink } from './decision-log-sink.js';
import { createMetrics, type DecisionSource, type Metrics } from './metrics.js';

/** The metrics and the decision log (DECISION_LOG) of one app. */
export interface Observability {
  readonly metrics: Metrics;
  readonly log: DecisionLogSink | null;
}

/** Metrics over the app's caches and database pool, and the decision log if configured. */
export function createObservability(config: Pick<Config, 'decisionLog'>, db: Db, cacheStats: () => CacheReport): Observability {
  return {
    metrics: createMetrics({ cacheStats, poolStats: () => db.poolStats?.() ?? null }),
    log: openDecisionLog(config.decisionLog),
  };
}

/** The services as GraphQL sees them, and the decision service the AuthZEN endpoints call. */
export interface ObservedServices {
  readonly services: Services;
  readonly authzenDecisions: DecisionService;
}

/**
 * Decorates the deciding services so that every decision is counted (metrics) and, with a
 * DECISION_LOG, written as one record carrying the request id (the resolvers and the AuthZEN
 * handler pass it in the options). AuthZEN gets its own decorated copy, so its decisions are
 * labelled `authzen` and not counted twice.
 */
export function observeServices(services: Services, deps: Observability): ObservedServices {
  const observer = (source: DecisionSource): DecisionObserver => (event) => {
    deps.metrics.decision(event, source);
    deps.log?.write(decisionRecord(event, { source, now: new Date() }));
  };
  const graphql = observer('graphql');
  return {
    services: { ...services, decisions: observeDecisions(services.decisions, graphql), simulate: observeSimulate(services.simulate, graphql) },
    authzenDecisions: observeDecisions(services.decisions, observer('authzen')),
  };
}
