import { parsePolicy } from '../core/index.js';
import type { EntityKind, Finding } from './types.js';
import type { Catalog } from './catalog.js';
import type { CheckedPolicy, PolicyCheck } from './findings-context.js';
import { policiesOf } from './entity-policies.js';
import { locate, rawStatements } from './policy-locator.js';
import { securityFindings } from './findings-security.js';
import { catalogFindings } from './findings-catalog.js';
import { generalFindings } from './findings-redundancy.js';

const CHECKS: readonly PolicyCheck[] = [securityFindings, catalogFindings, generalFindings];

const SEVERITY_ORDER: Readonly<Record<Finding['severity'], number>> = { SECURITY_WARNING: 0, WARNING: 1, SUGGESTION: 2 };

/**
 * Findings in the style of IAM Access Analyzer policy validation for every policy held by the
 * written bodies (deletions have none): security warnings, warnings and suggestions, each naming
 * its entity, its policy (`trustPolicy`, `inline:<Name>`, `document`, `policy`) and a JSON path.
 * Policies that do not parse are skipped: `applyChanges` has already rejected them.
 */
export function findingsFor(writes: readonly { readonly kind: EntityKind; readonly key: string; readonly body: unknown }[], catalog: Catalog): Finding[] {
  const out: Finding[] = [];
  for (const { kind, key, body } of writes) {
    if (body === null) continue;
    for (const { label, role, document } of policiesOf(kind, body)) {
      const parsed = parsePolicy(document);
      if (!parsed.ok) continue;
      const checked: CheckedPolicy = { role, doc: parsed.value, loc: locate(document), raw: rawStatements(document) };
      for (const check of CHECKS) {
        for (const f of check(checked, catalog)) out.push({ ...f, entityKind: kind, entityKey: key, policy: label });
      }
    }
  }
  return out.sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity]);
}
