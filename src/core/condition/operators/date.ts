import type { ValueOperator } from '../registry.js';
import { COMPARE, type Comparison } from './numeric.js';

/**
 * Date condition operators compare instants (IAM User Guide, "Condition operators", Date condition
 * operators): values are W3C ISO 8601 dates (`2024-03-01`, `2024-03-01T12:00:00Z`, with or without a
 * zone, which then means UTC) or epoch (UNIX) seconds. Wildcards and policy variables are not allowed.
 */

const EPOCH_SECONDS = /^\d+$/;
const ISO_8601 =
  /^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:[Tt](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?([Zz]|[+-]\d{2}:?\d{2})?)?)?)?$/;

/** Minutes east of UTC for `Z`, `+hh:mm`, `-hhmm`; undefined when out of range. */
function zoneOffsetMinutes(zone: string | undefined): number | undefined {
  if (zone === undefined || zone === 'Z' || zone === 'z') return 0;
  const digits = zone.slice(1).replace(':', '');
  const hours = Number(digits.slice(0, 2));
  const minutes = Number(digits.slice(2));
  if (hours > 23 || minutes > 59) return undefined;
  return (zone[0] === '-' ? -1 : 1) * (hours * 60 + minutes);
}

const field = (text: string | undefined, fallback: number): number => (text === undefined ? fallback : Number(text));

/** Milliseconds since the epoch for ISO 8601 text; undefined when a field is out of range. */
function parseIso(text: string): number | undefined {
  const m = ISO_8601.exec(text);
  if (!m) return undefined;
  const [year, month, day] = [Number(m[1]), field(m[2], 1), field(m[3], 1)];
  const [hour, minute, second] = [field(m[4], 0), field(m[5], 0), field(m[6], 0)];
  const millis = Number((m[7] ?? '').slice(0, 3).padEnd(3, '0'));
  const offset = zoneOffsetMinutes(m[8]);
  if (offset === undefined || hour > 23 || minute > 59 || second > 59) return undefined;
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day); // not Date.UTC, which maps years 0-99 to 1900-1999
  date.setUTCHours(hour, minute, second, millis);
  if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return undefined;
  return date.getTime() - offset * 60_000;
}

/** Parses a date value to epoch milliseconds: all digits are epoch seconds, anything else ISO 8601. */
export function parseInstant(text: string): number | undefined {
  if (EPOCH_SECONDS.test(text)) return Number(text) * 1000;
  return parseIso(text);
}

/** A date operator; its policy values are parsed once. */
export function dateOperator(comparison: Comparison): ValueOperator<number> {
  const compare = COMPARE[comparison];
  return {
    variables: false,
    request: parseInstant,
    policy: (t) => {
      const policy = parseInstant(t.source);
      return policy === undefined ? () => false : (request) => compare(request, policy);
    },
  };
}
