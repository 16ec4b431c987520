import { ConflictError, StoreError, UnavailableError } from './errors.js';

/** SQLSTATEs meaning the database is missing, shutting down or out of connections (plus classes 08 and 28). */
const UNAVAILABLE_SQLSTATES = new Set(['3D000', '57P01', '57P02', '57P03', '53300', '58000', '58030']);

/** Node socket errors raised by `pg` before any SQLSTATE exists. */
const UNAVAILABLE_NODE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'EAI_AGAIN']);

/** `pg` messages for a dropped or never-established connection (they carry no code). */
const UNAVAILABLE_MESSAGES = /Connection terminated|connection timeout|timeout exceeded when trying to connect|Client has encountered a connection error|Cannot use a pool after calling end/i;

function codeOf(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null || !('code' in error)) return undefined;
  const code = (error as { code: unknown }).code;
  return typeof code === 'string' ? code : undefined;
}

/**
 * Maps a driver error (pg or PGlite) to a store error class by SQLSTATE — unique violation →
 * ConflictError, connection classes 08/28 and 57P0x → UnavailableError, other integrity violations →
 * StoreError('CONSTRAINT') — and returns anything else unchanged (PostgreSQL Appendix A).
 */
export function mapSqlError(error: unknown): unknown {
  if (error instanceof StoreError) return error;
  const code = codeOf(error);
  const message = error instanceof Error ? error.message : String(error);
  if (code === '23505') return new ConflictError(message, { cause: error });
  if (code === '40001' || code === '40P01') return new ConflictError(`concurrent update: ${message}`, { cause: error });
  if (code !== undefined && code.startsWith('23')) return new StoreError('CONSTRAINT', message, { cause: error });
  if (code !== undefined && (code.startsWith('08') || code.startsWith('28') || UNAVAILABLE_SQLSTATES.has(code) || UNAVAILABLE_NODE_CODES.has(code))) {
    return new UnavailableError(`database unavailable: ${message}`, { cause: error });
  }
  if (code === undefined && UNAVAILABLE_MESSAGES.test(message)) return new UnavailableError(`database unavailable: ${message}`, { cause: error });
  return error;
}
