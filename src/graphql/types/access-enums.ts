import { registerEnumType } from 'type-graphql';
import type { Cause, DeltaKind } from '../../service/access.js';

/** GraphQL enum `DeltaKind`; values equal the engine's. */
export const DeltaKindEnum = {
  GAINED: 'GAINED',
  LOST: 'LOST',
  CHANGED_CONDITIONS: 'CHANGED_CONDITIONS',
} as const satisfies { [K in DeltaKind]: K };

/** GraphQL enum `EntityChange`; values equal the engine's. */
export const EntityChangeEnum = {
  ADDED: 'ADDED',
  REMOVED: 'REMOVED',
  MODIFIED: 'MODIFIED',
} as const satisfies { [K in Cause['change']]: K };

registerEnumType(DeltaKindEnum, {
  name: 'DeltaKind',
  description: 'How an access changed between two versions.',
  valuesConfig: {
    GAINED: { description: 'Denied before, allowed after.' },
    LOST: { description: 'Allowed before, denied after.' },
    CHANGED_CONDITIONS: { description: 'Allowed in both, under different conditions.' },
  },
});

registerEnumType(EntityChangeEnum, { name: 'EntityChange', description: 'How an entity differs between the two versions of a diff.' });
