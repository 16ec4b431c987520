import type { ModelService } from './model.js';
import { DEMO_CHANGES, DEMO_ORG } from './demo-organization.js';

/**
 * Seeds the `demo` organization (one commit on top of version 0) when the database holds no
 * organization at all; returns whether it did. A database with any organization is left alone.
 */
export async function seedDemo(model: ModelService): Promise<boolean> {
  if ((await model.listOrganizations()).length > 0) return false;
  const { id, name, awsOrgId, managementAccountId, rootId } = DEMO_ORG;
  await model.createOrganization({ id, name, awsOrgId, managementAccountId, rootId }, 'demo');
  await model.commit(id, 0, 'Demo organization: classic IAM situations (see README)', 'demo', DEMO_CHANGES);
  return true;
}
