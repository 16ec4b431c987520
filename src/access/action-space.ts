import type { Statement } from '../core/index.js';
import { patternTest } from './glob.js';
import { AccessInputError } from './errors.js';
import type { ActionCatalog } from './types.js';

/** The `Action` or `NotAction` of a statement: what decides which actions it can match. */
export interface ActionElement {
  readonly positive: boolean;
  readonly patterns: readonly string[];
}

/** The element of a statement (a statement with neither matches no action). */
export const actionElementOf = (s: Statement): ActionElement =>
  s.action ? { positive: true, patterns: s.action } : { positive: false, patterns: s.notAction ?? [] };

/** True when the statement's `Action`/`NotAction` matches one action (case-insensitively). */
export function actionMatches(s: Statement, action: string): boolean {
  const e = actionElementOf(s);
  return e.patterns.some((p) => patternTest(p, true)(action)) === e.positive;
}

const elementKey = (e: ActionElement): string => `${e.positive ? '+' : '-'}${[...e.patterns].map((p) => p.toLowerCase()).sort().join(',')}`;

/** Builds a catalog from `service → actions`; names may be given with or without their `service:` prefix. */
export function actionCatalogOf(services: Iterable<[string, Iterable<string>]>): ActionCatalog {
  const map = new Map<string, string[]>();
  for (const [service, actions] of services) {
    const prefix = service.toLowerCase();
    const names = [...actions].map((a) => (a.includes(':') ? a.slice(a.indexOf(':') + 1) : a));
    map.set(prefix, [...new Set([...(map.get(prefix) ?? []), ...names])]);
  }
  return { services: map };
}

const ACTION = /^[A-Za-z0-9-]+:[A-Za-z0-9*?_-]*$/;

/** Checks an action (or action pattern) given by a client. */
export function checkAction(field: string, action: string): void {
  if (!ACTION.test(action)) throw new AccessInputError(field, `is not an action of the form "service:Action" (got "${action}")`);
}

/**
 * The actions the engine ranges over: every catalog action plus every action a policy names
 * literally (issue 5, point 2), each once (case-insensitively), with a memoised answer to "which of
 * them does this Action/NotAction element match" (indices into `actions`). It only grows: actions
 * named by later versions are appended (`include`) and every memoised answer is extended, so one
 * space serves every query on a catalog and indices never change.
 */
export class ActionSpace {
  readonly actions: string[] = [];
  readonly services: string[] = [];
  private readonly byLower = new Map<string, number>();
  private readonly byService = new Map<string, number[]>();
  private readonly memo = new Map<string, { readonly element: ActionElement; readonly matched: Set<number> }>();
  private readonly byStatement = new WeakMap<Statement, ReadonlySet<number>>();
  private readonly included = new WeakSet<readonly string[]>();

  constructor(catalog: ActionCatalog, named: Iterable<string> = []) {
    for (const [service, names] of catalog.services) for (const name of names) this.add(`${service}:${name}`);
    for (const action of named) if (isConcrete(action)) this.add(action);
  }

  /** Adds the concrete actions of `named` not yet in the space (once per list object). */
  include(named: readonly string[]): void {
    if (this.included.has(named)) return;
    this.included.add(named);
    const first = this.actions.length;
    for (const action of named) if (isConcrete(action)) this.add(action);
    if (this.actions.length === first) return;
    for (const { element, matched } of this.memo.values()) {
      const tests = element.patterns.map((p) => patternTest(p.toLowerCase(), true));
      for (let i = first; i < this.actions.length; i++) if (tests.some((t) => t(this.actions[i]!)) === element.positive) matched.add(i);
    }
  }

  private add(action: string): void {
    const lower = action.toLowerCase();
    if (this.byLower.has(lower)) return;
    const service = lower.slice(0, lower.indexOf(':'));
    const i = this.actions.length;
    this.actions.push(action);
    this.services.push(service);
    this.byLower.set(lower, i);
    const list = this.byService.get(service);
    if (list) list.push(i);
    else this.byService.set(service, [i]);
  }

