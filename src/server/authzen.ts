import type { OrgId } from '../model/types.js';
import type { BatchItem, StoredDecision, StoredRequestInput } from '../service/decisions.js';
import { ServiceError, type ErrorCode } from '../service/errors.js';

// The OpenID AuthZEN Authorization API 1.0 evaluation endpoints, mapped onto `authorizeBatch`
// (https://openid.net/specs/authorization-api-1_0.html, "Access Evaluation API", "Access
// Evaluations API", "HTTPS Binding"). The mapping is in the README, "AuthZEN".

/** The paths of the two endpoints (spec, "HTTPS Binding"). */
export const AUTHZEN_ROUTES = { evaluation: '/access/v1/evaluation', evaluations: '/access/v1/evaluations' } as const;

/** The header naming the organization when the subject does not (`subject.properties.org`). */
export const ORG_HEADER = 'x-iam-org';

/**
 * The one door from AuthZEN to the decision service (the signature of `authorizeBatch`). http.ts
 * builds it per request: an authorization check on the caller belongs in front of it.
 */
export type AuthzenDecide = (
  org: OrgId,
  version: number | null,
  requests: readonly StoredRequestInput[],
  options: { readonly now: Date; readonly atLeastVersion: number | null },
) => Promise<BatchItem[]>;

/** What one exchange needs besides its body. */
export interface AuthzenExchange {
  readonly decide: AuthzenDecide;
  /** The X-IAM-Org header, else AUTHZEN_DEFAULT_ORG. */
  readonly defaultOrg: OrgId | undefined;
  /** Most evaluations in one request (BATCH_MAX). */
  readonly batchMax: number;
  readonly now: Date;
}

/** An HTTP answer: 200 with a decision, or an error status with `{ error: { code, message } }`. */
export interface AuthzenAnswer {
  readonly status: number;
  readonly body: unknown;
}

/** `evaluations_semantic` (spec, "Evaluations semantics"); `execute_all` is the default. */
export const EVALUATION_SEMANTICS = ['execute_all', 'deny_on_first_deny', 'permit_on_first_permit'] as const;
type Semantic = (typeof EVALUATION_SEMANTICS)[number];

type Json = Readonly<Record<string, unknown>>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const isVersion = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0;

/** A 4-tuple after defaults were applied (spec, "Default values"): each key replaces the default whole. */
interface Tuple {
  readonly subject?: unknown;
  readonly action?: unknown;
  readonly resource?: unknown;
  readonly context?: unknown;
}

/** Where and what to decide for one evaluation. */
interface Mapped {
  readonly org: OrgId;
  readonly version: number | null;
  readonly atLeastVersion: number | null;
  readonly request: StoredRequestInput;
}

const problem = (message: string) => new ServiceError('BAD_REQUEST', message);

function entity(tuple: Tuple, key: 'subject' | 'resource'): { id: string; properties: Json } {
  const value = tuple[key];
  if (!isObject(value)) throw problem(`${key} is required: an object with "type" and "id"`);
  if (typeof value['type'] !== 'string' || value['type'] === '') throw problem(`${key}.type is required (a string)`);
  if (typeof value['id'] !== 'string' || value['id'] === '') throw problem(`${key}.id is required (a string)`);
  const properties = value['properties'] ?? {};
  if (!isObject(properties)) throw problem(`${key}.properties must be an object`);
  return { id: value['id'], properties };
}

/** IAM condition keys are the context entries named `service:key`; `version` and `at_least_version` steer. */
function contextOf(tuple: Tuple): { iam: Json; version: number | null; atLeastVersion: number | null } {
  const context = tuple.context ?? {};
  if (!isObject(context)) throw problem('context must be an object');
  const { version = null, at_least_version: atLeast = null } = context;
  if (version !== null && !isVersion(version)) throw problem('context.version must be a version number');
  if (atLeast !== null && !isVersion(atLeast)) throw problem('context.at_least_version must be a version number');
  const iam = Object.fromEntries(Object.entries(context).filter(([key]) => key.includes(':')));
  return { iam, version, atLeastVersion: atLeast };
}

/**
 * One evaluation as an `authorize` request: subject.id → principal, action.name → action,
 * resource.id → resource, resource.properties.account → resourceAccount, the `service:key`
 * entries of context → IAM context, subject.properties.session_policy → session policy.
 * @throws ServiceError BAD_REQUEST naming the first missing or malformed member.
 */
export function mapEvaluation(tuple: Tuple, defaultOrg: OrgId | undefined): Mapped {
  const subject = entity(tuple, 'subject');
  const resource = entity(tuple, 'resource');
  const action = tuple.action;
  if (!isObject(action) || typeof action['name'] !== 'string' || action['name'] === '') {
    throw problem('action.name is required: the IAM action, e.g. "s3:GetObject"');
  }
  const org = subject.properties['org'] ?? defaultOrg;
  if (typeof org !== 'string' || org === '') {
    throw problem(`no organization: set subject.properties.org, the ${ORG_HEADER} header, or AUTHZEN_DEFAULT_ORG`);
  }
  const account = resource.properties['account'];
  if (account !== undefined && typeof account !== 'string') throw problem('resource.properties.account must be a string');
  const { iam, version, atLeastVersion } = contextOf(tuple);
  const session = subject.properties['session_policy'];
  const request: StoredRequestInput = {
    principal: subject.id,
    action: action['name'],
    resource: resource.id,
    ...(account !== undefined && { resourceAccount: account }),
    ...(Object.keys(iam).length > 0 && { context: iam }),
    ...(session !== undefined && { sessionPolicy: session }),
  };
  return { org, version, atLeastVersion, request };
}

