/**
 * Effective access (issue 5): the contract between the pure engine (`src/access`) and the service
 * and GraphQL layers. The engine is pure like the core: no I/O, no clock; it imports only
 * `core` and `model`.
 */
import type { Decision, StatementRef } from '../core/index.js';
import type { Entity, EntityKind, OrgId } from '../model/types.js';

/** One version of an organization's whole model, in memory (or an uncommitted change set over one). */
export interface ModelVersion {
  readonly org: OrgId;
  /** The stored version, or null for a change set that is not committed. */
  readonly version: number | null;
  readonly awsOrgId: string;
  readonly managementAccountId: string;
  readonly rootId: string;
  /** Every entity visible at the version. */
  readonly entities: readonly Entity[];
}

/** The AWS actions to range over: service prefix (lower case) → action names as the catalog spells them. */
export interface ActionCatalog {
  readonly services: ReadonlyMap<string, readonly string[]>;
}

/** How an access changed between two versions. */
export type DeltaKind = 'GAINED' | 'LOST' | 'CHANGED_CONDITIONS';

/** A region of resource space: ARNs matching some `include` pattern and no `exclude` pattern (IAM globs; `*` is any). */
export interface ResourceSet {
  readonly include: readonly string[];
  readonly exclude: readonly string[];
}

/** The condition block of one statement, as in the policy JSON (operator → key → values). */
export interface ConditionSummary {
  readonly statement: StatementRef;
  readonly condition: Readonly<Record<string, Readonly<Record<string, readonly string[]>>>>;
}

/** A concrete request, as `authorize` takes it. */
export interface WitnessRequest {
  readonly principal: string;
  readonly action: string;
  readonly resource: string;
  readonly resourceAccount?: string;
  readonly context: Readonly<Record<string, string | readonly string[]>>;
}

/** A request whose decision really differs between the two versions. */
export interface Witness {
  readonly request: WitnessRequest;
  readonly before: Decision;
  readonly after: Decision;
}

/** An entity edit responsible for a delta, with the statements of it that decide the witness differently. */
export interface Cause {
  readonly entityKind: EntityKind;
  readonly entityKey: string;
  readonly change: 'ADDED' | 'REMOVED' | 'MODIFIED';
  /** Statements of the `from` version (removed or edited) and of the `to` version (added or edited) involved. */
  readonly statementsBefore: readonly StatementRef[];
  readonly statementsAfter: readonly StatementRef[];
}

/** Actions of one service in a delta, compressed to patterns (`s3:*`, `s3:Get*`, or names). */
export interface ActionGroup {
  readonly service: string;
  readonly patterns: readonly string[];
  readonly actionCount: number;
}

/** One change of effective access: one principal, a set of actions, a region of resources. */
export interface AccessDelta {
  /** Principal ARN (`arn:aws:iam::A:role/R`, `…:user/U`, `…:root`), or `*` for anonymous callers. */
  readonly principal: string;
  /** The principal's account; empty for anonymous. */
  readonly account: string;
  readonly kind: DeltaKind;
  /** Every concrete action (`service:Action`, catalog spelling), sorted. */
  readonly actions: readonly string[];
  readonly actionGroups: readonly ActionGroup[];
  readonly resources: ResourceSet;
  /** Decisions of the witness in the two versions. */
  readonly before: Decision;
  readonly after: Decision;
  /** The conditions of the allowing statements in each version, where they differ (else empty). */
  readonly conditionsBefore: readonly ConditionSummary[];
  readonly conditionsAfter: readonly ConditionSummary[];
  readonly witness: Witness;
  readonly causes: readonly Cause[];
}

/** Restricts a diff; every field is optional and fields combine with AND. Patterns are IAM globs. */
export interface DiffFilter {
  readonly principals?: readonly string[];
  readonly accounts?: readonly string[];
  readonly services?: readonly string[];
  readonly actions?: readonly string[];
  readonly resources?: readonly string[];
  readonly kinds?: readonly DeltaKind[];
}

/** Counts of deltas under one key (a principal, an account or a service). */
export interface DiffCount {
  readonly key: string;
  readonly gained: number;
  readonly lost: number;
  readonly changedConditions: number;
}

/** The summary of a diff. */
export interface DiffSummary {
  readonly byPrincipal: readonly DiffCount[];
  readonly byAccount: readonly DiffCount[];
  readonly byService: readonly DiffCount[];
}

/** What the engine did, so tests and benchmarks can check that edits stay local. */
export interface DiffStats {
  readonly changedEntities: number;
  readonly principalsEvaluated: number;
  readonly resourcesEvaluated: number;
  readonly decisions: number;
}

/** The result of a diff: deltas ordered by (principal, kind, first action, resource). */
export interface DiffResult {
  readonly deltas: readonly AccessDelta[];
  readonly summary: DiffSummary;
  readonly stats: DiffStats;
}

/** One principal that may perform an action on a resource. */
export interface WhoCanEntry {
  readonly principal: string;
  readonly account: string;
  /** ALLOW when no condition is involved; ALLOW also when conditions are (listed in `conditions`). */
  readonly decision: Decision;
  /** The statements that grant it (every required layer), as `decide` reports them. */
  readonly grants: readonly StatementRef[];
  /** Conditions that must hold for the access (empty when unconditional). */
  readonly conditions: readonly ConditionSummary[];
  /** For access reached by assuming roles: the chain from this principal to the role that has the access (role ARNs), else empty. */
  readonly via: readonly string[];
}

/** The answer of `whoCan`: complete unless `truncated`. */
export interface WhoCanResult {
  readonly entries: readonly WhoCanEntry[];
  readonly truncated: boolean;
  readonly principalsEvaluated: number;
}

/** One permission of a principal: actions of one service on a region of resources, under conditions. */
export interface Permission {
  readonly actions: readonly string[];
  readonly actionGroups: readonly ActionGroup[];
  readonly resources: ResourceSet;
  readonly conditions: readonly ConditionSummary[];
  readonly grants: readonly StatementRef[];
}

/** The answer of `whatCan`: permissions grouped by service; complete unless `truncated`. */
export interface WhatCanResult {
  readonly principal: string;
  readonly services: readonly { readonly service: string; readonly permissions: readonly Permission[] }[];
  readonly truncated: boolean;
}
