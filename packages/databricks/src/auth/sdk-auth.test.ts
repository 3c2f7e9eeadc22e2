/**
 * Every way the Databricks CLI authenticates works here too, because the SDK's own resolution
 * (`config.authenticate()`) is used: profiles for a personal access token, OAuth M2M, a
 * Databricks CLI login and an Azure workspace without `auth_type`, against locally served
 * endpoints (the CLIs are stand-in scripts on PATH).
 */
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeWorkspace, type FakeWorkspace, type FakeWorkspaceServer } from '../../test/support/fake-workspace-server.js';
import { DatabricksAuthError } from './auth-error.js';
import { resolveDatabricksConfig } from './databricks-connection.js';

const PAT = 'dapi-profile-pat-0123456789abcdef';
const ISSUED = 'eyJ-oauth-issued-token-0123456789';
const CLIENT = { clientId: '7f3a0c9e-1b2d-4e5f-8a9b-0c1d2e3f4a5b', clientSecret: 'dose-m2m-secret-0123456789abcdef' };
const AZ_TOKEN = 'eyJ-azure-cli-token-0123456789abcdef';

const dir = mkdtempSync(join(tmpdir(), 'synthgraph-sdk-auth-'));
const bin = join(dir, 'bin');
const cfgFile = join(dir, 'databrickscfg');
let server: FakeWorkspaceServer;
const savedPath = process.env.PATH;

const workspace = (token: string): FakeWorkspace => ({
  token,
  me: { userName: 'alice@example.com', groups: [] },
  catalogs: { main: { owner: 'alice@example.com' } },
  schemas: {},
  grants: [],
  oauthClient: CLIENT,
});

function script(name: string, body: string): void {
  writeFileSync(join(bin, name), `#!/bin/sh\n${body}\n`);
  chmodSync(join(bin, name), 0o755);
}

beforeAll(async () => {
  server = await startFakeWorkspace(workspace(PAT));
  mkdirSync(bin);
  // Stand-ins for `az account get-access-token` and `databricks auth token` (their JSON outputs).
  script('az', `echo '{"accessToken": "${AZ_TOKEN}", "expiresOn": "2099-01-01 00:00:00.000000", "tokenType": "Bearer"}'`);
  script('databricks', `if [ "$1" = version ]; then echo 0.250.0; else echo '{"access_token": "${ISSUED}", "token_type": "Bearer", "expiry": "2099-01-01T00:00:00Z"}'; fi`);
  writeFileSync(
    cfgFile,
    [
      '[pat]',
      `host = ${server.url}`,
      `token = ${PAT}`,
      '',
      '[m2m]',
      `host = ${server.url}`,
      `client_id = ${CLIENT.clientId}`,
      `client_secret = ${CLIENT.clientSecret}`,
      '',
      '[cli-login]',
      `host = ${server.url}`,
      '',
      '[azure]',
      'host = https://adb-1234567890123456.7.azuredatabricks.net',
      'warehouse_id = abc123',
      '',
    ].join('\n'),
  );
});

afterAll(async () => {
  process.env.PATH = savedPath;
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

const env = (profile: string) => ({ DATABRICKS_CONFIG_FILE: cfgFile, DATABRICKS_CONFIG_PROFILE: profile });

describe('authentication through the SDK resolution', () => {
  it('a PAT profile: the token goes to the workspace as a bearer token', async () => {
    server.setWorkspace(workspace(PAT));
    const conn = await resolveDatabricksConfig({ env: env('pat'), retryTimeoutSeconds: 5 });
    expect([conn.authType, conn.sdkAuthType]).toEqual(['pat', 'pat']);
    expect((await conn.workspaceClient().currentUser.me()).userName).toBe('alice@example.com');
  });

  it('an OAuth M2M profile: the client credentials are exchanged at the workspace token endpoint', async () => {
    server.setWorkspace(workspace(ISSUED));
    const conn = await resolveDatabricksConfig({ env: env('m2m'), retryTimeoutSeconds: 5 });
    expect([conn.authType, conn.sdkAuthType]).toEqual(['oauth-m2m', 'oauth-m2m']);
    server.requests.length = 0;
    expect((await conn.workspaceClient().currentUser.me()).userName).toBe('alice@example.com');
    expect(server.requests.map((r) => `${r.method} ${r.path}`)).toContain('POST /oidc/v1/token');
    expect(server.requests.at(-1)?.authorization).toBe(`Bearer ${ISSUED}`);
  });

  it('a profile with only a host: the Databricks CLI login the SDK finds is used, for REST and SQL', async () => {
    process.env.PATH = bin;
    try {
      server.setWorkspace(workspace(ISSUED));
      const conn = await resolveDatabricksConfig({ env: env('cli-login'), warehouseId: 'abc123', retryTimeoutSeconds: 5 });
      expect([conn.authType, conn.sdkAuthType]).toEqual(['sdk', 'databricks-cli']);
      expect((await conn.workspaceClient().currentUser.me()).userName).toBe('alice@example.com');
      const sql = conn.sqlConnectOptions();
      expect(sql.authType).toBe('external-token');
      expect(await (sql as { getToken: () => Promise<string> }).getToken()).toBe(ISSUED);
    } finally {
      process.env.PATH = savedPath;
    }
  });

  it('an Azure workspace profile without auth_type: the Azure CLI login is used (no longer "No usable credentials")', async () => {
    process.env.PATH = bin;
    // Without a Databricks CLI login, the SDK goes on to the Azure methods.
    rmSync(join(bin, 'databricks'));
    try {
      const conn = await resolveDatabricksConfig({ env: env('azure'), retryTimeoutSeconds: 5 });
      expect([conn.authType, conn.sdkAuthType]).toEqual(['sdk', 'azure-cli']);
      const sql = conn.sqlConnectOptions();
      expect(sql).toMatchObject({ host: 'adb-1234567890123456.7.azuredatabricks.net', path: '/sql/1.0/warehouses/abc123', authType: 'external-token' });
      expect(await (sql as { getToken: () => Promise<string> }).getToken()).toBe(AZ_TOKEN);
    } finally {
      process.env.PATH = savedPath;
    }
  });

  it('with no method at all, the error names what to set and shows no secret', async () => {
    process.env.PATH = bin;
    try {
      const e = await resolveDatabricksConfig({ host: server.url, env: { DATABRICKS_CONFIG_FILE: join(dir, 'none') }, retryTimeoutSeconds: 5 }).catch((x: unknown) => x);
      expect(e).toBeInstanceOf(DatabricksAuthError);
      expect((e as Error).message).toMatch(/^No usable credentials for http:\/\/127\.0\.0\.1:\d+/);
      expect((e as DatabricksAuthError).issues[0]?.fix).toMatch(/DATABRICKS_TOKEN/);
    } finally {
      process.env.PATH = savedPath;
    }
  });
});
