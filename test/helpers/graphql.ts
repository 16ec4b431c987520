/** One GraphQL error as this service returns it. */
export interface GqlError {
  readonly message: string;
  readonly path?: readonly (string | number)[];
  readonly extensions?: { readonly code?: string; readonly details?: unknown; readonly [key: string]: unknown };
}

/** A GraphQL response together with its HTTP status. */
export interface GqlResponse<T> {
  readonly status: number;
  readonly data?: T | null;
  readonly errors?: readonly GqlError[];
}

/** POSTs one GraphQL operation as JSON and returns the status and the decoded body. */
export async function gql<T = Record<string, unknown>>(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<GqlResponse<T>> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: T | null; errors?: GqlError[] };
  return { status: response.status, ...body };
}
