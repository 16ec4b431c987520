/** The IAM entity types named in IAM ARNs that the model stores. */
export type IamArnType = 'user' | 'group' | 'role' | 'policy';

/** An IAM ARN split as the model needs it (IAM User Guide, "IAM identifiers": `arn:aws:iam::123456789012:user/path/Name`). */
export interface IamArn {
  readonly partition: string;
  /** 12-digit account id, or `aws` for AWS managed policies. */
  readonly account: string;
  readonly type: IamArnType;
  /** `/` or `/a/b/`. */
  readonly path: string;
  readonly name: string;
}

const IAM_ARN = /^arn:(aws|aws-cn|aws-us-gov|aws-iso(?:-[a-z])?):iam::(\d{12}|aws):(user|group|role|policy)(\/(?:[\x21-\x7e]*\/)?)([\w+=,.@-]+)$/;

/** Parses an IAM user, group, role or managed policy ARN; undefined when it is not one. */
export function parseIamArn(arn: string): IamArn | undefined {
  const m = IAM_ARN.exec(arn);
  if (!m) return undefined;
  const [, partition = '', account = '', type = '', path = '', name = ''] = m;
  return { partition, account, type: type as IamArnType, path, name };
}

/** Builds an IAM ARN from its parts (the inverse of `parseIamArn`). */
export const iamArn = (a: IamArn): string => `arn:${a.partition}:iam::${a.account}:${a.type}${a.path}${a.name}`;

/** The account of any ARN (`arn:partition:service:region:account:…`), empty when it has none. */
export function arnAccount(arn: string): string | undefined {
  const parts = arn.split(':');
  return parts.length >= 6 && parts[0] === 'arn' ? parts[4] : undefined;
}
