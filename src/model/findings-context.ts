import type { PolicyDocument } from '../core/index.js';
import type { Finding } from './types.js';
import type { Catalog } from './catalog.js';
import type { PolicyRole } from './entity-policies.js';
import type { PolicyLocator } from './policy-locator.js';

/** A parsed policy with what the checks need to know about it. */
export interface CheckedPolicy {
  readonly role: PolicyRole;
  readonly doc: PolicyDocument;
  readonly loc: PolicyLocator;
  /** The raw statement objects, for what parsing normalises away (e.g. an empty `Sid`). */
  readonly raw: readonly unknown[];
}

/** A finding before it is tied to its entity and policy. */
export type PolicyFinding = Pick<Finding, 'severity' | 'code' | 'message' | 'path'>;

/** One family of checks over a policy. */
export type PolicyCheck = (p: CheckedPolicy, catalog: Catalog) => PolicyFinding[];
