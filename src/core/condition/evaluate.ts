import type { ConditionTrace } from '../explain/trace.js';
import type { ConditionEntry } from '../policy/types.js';
import type { RequestContext } from '../request/types.js';
import { INTERN_LIMIT, internTable } from '../compile/intern.js';
import { compilePair, NEVER, type PairTest } from './modifiers.js';
import { parseOperatorName } from './operator-name.js';
import { OPERATORS } from './registry.js';
import { parseTemplate, resolveTemplate, type Template } from './variables.js';

/**
 * One statement's `Condition` block (IAM User Guide, "Conditions with multiple context keys or
 * values"): operators and keys are ANDed, the values of one key are ORed.
 */
export interface CompiledCondition {
  /** Context keys read: condition keys and keys used in policy variables (as written). */
  readonly keys: readonly string[];
  /** True when every operator/key pair matches (pairs ANDed, values within a pair ORed). When `trace`
   *  is given, evaluate ALL pairs (no short-circuit) and push one ConditionTrace per pair. */
  evaluate(ctx: RequestContext, trace?: ConditionTrace[]): boolean;
}

interface CompiledPair {
  readonly entry: ConditionEntry;
  /** The key lower-cased once, so lookups on the hot path allocate nothing. */
  readonly key: string;
  readonly values: readonly Template[];
  readonly test: PairTest;
}

const ALWAYS: CompiledCondition = Object.freeze({ keys: Object.freeze([]), evaluate: () => true });

/** Parses the operator name and policy values of one pair, once. */
function compileEntry(entry: ConditionEntry, variablesEnabled: boolean): CompiledPair {
  const name = parseOperatorName(entry.operator);
  const spec = name && OPERATORS[name.base];
  // Variables apply only to operators that accept them (IAM User Guide, "Variables and tags":
  // string and ARN operators; "Condition operators" adds Boolean); elsewhere `${...}` is literal.
  const variables = variablesEnabled && spec?.kind === 'value' && spec.variables;
  const values = entry.values.map((v) => parseTemplate(v, variables));
  const test = name && spec ? compilePair(name, spec, values) : NEVER;
  return { entry, key: entry.key.toLowerCase(), values, test };
}

/** Condition keys and variable keys, first spelling kept; key names are case-insensitive. */
function readKeys(pairs: readonly CompiledPair[]): string[] {
  const seen = new Map<string, string>();
  for (const { entry, values } of pairs) {
    for (const key of [entry.key, ...values.flatMap((v) => v.keys)]) {
      if (!seen.has(key.toLowerCase())) seen.set(key.toLowerCase(), key);
    }
  }
  return [...seen.values()];
}

/** Evaluates one pair and records it. */
function tracePair(pair: CompiledPair, ctx: RequestContext, trace: ConditionTrace[]): boolean {
  const requestValues = ctx.get(pair.entry.key);
  const matched = pair.test(requestValues, ctx);
  trace.push({
    operator: pair.entry.operator,
    key: pair.entry.key,
    policyValues: pair.values.map((v) => resolveTemplate(v, ctx) ?? v.source),
    requestValues: requestValues ?? null,
    matched,
  });
  return matched;
}

const shared = internTable<CompiledCondition>(INTERN_LIMIT);

/**
 * Compiles a `Condition` block once; an empty block is always true. Blocks written the same way
 * (operators, keys and values as written, and the variable setting) share one compiled form.
 */
export function compileCondition(entries: readonly ConditionEntry[], variablesEnabled: boolean): CompiledCondition {
  if (entries.length === 0) return ALWAYS;
  return shared(JSON.stringify([variablesEnabled, entries]), () => compileBlock(entries, variablesEnabled));
}

function compileBlock(entries: readonly ConditionEntry[], variablesEnabled: boolean): CompiledCondition {
  const pairs = entries.map((e) => compileEntry(e, variablesEnabled));
  return {
    keys: readKeys(pairs),
    evaluate(ctx, trace) {
      if (trace) {
        let all = true;
        for (const pair of pairs) all = tracePair(pair, ctx, trace) && all;
        return all;
      }
      for (const pair of pairs) if (!pair.test(ctx.get(pair.key), ctx)) return false;
      return true;
    },
  };
}
