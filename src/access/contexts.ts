import type { ConditionEntry, Statement } from '../core/index.js';
import { FRESH, instanceOf } from './glob.js';

/** A request context the engine tries, as `authorize` takes it. */
export type TrialContext = Readonly<Record<string, string | readonly string[]>>;

/**
 * Keys AWS or the model sets from who is asking and what is asked: a caller cannot choose them, so
 * varying them would report differences no request can show. They keep the model's values.
 */
const FIXED = new Set([
  'aws:principalarn', 'aws:principalaccount', 'aws:principaltype', 'aws:username', 'aws:userid', 'aws:principalorgid',
  'aws:principalorgpaths', 'aws:resourceaccount', 'aws:resourceorgid', 'aws:resourceorgpaths', 'aws:principalisawsservice',
  'aws:principalservicename',
]);
const isFixed = (key: string): boolean => {
  const k = key.toLowerCase();
  return FIXED.has(k) || k.startsWith('aws:principaltag/') || k.startsWith('aws:resourcetag/');
};

const baseOf = (operator: string): string => operator.slice(operator.indexOf(':') + 1).replace(/IfExists$/, '');
const isSet = (operator: string): boolean => operator.includes(':');
const OUTSIDE_IP = '198.51.100.77';

function shiftDate(value: string, seconds: number): string | undefined {
  if (/^\d+$/.test(value)) return String(Number(value) + seconds);
  const t = Date.parse(value);
  return Number.isNaN(t) ? undefined : new Date(t + seconds * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/**
 * A value for which a Numeric or Date operator holds against its literals: the literal itself for
 * the inclusive and equality operators, one step past it for the strict ones, and one step past the
 * largest for NotEquals (which must differ from every literal). Undefined when no literal parses.
 */
function orderedSatisfier(base: string, literals: readonly string[]): string | undefined {
  const numeric = base.startsWith('Numeric');
  const op = base.slice(numeric ? 'Numeric'.length : 'Date'.length);
  const shift = (v: string, by: number): string | undefined => {
    if (!numeric) return shiftDate(v, by);
    const n = Number(v);
    return Number.isFinite(n) ? String(n + by) : undefined;
  };
  const valid = literals.filter((v) => shift(v, 0) !== undefined);
  if (valid.length === 0) return undefined;
  if (op === 'NotEquals') {
    const at = (v: string): number => (numeric ? Number(v) : /^\d+$/.test(v) ? Number(v) * 1000 : Date.parse(v));
    return shift(valid.reduce((a, b) => (at(b) > at(a) ? b : a)), 1);
  }
  const v = valid[0]!;
  if (op === 'LessThan') return shift(v, -1);
  if (op === 'GreaterThan') return shift(v, 1);
  return v;
}

/** Values of one key that make the entry true, then values that make it false (undefined: the key absent). */
function valuesFor(entry: ConditionEntry): { satisfy: (string | undefined)[]; other: (string | undefined)[] } {
  const base = baseOf(entry.operator);
  const literal = entry.values.map((v) => v.replace(/\$\{[^}]*\}/g, FRESH));
  const negated = /Not/.test(base);
  let inside: string[];
  if (base === 'Null') return { satisfy: [entry.values.includes('true') ? undefined : FRESH], other: [entry.values.includes('true') ? FRESH : undefined] };
  if (base === 'Bool') inside = literal;
  else if (base.startsWith('Numeric')) inside = literal.flatMap((v) => [v, String(Number(v) - 1), String(Number(v) + 1)]);
  else if (base.startsWith('Date')) inside = literal.flatMap((v) => [v, shiftDate(v, -1), shiftDate(v, 1)].filter((x): x is string => x !== undefined));
  else if (base.endsWith('IpAddress')) inside = literal.map((v) => v.split('/')[0]!);
  else inside = literal.map((v) => instanceOf(v));
  const others = base === 'Bool' ? ['true', 'false'] : base.endsWith('IpAddress') ? [OUTSIDE_IP] : [`${FRESH}-other`];
  const all = [...new Set([...inside, ...others])];
  // The ordered operators hold for some of the shifted values: try them all as satisfiers, one that
  // does hold first (`satisfying` takes the first).
  if (base.startsWith('Numeric') || base.startsWith('Date')) {
    const first = orderedSatisfier(base, literal);
    return { satisfy: first === undefined ? all : [...new Set([first, ...all])], other: [undefined] };
  }
  return negated ? { satisfy: [...others, undefined], other: inside } : { satisfy: inside, other: [...others, undefined] };
}

const toValue = (entry: ConditionEntry, v: string): string | readonly string[] => (isSet(entry.operator) ? [v] : v);

/** The context satisfying a whole condition block as far as its literals allow (first satisfier per key). */
function satisfying(s: Statement): Record<string, string | readonly string[]> {
  const out: Record<string, string | readonly string[]> = {};
  for (const entry of s.condition) {
    if (isFixed(entry.key)) continue;
    const v = valuesFor(entry).satisfy[0];
    if (v !== undefined) out[entry.key] = toValue(entry, v);
  }
  return out;
}

const MAX_TRIALS = 96;

/**
 * The contexts to try for one request beyond the base one (issue 5, point 4): each condition key of
 * the matching statements varied alone over the values its literals suggest (inside and outside each
 * value, a fresh value, absent, both Booleans, ±1 around numbers and dates); the whole condition block
 * of each changed conditional statement satisfied; and that block together with each other
 * conditional statement's. Model-supplied keys keep the model's values.
 */
export function trialContexts(matching: readonly Statement[], changed: readonly Statement[]): TrialContext[] {
  const out = new Map<string, TrialContext>();
  const add = (c: TrialContext): void => {
    if (Object.keys(c).length > 0 && out.size < MAX_TRIALS) out.set(JSON.stringify(c), c);
  };
  const conditional = matching.filter((s) => s.condition.length > 0);
  for (const s of changed.filter((x) => x.condition.length > 0)) {
    const sat = satisfying(s);
    add(sat);
    for (const t of conditional) if (t !== s) add({ ...satisfying(t), ...sat });
  }
  for (const s of conditional) {
    for (const entry of s.condition) {
      if (isFixed(entry.key)) continue;
      const { satisfy, other } = valuesFor(entry);
      for (const v of [...satisfy, ...other]) if (v !== undefined) add({ [entry.key]: toValue(entry, v) });
    }
  }
  return [...out.values()];
}

/** A context satisfying the condition blocks of all the given statements (for conditional allows). */
export function satisfyingAll(statements: readonly Statement[]): TrialContext {
  return Object.assign({}, ...statements.map(satisfying)) as TrialContext;
}
