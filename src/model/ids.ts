/** Identifier formats of AWS Organizations and accounts (Organizations API Reference, "Root", "OrganizationalUnit", "Policy"). */

/** A 12-digit AWS account id. */
export const ACCOUNT_ID = /^\d{12}$/;

// AWS's own formats are stricter (`r-` + 4–32, `ou-` + 4–32 + `-` + 8–32, `p-` + 8–128 characters);
// the model checks the prefix and character set only, so hand-written models can use short ids
// such as `ou-demo-prod`.

/** An organization root id: `r-` then lower-case letters or digits. */
export const ROOT_ID = /^r-[0-9a-z]{1,32}$/;

/** An OU id: `ou-` then lower-case letters, digits and hyphens. */
export const OU_ID = /^ou-[0-9a-z][0-9a-z-]{0,68}$/;

/** A policy id: `p-` then letters, digits or underscores (e.g. `p-FullAWSAccess`). */
export const ORG_POLICY_ID = /^p-[0-9a-zA-Z_]{1,128}$/;

/** An AWS organization id, `o-` then 10–32 lower-case letters or digits. */
export const AWS_ORG_ID = /^o-[0-9a-z]{10,32}$/;

/** The kind of an org parent id: `r-…` is the root, anything else an OU. */
export const parentKind = (id: string): 'root' | 'ou' => (id.startsWith('r-') ? 'root' : 'ou');
