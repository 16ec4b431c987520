import type { PolicyJson, Tags } from '../types.js';
import type { ImportProblem, ImportProblemCode } from './import-problem.js';

/** A JSON object. */
export type Json = Readonly<Record<string, unknown>>;

/** True for a JSON object (not an array, not null). */
export const isJson = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Reads untrusted JSON, collecting problems (with JSON paths) instead of throwing. */
export class JsonReader {
  readonly problems: ImportProblem[] = [];

  problem(code: ImportProblemCode, path: string, message: string, arns?: readonly string[]): void {
    this.problems.push({ code, path, message, ...(arns ? { arns } : {}) });
  }

  /** A required non-empty string member. */
  str(o: Json, field: string, path: string): string {
    const v = o[field];
    if (typeof v === 'string' && v !== '') return v;
    this.problem('INVALID_FORMAT', `${path}.${field}`, `expected a non-empty string, got ${JSON.stringify(v) ?? 'nothing'}`);
    return '';
  }

  /** An optional array member of objects (absent → empty), each with its path. */
  objects(o: Json, field: string, path: string): [Json, string][] {
    const v = o[field];
    if (v === undefined || v === null) return [];
    if (!Array.isArray(v)) {
      this.problem('INVALID_FORMAT', `${path === '$' ? '' : `${path}.`}${field}`, 'expected an array');
      return [];
    }
    return v.flatMap((item: unknown, i) => {
      const at = `${path === '$' ? '' : `${path}.`}${field}[${i}]`;
      if (isJson(item)) return [[item, at] as [Json, string]];
      this.problem('INVALID_FORMAT', at, 'expected an object');
      return [];
    });
  }

  /** An optional array member of strings (absent → empty). */
  strings(o: Json, field: string, path: string): string[] {
    const v = o[field];
    if (v === undefined || v === null) return [];
    if (Array.isArray(v) && v.every((s) => typeof s === 'string')) return v as string[];
    this.problem('INVALID_FORMAT', `${path}.${field}`, 'expected an array of strings');
    return [];
  }

  /**
   * A policy document: a JSON object (as the AWS CLI prints it), JSON text, or URL-encoded JSON
   * text (as the IAM API returns it: "The policy document returned … is URL-encoded compliant with RFC 3986").
   */
  document(value: unknown, path: string): PolicyJson {
    if (isJson(value)) return value;
    if (typeof value === 'string') {
      const parsed = parseJson(value) ?? parseJson(safeDecode(value));
      if (isJson(parsed)) return parsed;
    }
    this.problem('INVALID_DOCUMENT', path, 'expected a policy document: a JSON object, JSON text or URL-encoded JSON text');
    return {};
  }

  /** Tags as AWS lists them (`[{"Key": …, "Value": …}]`) or as a plain object. */
  tags(value: unknown, path: string): Tags {
    if (value === undefined || value === null) return {};
    if (isJson(value) && Object.values(value).every((v) => typeof v === 'string')) return value as Tags;
    if (Array.isArray(value) && value.every((t) => isJson(t) && typeof t['Key'] === 'string' && typeof t['Value'] === 'string')) {
      return Object.fromEntries((value as Json[]).map((t) => [t['Key'] as string, t['Value'] as string]));
    }
    this.problem('INVALID_FORMAT', path, 'expected tags as [{"Key": "…", "Value": "…"}] or {"key": "value"}');
    return {};
  }
}

function parseJson(text: string | undefined): unknown {
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function safeDecode(text: string): string | undefined {
  try {
    return decodeURIComponent(text);
  } catch {
    return undefined;
  }
}
