import type { Db } from '../store/db.js';
import { pendingMigrations } from '../store/migrate.js';
import { withTimeout } from './guard-rails.js';

/** Whether this replica should receive traffic, and if not, why (the body of /readyz). */
export type ReadinessReport =
  | { readonly status: 'ready' }
  | { readonly status: 'not ready'; readonly reason: string };

/** How long one readiness check may take; under the k8s probe's timeoutSeconds (k8s/deployment.yaml). */
export const READINESS_TIMEOUT_MS = 2_000;

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/**
 * Ready when the database answers and every migration of db/migrations is applied (umzug's
 * `pending()` through `pendingMigrations`). Redis is not consulted: without it the service
 * still answers correctly (README, "Caching"), so its absence must not take replicas out.
 */
export async function checkReadiness(db: Db, timeoutMs = READINESS_TIMEOUT_MS): Promise<ReadinessReport> {
  try {
    await withTimeout(db.query('select 1'), timeoutMs);
  } catch (error) {
    return { status: 'not ready', reason: `database unreachable: ${messageOf(error)}` };
  }
  try {
    const pending = await withTimeout(pendingMigrations(db), timeoutMs);
    if (pending.length > 0) return { status: 'not ready', reason: `migrations pending: ${pending.join(', ')}` };
  } catch (error) {
    return { status: 'not ready', reason: `cannot read the applied migrations: ${messageOf(error)}` };
  }
  return { status: 'ready' };
}
