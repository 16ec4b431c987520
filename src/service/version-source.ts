import type { ModelStore, VersionSource } from '../model/ports.js';

/** Version numbers for the decision service, read from the model store (always current). */
export function versionSourceOf(store: ModelStore): VersionSource {
  return {
    latestVersion: async (org) => (await store.getOrganization(org)).latestVersion,
    checkVersion: async (org, version) => void (await store.getVersion(org, version)),
  };
}
