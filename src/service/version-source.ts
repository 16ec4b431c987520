import type { ModelStore } from '../model/ports.js';
import type { VersionSource } from './decisions.js';

/** Version numbers for the decision service, read from the model store. */
export function versionSourceOf(store: ModelStore): VersionSource {
  return {
    latestVersion: async (org) => (await store.getOrganization(org)).latestVersion,
    checkVersion: async (org, version) => void (await store.getVersion(org, version)),
  };
}
