import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IDE_EXAMPLES } from '../../src/server/ide-examples.js';
import { startApp, type TestApp } from '../helpers/app.js';
import { gql } from '../helpers/graphql.js';

// The IDE page and its locally served files (issue 6, point 6); the browser run is ide.e2e.test.ts.

let app: TestApp;
beforeAll(async () => {
  app = await startApp({ demoSeed: true, graphqlIntrospection: true });
});
afterAll(() => app.stop());

describe('GET /graphql from a browser', () => {
  it('serves the IDE page, loading its scripts from this server only', async () => {
    const res = await fetch(app.url, { headers: { accept: 'text/html,application/xhtml+xml' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await res.text();
    expect(html).toContain('<base href="/ide/">');
    expect(html).toContain('AltairGraphQL.init(');
    for (const example of IDE_EXAMPLES) expect(html).toContain(example.name);
    const external = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]!).filter((u) => /^(https?:)?\/\//.test(u));
    expect(external).toEqual([]);
  });

  it('serves the files the page references, with content types', async () => {
    const html = await (await fetch(app.url, { headers: { accept: 'text/html' } })).text();
    const files = [...html.matchAll(/(?:src|href)="([^"]+\.(?:js|css))"/g)].map((m) => m[1]!);
    expect(files.length).toBeGreaterThan(2);
    for (const file of files) {
      const res = await fetch(new URL(`/ide/${file}`, app.url));
      expect(res.status, file).toBe(200);
      expect(res.headers.get('content-type'), file).toMatch(file.endsWith('.js') ? /javascript/ : /text\/css/);
    }
  });

  it.each(['/ide/../../package.json', '/ide/%2e%2e/%2e%2e/package.json', '/ide/nope.js'])('404 for %s', async (path) => {
    const res = await fetch(new URL(path, app.url));
    expect(res.status).toBe(404);
  });

  it('still answers GraphQL GET requests', async () => {
    const url = new URL(app.url);
    url.searchParams.set('query', '{ __typename }');
    const res = await fetch(url, { headers: { accept: 'application/json', 'apollo-require-preflight': 'true' } });
    expect(await res.json()).toEqual({ data: { __typename: 'Query' } });
  });
});

describe('the preloaded examples', () => {
  it.each(IDE_EXAMPLES.map((e) => [e.name, e] as const))('%s runs without errors against the demo organization', async (_name, example) => {
    const res = await gql(app.url, example.query, { ...example.variables });
    expect(res.errors).toBeUndefined();
    expect(res.data).toBeTruthy();
  });
});
