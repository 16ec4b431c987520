/** An ARN split into its parts (IAM User Guide, "IAM identifiers", ARN format). */
export interface Arn {
  readonly partition: string;
  readonly service: string;
  readonly region: string;
  readonly account: string;
  /** Everything after the fifth colon, e.g. `role/path/Name` or `bucket/key`. */
  readonly resource: string;
}

/** Parses `arn:partition:service:region:account:resource`; undefined when the text is not an ARN. */
export function parseArn(text: string): Arn | undefined {
  if (!text.startsWith('arn:')) return undefined;
  const c1 = 3;
  const c2 = text.indexOf(':', c1 + 1);
  const c3 = c2 < 0 ? -1 : text.indexOf(':', c2 + 1);
  const c4 = c3 < 0 ? -1 : text.indexOf(':', c3 + 1);
  const c5 = c4 < 0 ? -1 : text.indexOf(':', c4 + 1);
  if (c5 < 0) return undefined;
  const partition = text.slice(c1 + 1, c2);
  const service = text.slice(c2 + 1, c3);
  if (!partition || !service) return undefined;
  return { partition, service, region: text.slice(c3 + 1, c4), account: text.slice(c4 + 1, c5), resource: text.slice(c5 + 1) };
}
