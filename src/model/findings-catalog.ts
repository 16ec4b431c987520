import type { ConditionEntry, Statement } from '../core/index.js';
import type { Catalog } from './catalog.js';
import type { CheckedPolicy, PolicyFinding } from './findings-context.js';
import { hasWildcard, splitAction } from './pattern-cover.js';

function actionFindings(s: Statement, p: CheckedPolicy, catalog: Catalog): PolicyFinding[] {
  const element = s.action ? 'Action' : 'NotAction';
  return (s.action ?? s.notAction ?? []).flatMap((pattern, j) => {
    const parts = splitAction(pattern);
    if (!parts || hasWildcard(parts.service)) return [];
    const path = p.loc.item(s.index, element, j);
    if (!catalog.serviceExists(parts.service)) {
      return [{ severity: 'WARNING' as const, code: 'UNKNOWN_SERVICE', path, message: `${JSON.stringify(parts.service)} is not a known service prefix` }];
    }
    if (hasWildcard(parts.action) || catalog.actionExists(parts.service, parts.action)) return [];
    return [{ severity: 'WARNING' as const, code: 'UNKNOWN_ACTION', path, message: `${pattern} is not a known action of ${parts.service}` }];
  });
}

type Family = 'string' | 'numeric' | 'date' | 'bool' | 'binary' | 'ip' | 'arn' | 'null';

const FAMILIES: readonly [RegExp, Family][] = [
  [/^String/, 'string'], [/^Numeric/, 'numeric'], [/^Date/, 'date'], [/^Bool$/, 'bool'], [/^Binary/, 'binary'],
  [/^(Not)?IpAddress$/, 'ip'], [/^Arn/, 'arn'], [/^Null$/, 'null'],
];

/** The operator family of `ForAnyValue:StringLikeIfExists` and the like. */
function familyOf(operator: string): Family | undefined {
  const base = operator.replace(/^For(Any|All)Values:/i, '').replace(/IfExists$/, '');
  return FAMILIES.find(([re]) => re.test(base))?.[1];
}

// Key types the operator families can match (IAM User Guide, "Condition operators"): string
// operators compare any value's text, and ARN operators are also used on String keys that hold ARNs.
const ACCEPTS: Readonly<Record<Family, readonly string[] | 'any'>> = {
  string: 'any', null: 'any',
  numeric: ['Numeric', 'Long', 'Integer'], date: ['Date'], bool: ['Bool', 'Boolean'], binary: ['Binary'],
  ip: ['IPAddress'], arn: ['ARN', 'String'],
};

const KNOWN_TYPES = new Set(['String', 'ARN', 'Numeric', 'Long', 'Integer', 'Date', 'Bool', 'Boolean', 'Binary', 'IPAddress']);

// "aws:EpochTime … Data type: Date, Numeric" — IAM User Guide, "AWS global condition context keys".
const ALSO: Readonly<Record<string, readonly string[]>> = { 'aws:epochtime': ['Numeric'] };

function mismatch(e: ConditionEntry, keyType: string): boolean {
  const family = familyOf(e.operator);
  const accepts = family ? ACCEPTS[family] : 'any';
  const type = keyType.replace(/^ArrayOf/, '');
  if (accepts === 'any' || !KNOWN_TYPES.has(type)) return false;
  return !accepts.includes(type) && !(ALSO[e.key.toLowerCase()] ?? []).some((t) => accepts.includes(t));
}

// Web identity keys are named after the provider's issuer (`token.actions.githubusercontent.com:sub`,
// `oidc.eks.<region>.amazonaws.com/id/<id>:aud`), which no catalog can list — IAM User Guide,
// "Available keys for AWS OIDC federation". A prefix with a dot is an issuer, never a service prefix.
const isProviderKey = (key: string): boolean => key.slice(0, Math.max(0, key.indexOf(':'))).includes('.');

function conditionFindings(s: Statement, p: CheckedPolicy, catalog: Catalog): PolicyFinding[] {
  return s.condition.flatMap((e) => {
    const path = p.loc.condition(s.index, e.operator, e.key);
    const type = catalog.conditionKeyType(e.key);
    if (type === undefined && isProviderKey(e.key)) return [];
    if (type === undefined) return [{ severity: 'WARNING' as const, code: 'UNKNOWN_CONDITION_KEY', path, message: `${e.key} is not a known condition key` }];
    if (!mismatch(e, type)) return [];
    return [{ severity: 'WARNING' as const, code: 'OPERATOR_TYPE_MISMATCH', path, message: `${e.operator} cannot match ${e.key}, whose type is ${type}` }];
  });
}

/** Warnings that need the AWS catalog: unknown services, actions and condition keys; operators of the wrong type. */
export function catalogFindings(p: CheckedPolicy, catalog: Catalog): PolicyFinding[] {
  return p.doc.statements.flatMap((s) => [...actionFindings(s, p, catalog), ...conditionFindings(s, p, catalog)]);
}
