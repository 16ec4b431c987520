import type { EntityBodies, EntityKind } from './types.js';

/** Create or replace an entity. */
export type PutChange = { [K in EntityKind]: { readonly op: 'put'; readonly kind: K; readonly body: EntityBodies[K] } }[EntityKind];

/** Delete an entity. */
export interface DeleteChange {
  readonly op: 'delete';
  readonly kind: EntityKind;
  readonly key: string;
}

/** How a policy is attached: a managed policy to a user/group/role, a boundary, an SCP or RCP to a root/OU/account. */
export type AttachmentKind = 'MANAGED' | 'BOUNDARY' | 'SCP' | 'RCP';

/** Attach or detach a policy (by ARN or org policy id) to/from a target entity. */
export interface AttachChange {
  readonly op: 'attach' | 'detach';
  readonly attachment: AttachmentKind;
  readonly policy: string;
  readonly targetKind: EntityKind;
  readonly targetKey: string;
}

/** One typed change of a commit. */
export type Change = PutChange | DeleteChange | AttachChange;

/** A problem that rejects a whole commit, naming the change (its index) and, for policies, the JSON path. */
export interface ChangeProblem {
  readonly change: number;
  readonly code: 'BAD_POLICY' | 'DANGLING_REFERENCE' | 'DELETE_CONFLICT' | 'NOT_FOUND' | 'INVALID_ENTITY' | 'DUPLICATE';
  readonly message: string;
  /** Which policy of the entity (`trustPolicy`, `inline:Name`, `document`, `policy`), for BAD_POLICY. */
  readonly policy?: string;
  /** JSON path inside the policy, for BAD_POLICY. */
  readonly path?: string;
}
