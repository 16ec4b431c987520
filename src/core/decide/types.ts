import type { Effect, PolicyDocument } from '../policy/types.js';
import type { Explanation } from '../explain/trace.js';

/** The outcome of an authorization request. */
export type Decision = 'ALLOW' | 'EXPLICIT_DENY' | 'IMPLICIT_DENY';

/** The policy layers of AWS's evaluation logic. */
export type PolicyLayer = 'SCP' | 'RCP' | 'RESOURCE' | 'PERMISSION_BOUNDARY' | 'SESSION' | 'IDENTITY';

/** Every layer, in evaluation order. */
export const POLICY_LAYERS: readonly PolicyLayer[] = ['RCP', 'SCP', 'RESOURCE', 'IDENTITY', 'PERMISSION_BOUNDARY', 'SESSION'];

/** A policy handed to the core, with a stable id (name, ARN or index) used in reasons. */
export interface PolicyInput {
  readonly id: string;
  readonly document: PolicyDocument;
}

/** One level of an organization's SCP or RCP chain (root, an OU, the account). */
export interface OrgLevelInput {
  readonly target: string;
  readonly policies: readonly PolicyInput[];
}

/** Every policy that applies to one request, by layer. Absent layers do not apply. */
export interface PolicySetInput {
  readonly identity: readonly PolicyInput[];
  readonly permissionBoundary?: PolicyInput;
  readonly session?: PolicyInput;
  /** Levels root first, account last; undefined when no organization applies. */
  readonly scp?: readonly OrgLevelInput[];
  /** Levels root first, account last; RCPFullAWSAccess is implicit at every level. */
  readonly rcp?: readonly OrgLevelInput[];
  readonly resource?: PolicyInput;
}

/** A stable reference to one statement: what Cedar calls a reason. */
export interface StatementRef {
  readonly layer: PolicyLayer;
  readonly policyId: string;
  /** Position of the policy within its layer (or its org level). */
  readonly policyIndex: number;
  /** The org level (root, OU or account id) for SCP and RCP statements. */
  readonly target?: string;
  readonly statementIndex: number;
  readonly sid?: string;
  readonly effect: Effect;
}

/** The result of `decide`. */
export interface AuthorizationResult {
  readonly decision: Decision;
  readonly allowed: boolean;
  /** Layers that denied explicitly or failed to allow. Empty when allowed. */
  readonly blockedBy: readonly PolicyLayer[];
  /** For ALLOW: the statements that granted it in each required layer. For EXPLICIT_DENY: every matching Deny. */
  readonly decisiveStatements: readonly StatementRef[];
  /** Present only when a trace recorder was passed. */
  readonly explanation?: Explanation;
}
