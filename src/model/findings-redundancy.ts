import type { PrincipalSpec, Statement } from '../core/index.js';
import type { CheckedPolicy, PolicyFinding } from './findings-context.js';
import type { ListElement } from './policy-locator.js';
import { covers, coversAll } from './pattern-cover.js';

const principalText = (p: PrincipalSpec | undefined): string =>
  p === undefined ? '' : JSON.stringify([p.wildcard, ...[p.aws, p.service, p.federated, p.canonicalUser].map((l) => [...l].sort())]);

/** Statements a covering statement can make redundant: positive Action and Resource lists, no condition. */
const plain = (s: Statement): boolean => s.condition.length === 0 && !s.notAction && !s.notResource && !s.notPrincipal && s.action !== undefined;

/** True when statement `b` does everything statement `a` does, with the same effect. */
function statementCovers(b: Statement, a: Statement): boolean {
  if (!plain(a) || !plain(b) || a.effect !== b.effect) return false;
  const principal = principalText(a.principal) === principalText(b.principal) || b.principal?.wildcard === true;
  const resources = a.resource === undefined || b.resource === undefined
    ? a.resource === b.resource
    : coversAll(b.resource, a.resource, false);
  return principal && resources && coversAll(b.action ?? [], a.action ?? [], true);
}

function redundantStatements(p: CheckedPolicy): PolicyFinding[] {
  const st = p.doc.statements;
  return st.flatMap((a) => {
    // Of two statements that cover each other (duplicates), the later one is reported.
    const by = st.find((b) => b !== a && statementCovers(b, a) && (!statementCovers(a, b) || b.index < a.index));
    if (!by) return [];
    return [{
      severity: 'SUGGESTION' as const, code: 'REDUNDANT_STATEMENT', path: p.loc.statement(a.index),
      message: `${p.loc.statement(a.index)} is redundant: ${p.loc.statement(by.index)} has the same effect on every action and resource it names`,
    }];
  });
}

function redundantItems(p: CheckedPolicy, s: Statement, element: ListElement, items: readonly string[] | undefined, ci: boolean): PolicyFinding[] {
  if (!items) return [];
  return items.flatMap((item, j) => {
    const k = items.findIndex((other, i) => i !== j && covers(other, item, ci) && (!covers(item, other, ci) || i < j));
    if (k < 0) return [];
    const code = element.endsWith('Action') ? 'REDUNDANT_ACTION' : 'REDUNDANT_RESOURCE';
    return [{ severity: 'SUGGESTION' as const, code, path: p.loc.item(s.index, element, j), message: `${JSON.stringify(item)} is already covered by ${JSON.stringify(items[k])}` }];
  });
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Suggestions and general warnings: redundant statements, actions and resources; empty Sid; missing Version. */
export function generalFindings(p: CheckedPolicy): PolicyFinding[] {
  const out: PolicyFinding[] = [];
  if (p.doc.version === undefined) {
    out.push({ severity: 'WARNING', code: 'MISSING_VERSION', path: '$', message: 'without "Version": "2012-10-17", policy variables such as ${aws:username} are plain text' });
  }
  out.push(...redundantStatements(p));
  for (const s of p.doc.statements) {
    const raw = p.raw[s.index];
    if (isObject(raw) && raw['Sid'] === '') out.push({ severity: 'SUGGESTION', code: 'EMPTY_SID_VALUE', path: p.loc.member(s.index, 'Sid'), message: 'an empty Sid can be removed' });
    out.push(...redundantItems(p, s, 'Action', s.action, true), ...redundantItems(p, s, 'NotAction', s.notAction, true));
    out.push(...redundantItems(p, s, 'Resource', s.resource, false), ...redundantItems(p, s, 'NotResource', s.notResource, false));
  }
  return out;
}
