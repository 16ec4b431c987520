/** Operational failures of the store, each with a code the service maps to its own errors. */
export class StoreError extends Error {
  constructor(readonly code: 'NOT_FOUND' | 'CONFLICT' | 'UNAVAILABLE' | 'CONSTRAINT', message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** The organization, version or entity does not exist. */
export class NotFoundError extends StoreError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('NOT_FOUND', message, options);
  }
}

/** A commit's base version is no longer the latest, or a unique key is taken. */
export class ConflictError extends StoreError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('CONFLICT', message, options);
  }
}

/** The database cannot be reached. */
export class UnavailableError extends StoreError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('UNAVAILABLE', message, options);
  }
}