/** The status an item error carries in `context.error` (spec, "Errors": decisions default to closed). */
const STATUS_OF: Partial<Record<ErrorCode, number>> = { NOT_FOUND: 404, LIMIT_EXCEEDED: 400, BATCH_TOO_LARGE: 400 };

/** One evaluation's response: true only for ALLOW; the IAM outcome goes along in `context.iam`. */
function decisionOf(result: StoredDecision): Json {
  return {
    decision: result.decision === 'ALLOW',
    context: {
      iam: {
        decision: result.decision,
        version: result.version,
        blockedBy: result.blockedBy,
        decisiveStatements: result.decisiveStatements.map(({ layer, policyId, sid }) => ({ layer, policyId, ...(sid !== undefined && { sid }) })),
      },
    },
  };
}

const deniedBy = (code: ErrorCode, message: string): Json => ({
  decision: false,
  context: { error: { status: STATUS_OF[code] ?? 400, code, message } },
});

/** A client error of a whole call (unknown organization or version) becomes every item's error; others propagate. */
function itemErrorOf(error: unknown): Json {
  if (error instanceof ServiceError && ['BAD_REQUEST', 'BAD_POLICY', 'NOT_FOUND'].includes(error.code)) {
    return deniedBy(error.code, error.message);
  }
  throw error;
}

/**
 * Decides each tuple, in order. Tuples that cannot be mapped get a 400 error item; the others are
 * grouped by (organization, version) and each group is one `authorizeBatch` call.
 */
async function decideAll(tuples: readonly Tuple[], exchange: AuthzenExchange): Promise<Json[]> {
  const out: Json[] = new Array<Json>(tuples.length);
  const groups = new Map<string, { mapped: Mapped; indexes: number[]; requests: StoredRequestInput[] }>();
  tuples.forEach((tuple, index) => {
    try {
      const mapped = mapEvaluation(tuple, exchange.defaultOrg);
      const key = JSON.stringify([mapped.org, mapped.version, mapped.atLeastVersion]);
      const group = groups.get(key) ?? { mapped, indexes: [], requests: [] };
      group.indexes.push(index);
      group.requests.push(mapped.request);
      groups.set(key, group);
    } catch (error) {
      out[index] = itemErrorOf(error);
    }
  });
  for (const { mapped, indexes, requests } of groups.values()) {
    try {
      const items = await exchange.decide(mapped.org, mapped.version, requests, { now: exchange.now, atLeastVersion: mapped.atLeastVersion });
      for (const item of items) {
        out[indexes[item.index]!] = item.result ? decisionOf(item.result) : deniedBy(item.error.code, item.error.message);
      }
    } catch (error) {
      const failed = itemErrorOf(error);
      for (const index of indexes) out[index] = failed;
    }
  }
  return out;
}

/** The prefix of `results` up to and including the first deny (or permit); all of them for execute_all. */
function applySemantic(results: readonly Json[], semantic: Semantic): Json[] {
  if (semantic === 'execute_all') return [...results];
  const stopAt = semantic === 'deny_on_first_deny' ? false : true;
  const first = results.findIndex((r) => r['decision'] === stopAt);
  return first === -1 ? [...results] : results.slice(0, first + 1);
}

const badRequest = (message: string, code: ErrorCode = 'BAD_REQUEST'): AuthzenAnswer => ({ status: 400, body: { error: { code, message } } });

/** A single evaluation's answer: 400 for a malformed request, else 200 with the decision (false on a lookup error). */
function singleAnswer(result: Json): AuthzenAnswer {
  const error = (result['context'] as Json | undefined)?.['error'] as { status: number; code: ErrorCode; message: string } | undefined;
  if (error && error.status === 400) return badRequest(error.message, error.code);
  return { status: 200, body: result };
}

/** POST /access/v1/evaluation: one 4-tuple. */
export async function evaluation(body: unknown, exchange: AuthzenExchange): Promise<AuthzenAnswer> {
  if (!isObject(body)) return badRequest('the body must be a JSON object');
  const [result] = await decideAll([body], exchange);
  return singleAnswer(result!);
}

/**
 * POST /access/v1/evaluations: top-level members are defaults for each of `evaluations`; without
 * an `evaluations` array it behaves as the single evaluation (spec, "Access Evaluations API Request").
 */
export async function evaluations(body: unknown, exchange: AuthzenExchange): Promise<AuthzenAnswer> {
  if (!isObject(body)) return badRequest('the body must be a JSON object');
  const list = body['evaluations'];
  if (list !== undefined && !Array.isArray(list)) return badRequest('evaluations must be an array');
  if (list === undefined || list.length === 0) return evaluation(body, exchange);
  if (list.length > exchange.batchMax) {
    return badRequest(`at most ${exchange.batchMax} evaluations per request (got ${list.length})`, 'LIMIT_EXCEEDED');
  }
  const options = body['options'] ?? {};
  const semantic = isObject(options) ? (options['evaluations_semantic'] ?? 'execute_all') : undefined;
  if (!EVALUATION_SEMANTICS.includes(semantic as Semantic)) {
    return badRequest(`options.evaluations_semantic must be one of ${EVALUATION_SEMANTICS.join(', ')}`);
  }
  const { subject, action, resource, context } = body;
  const tuples = list.map((item): Tuple => {
    const own: Tuple = isObject(item) ? item : {};
    return {
      subject: own.subject ?? subject, action: own.action ?? action, resource: own.resource ?? resource, context: own.context ?? context,
    };
  });
  return { status: 200, body: { evaluations: applySemantic(await decideAll(tuples, exchange), semantic as Semantic) } };
}
