/**
 * Which stored resource holds the policy of a requested resource. S3 has no object-level resource
 * policies: a request on `arn:aws:s3:::bucket/key` is governed by the bucket's policy (S3 User
 * Guide, "Bucket policies"; object tags reach conditions through the request, as
 * `s3:ExistingObjectTag/…`). So the model stores buckets, never objects, and every object of a
 * bucket shares the bucket's snapshot: one cache entry per bucket, not one per object.
 */

const S3_OBJECT = /^arn:([^:]+):s3:::([^/]+)\/.*$/s;

/** `arn:aws:s3:::bucket` for an S3 object ARN; undefined for anything else. */
export function s3BucketOfObject(arn: string): string | undefined {
  const m = S3_OBJECT.exec(arn);
  return m ? `arn:${m[1]}:s3:::${m[2]}` : undefined;
}

/** The key of the stored resource that governs `arn`: the bucket for an S3 object, else `arn` itself. */
export const governingResourceArn = (arn: string): string => s3BucketOfObject(arn) ?? arn;
