import { withLru } from '../../src/cache/snapshots.js';
import { defineCacheContract } from './cache-contract.js';

defineCacheContract('in-process LRU', async (store) => {
  const source = withLru({ principals: 100, resources: 100 }, store);
  return {
    source,
    hits: () => source.stats().principals.hits + source.stats().resources.hits,
    close: async () => undefined,
  };
});

defineCacheContract('in-process LRU of one entry per kind (evicting constantly)', async (store) => {
  const source = withLru({ principals: 1, resources: 1 }, store);
  return {
    source,
    hits: () => source.stats().principals.hits + source.stats().resources.hits,
    close: async () => undefined,
  };
});
