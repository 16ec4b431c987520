// The operations preloaded in the IDE (one tab each): the README's walkthrough against the demo
// organization that `npm start` seeds. test/integration/ide-examples.test.ts runs every one.

/** One IDE tab: a named operation with its variables. */
export interface IdeExample {
  readonly name: string;
  readonly query: string;
  readonly variables: Readonly<Record<string, unknown>>;
}

const AUTHORIZE = `query Authorize($request: StoredAuthorizationRequestInput!) {
  authorize(org: "demo", request: $request) {
    version
    decision
    blockedBy
    decisiveStatements { layer policyId sid }
  }
}`;

/** The examples, in tab order. */
export const IDE_EXAMPLES: readonly IdeExample[] = [
  {
    name: '1. authorize: an instance role reads a bucket prefix',
    query: AUTHORIZE,
    variables: {
      request: {
        principal: 'arn:aws:sts::111111111111:assumed-role/WebAppInstanceRole/i-0abc',
        action: 's3:GetObject',
        resource: 'arn:aws:s3:::demo-app-assets/public/logo.png',
      },
    },
  },
  {
    name: '2. authorize: the production SCP denies terminating instances',
    query: AUTHORIZE,
    variables: {
      request: {
        principal: 'arn:aws:sts::333333333333:assumed-role/ProdAdmin/ops',
        action: 'ec2:TerminateInstances',
        resource: 'arn:aws:ec2:eu-west-1:333333333333:instance/i-0123456789abcdef0',
      },
    },
  },
  {
    name: '3. explain: assuming the audit role without MFA',
    query: `query Explain($request: StoredAuthorizationRequestInput!) {
  explain(org: "demo", request: $request) {
    decision
    blockedBy
    explanation {
      missingContextKeys
      layers { layer outcome statements { ref { policyId sid } matched conditions { operator key matched } } }
    }
  }
}`,
    variables: {
      request: {
        principal: 'arn:aws:iam::222222222222:user/alice',
        action: 'sts:AssumeRole',
        resource: 'arn:aws:iam::333333333333:role/SecurityAudit',
        context: { 'sts:ExternalId': 'audit-7f3c' },
      },
    },
  },
  {
    name: '4. authorizeBatch: a permissions boundary',
    query: `query Batch($requests: [StoredAuthorizationRequestInput!]!) {
  authorizeBatch(org: "demo", requests: $requests) {
    index
    result { decision blockedBy }
    error { code message }
  }
}`,
    variables: {
      requests: [
        { principal: 'arn:aws:iam::111111111111:user/carol', action: 'ec2:RunInstances', resource: '*' },
        { principal: 'arn:aws:iam::111111111111:user/carol', action: 'iam:CreateUser', resource: 'arn:aws:iam::111111111111:user/intern' },
      ],
    },
  },
  {
    name: '5. simulate: policies given inline',
    query: `query Simulate($request: AuthorizationRequestInput!, $policies: PolicySetInput!) {
  simulate(request: $request, policies: $policies) {
    decision
    blockedBy
    decisiveStatements { layer policyId statementIndex sid }
  }
}`,
    variables: {
      request: { principal: 'arn:aws:iam::111122223333:role/App', action: 's3:GetObject', resource: 'arn:aws:s3:::reports/q1.csv' },
      policies: {
        identity: [
          { Version: '2012-10-17', Statement: [{ Sid: 'ReadReports', Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::reports/*' }] },
        ],
      },
    },
  },
  {
    name: '6. organizations and versions',
    query: `query Organizations {
  organizations { id name latestVersion }
  organization(id: "demo") { versions(first: 5) { edges { node { version message author changeCount } } } }
}`,
    variables: {},
  },
];
