import { parseBool } from './bool.js';

/**
 * `Null` checks whether a key is absent: `true` matches when the request lacks the key, `false` when
 * it has it (IAM User Guide, "Condition operators", Condition operator to check existence of condition
 * keys). A multivalued key with an empty set counts as absent ("Multivalued context key examples":
 * `Null` `false` guards against missing keys or keys with empty values). No policy variables.
 */

/** Compiles the `Null` values of one key; several values are ORed, other text matches nothing. */
export function compileNull(values: readonly string[]): (present: boolean) => boolean {
  const wanted = values.map(parseBool);
  const whenAbsent = wanted.includes(true);
  const whenPresent = wanted.includes(false);
  return (present) => (present ? whenPresent : whenAbsent);
}
