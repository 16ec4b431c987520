/**
 * Bad input to the effective-access engine (an unknown principal, a malformed action): a client
 * error, which the service maps to BAD_REQUEST. `field` names the offending argument.
 */
export class AccessInputError extends Error {
  override readonly name = 'AccessInputError';

  constructor(readonly field: string, message: string) {
    super(`${field} ${message}`);
  }
}
