import { describePrincipalCached, isAccountId } from '../core/index.js';
import { affectedBy, rootArn } from './affected.js';
import type { ChangedEntity } from './changed-entities.js';
import { anyMatches } from './glob.js';
import { indexOf } from './model-index.js';
import type { DiffFilter, ModelVersion } from './types.js';
import { accountResourceView, diffViews, principalView, resourceView, type ViewDiff } from './views.js';

/** Which resources a region applies to: all, one modelled resource (and objects of a bucket), or one account's. */
export type Scope = { readonly all: true } | { readonly resource: string } | { readonly account: string };

/** A part of a principal's changed region: the statements that changed and where they apply. */
export interface RegionPart {
  readonly diff: ViewDiff;
  readonly scope: Scope;
}

/** The principals to evaluate, each with the parts of its region. */
export interface Work {
  readonly parts: ReadonlyMap<string, readonly RegionPart[]>;
  /** The principal standing for callers of accounts outside the model (documented in docs/effective-access.md). */
  readonly outsider: string;
}

const ALL: Scope = { all: true };

/** An account id the model does not hold (999999999999, or the next free one below it). */
function outsideAccount(from: ModelVersion, to: ModelVersion): string {
  const known = (id: string) => indexOf(from).accounts.has(id) || indexOf(to).accounts.has(id);
  let n = 999_999_999_999;
  while (known(String(n))) n--;
  return String(n);
}

/** The principal's account, `""` for anonymous callers. */
export const accountOf = (principal: string): string => describePrincipalCached(principal)?.account ?? '';

/** True when the filter lets the principal through (principal and account patterns). */
export function admitsPrincipal(filter: DiffFilter | undefined, principal: string): boolean {
  if (filter?.principals && !anyMatches(filter.principals, principal, false)) return false;
  return !filter?.accounts || anyMatches(filter.accounts, accountOf(principal), false);
}

/** Principals named literally in changed resource-side statements (partners' accounts and roles). */
function namedPrincipals(diffs: readonly ViewDiff[]): string[] {
  const out: string[] = [];
  for (const d of diffs) {
    for (const s of [...d.removed, ...d.added]) {
      for (const p of [...(s.statement.principal?.aws ?? []), ...(s.statement.notPrincipal?.aws ?? [])]) {
        if (isAccountId(p)) out.push(rootArn(p));
        else if (!p.includes('*') && describePrincipalCached(p)) out.push(p);
      }
    }
  }
  return out;
}

/**
 * Every principal that may call resources: modelled users and roles, the roots of modelled
 * accounts, anonymous callers, an outside account's root, and principals the changes name.
 */
function population(from: ModelVersion, to: ModelVersion, outsider: string, named: readonly string[]): Set<string> {
  const out = new Set<string>(['*', rootArn(outsider), ...named]);
  for (const index of [indexOf(from), indexOf(to)]) {
    for (const u of index.users.keys()) out.add(u);
    for (const r of index.roles.keys()) out.add(r);
    for (const a of index.accounts.keys()) out.add(rootArn(a));
  }
  return out;
}

/**
 * The principals whose access may differ, each with its region (issue 5, points 2 and 3): a principal
 * whose own view differs, over all resources; and for each resource (or account, for resources the
 * model does not hold) whose view differs, every principal, over that resource only.
 */
export function workOf(changes: readonly ChangedEntity[], from: ModelVersion, to: ModelVersion, filter: DiffFilter | undefined): Work {
  const affected = affectedBy(changes, from, to);
  const parts = new Map<string, RegionPart[]>();
  const add = (principal: string, part: RegionPart): void => {
    if (!admitsPrincipal(filter, principal)) return;
    const list = parts.get(principal);
    if (list) list.push(part);
    else parts.set(principal, [part]);
  };
  for (const p of affected.principals) {
    const diff = diffViews(principalView(from, p), principalView(to, p));
    if (diff) add(p, { diff, scope: ALL });
  }
  const resourceParts: RegionPart[] = [];
  for (const r of affected.resources) {
    const diff = diffViews(resourceView(from, r), resourceView(to, r));
    if (diff) resourceParts.push({ diff, scope: { resource: r } });
  }
  for (const a of affected.accounts) {
    const diff = diffViews(accountResourceView(from, a), accountResourceView(to, a));
    if (diff) resourceParts.push({ diff, scope: { account: a } });
  }
  const outsider = outsideAccount(from, to);
  if (resourceParts.length > 0) {
    for (const p of population(from, to, outsider, namedPrincipals(resourceParts.map((x) => x.diff)))) {
      for (const part of resourceParts) add(p, part);
    }
  }
  return { parts, outsider };
}
