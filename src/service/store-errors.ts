import { ConflictError, NotFoundError, StoreError, UnavailableError } from '../store/errors.js';
import { ServiceError } from './errors.js';

/**
 * The service's view of a store failure: NotFoundError → NOT_FOUND, ConflictError →
 * VERSION_CONFLICT, UnavailableError → UNAVAILABLE; anything else is returned unchanged (it will be
 * masked as INTERNAL at the edge).
 */
export function fromStoreError(error: unknown): unknown {
  if (error instanceof ServiceError) return error;
  if (error instanceof NotFoundError) return new ServiceError('NOT_FOUND', error.message, { cause: error });
  if (error instanceof ConflictError) return new ServiceError('VERSION_CONFLICT', error.message, { cause: error });
  if (error instanceof UnavailableError) {
    return new ServiceError('UNAVAILABLE', 'the database is unavailable; retry later', { cause: error });
  }
  if (error instanceof StoreError && error.code === 'UNAVAILABLE') {
    return new ServiceError('UNAVAILABLE', 'the database is unavailable; retry later', { cause: error });
  }
  return error;
}

/** Awaits a store call, translating its typed failures into ServiceErrors. */
export async function fromStore<T>(call: Promise<T>): Promise<T> {
  try {
    return await call;
  } catch (error) {
    throw fromStoreError(error);
  }
}