  /** The index of an action, if the space holds it. */
  indexOf(action: string): number | undefined {
    return this.byLower.get(action.toLowerCase());
  }

  /** Every index of one service. */
  ofService(service: string): readonly number[] {
    return this.byService.get(service.toLowerCase()) ?? [];
  }

  private matchPattern(pattern: string, out: Set<number>): void {
    const lower = pattern.toLowerCase();
    const colon = lower.indexOf(':');
    const service = colon < 0 ? '' : lower.slice(0, colon);
    const test = patternTest(lower, true);
    const pool = service && !service.includes('*') && !service.includes('?') ? this.ofService(service) : this.actions.map((_a, i) => i);
    for (const i of pool) if (test(this.actions[i]!)) out.add(i);
  }

  /** Indices of the actions an element matches. */
  matching(e: ActionElement): ReadonlySet<number> {
    const key = elementKey(e);
    let hit = this.memo.get(key);
    if (!hit) {
      const matched = new Set<number>();
      for (const p of e.patterns) this.matchPattern(p, matched);
      hit = { element: e, matched: e.positive ? matched : new Set(this.actions.map((_a, i) => i).filter((i) => !matched.has(i))) };
      this.memo.set(key, hit);
    }
    return hit.matched;
  }

  /** Indices of the actions a statement's element matches, memoised on the (shared, parsed) statement. */
  matchingStatement(s: Statement): ReadonlySet<number> {
    let hit = this.byStatement.get(s);
    if (!hit) {
      hit = this.matching(actionElementOf(s));
      this.byStatement.set(s, hit);
    }
    return hit;
  }

  /** True when the element matches every action of the space (it then tells no actions apart). */
  isUniversal(e: ActionElement): boolean {
    return this.matching(e).size === this.actions.length;
  }
}

/** A literal action (`svc:Name`), not a pattern. */
const isConcrete = (action: string): boolean => !action.includes('*') && !action.includes('?') && action.includes(':');

/** Services whose actions the core special-cases (KMS key policies, role trust): each action is its own group. */
const SINGLETON_SERVICES = new Set(['kms', 'sts']);

/**
 * Splits action indices into groups that every element in `elements` treats alike: the same
 * service and the same matching elements, so that one representative decides for the group.
 */
export function groupActions(space: ActionSpace, candidates: readonly number[], elements: readonly ActionElement[]): number[][] {
  if (candidates.length <= 1) return candidates.length === 0 ? [] : [[...candidates]];
  const signature = new Map<number, string>(candidates.map((i) => {
    const service = space.services[i]!;
    return [i, SINGLETON_SERVICES.has(service) ? `#${i}` : service];
  }));
  const seen = new Set<string>();
  elements.forEach((e, id) => {
    const key = elementKey(e);
    if (seen.has(key)) return;
    seen.add(key);
    const matched = space.matching(e);
    if (matched.size === space.actions.length || matched.size === 0) return;
    if (matched.size < signature.size) {
      for (const i of matched) {
        const sig = signature.get(i);
        if (sig !== undefined) signature.set(i, `${sig},${id}`);
      }
    } else {
      for (const [i, sig] of signature) if (matched.has(i)) signature.set(i, `${sig},${id}`);
    }
  });
  const groups = new Map<string, number[]>();
  for (const [i, sig] of signature) {
    const g = groups.get(sig);
    if (g) g.push(i);
    else groups.set(sig, [i]);
  }
  return [...groups.values()];
}

const spaces = new WeakMap<ActionCatalog, ActionSpace>();

/**
 * The action space of a catalog, grown by the actions some versions name: one per catalog, shared
 * by every query (building it, and its memo of element matches, is the fixed cost of a query over a
 * catalog of some 20,000 actions). `named` lists are memoised per version, so each is read once.
 */
export function actionSpaceOf(catalog: ActionCatalog, named: readonly (readonly string[])[]): ActionSpace {
  let space = spaces.get(catalog);
  if (!space) spaces.set(catalog, (space = new ActionSpace(catalog)));
  for (const list of named) space.include(list);
  return space;
}
