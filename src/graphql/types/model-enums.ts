import { registerEnumType } from 'type-graphql';
import type { AttachmentKind } from '../../model/changes.js';
import type { EntityKind, Finding, OrgPolicy } from '../../model/types.js';

/** GraphQL enum `EntityKind`: SCREAMING_CASE names over the model's kinds. */
export const EntityKindEnum = {
  ROOT: 'root',
  OU: 'ou',
  ACCOUNT: 'account',
  USER: 'user',
  GROUP: 'group',
  ROLE: 'role',
  POLICY: 'policy',
  ORG_POLICY: 'orgPolicy',
  RESOURCE: 'resource',
} as const satisfies Record<string, EntityKind>;

/** GraphQL enum `AttachmentKind`; values equal the model's. */
export const AttachmentKindEnum = {
  MANAGED: 'MANAGED',
  BOUNDARY: 'BOUNDARY',
  SCP: 'SCP',
  RCP: 'RCP',
} as const satisfies { [K in AttachmentKind]: K };

/** GraphQL enum `OrgPolicyType`. */
export const OrgPolicyTypeEnum = { SCP: 'SCP', RCP: 'RCP' } as const satisfies { [K in OrgPolicy['type']]: K };

/** GraphQL enum `FindingSeverity`. */
export const FindingSeverityEnum = {
  SECURITY_WARNING: 'SECURITY_WARNING',
  WARNING: 'WARNING',
  SUGGESTION: 'SUGGESTION',
} as const satisfies { [K in Finding['severity']]: K };

registerEnumType(EntityKindEnum, {
  name: 'EntityKind',
  description: 'The kinds of entity in the stored model; each is identified by (kind, key).',
  valuesConfig: {
    ROOT: { description: 'The organization root; key: its id (`r-…`).' },
    OU: { description: 'An organizational unit; key: its id (`ou-…`).' },
    ACCOUNT: { description: 'A member account; key: its 12-digit id.' },
    USER: { description: 'An IAM user; key: its ARN.' },
    GROUP: { description: 'An IAM group; key: its ARN.' },
    ROLE: { description: 'An IAM role; key: its ARN.' },
    POLICY: { description: 'A managed IAM policy; key: its ARN.' },
    ORG_POLICY: { description: 'An SCP or RCP; key: its id (`p-…`).' },
    RESOURCE: { description: 'A resource with a policy or tags; key: its ARN.' },
  },
});

registerEnumType(AttachmentKindEnum, {
  name: 'AttachmentKind',
  description: 'How a policy is attached.',
  valuesConfig: {
    MANAGED: { description: 'A managed policy to a user, group or role.' },
    BOUNDARY: { description: 'A managed policy as the permissions boundary of a user or role.' },
    SCP: { description: 'A service control policy to a root, OU or account.' },
    RCP: { description: 'A resource control policy to a root, OU or account.' },
  },
});

registerEnumType(OrgPolicyTypeEnum, { name: 'OrgPolicyType', description: 'The type of an organization policy.' });

registerEnumType(FindingSeverityEnum, { name: 'FindingSeverity', description: 'How serious a finding is (as IAM Access Analyzer grades them).' });
