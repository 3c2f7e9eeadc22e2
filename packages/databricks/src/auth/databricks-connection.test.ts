import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { DatabricksAuthError } from './auth-error.js';
import { resolveDatabricksConfig } from './databricks-connection.js';

const dir = mkdtempSync(join(tmpdir(), 'synthgraph-auth-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const ENV_TOKEN = 'dapi0123456789abcdef0123456789abcdef';
const OPT_TOKEN = 'dapifedcba9876543210fedcba9876543210';
const PROFILE_TOKEN = 'dapi00000000111111112222222233333333';
const SECRET = 'dose0123456789abcdef0123456789abcdef';

const cfgFile = join(dir, 'databrickscfg');
writeFileSync(
  cfgFile,
  [
    '[DEFAULT]',
    'host = https://default.cloud.databricks.com',
    `token = ${PROFILE_TOKEN}`,
    '',
    '[staging]',
    'host = https://staging.cloud.databricks.com',
    `token = ${PROFILE_TOKEN}`,
    'warehouse_id = abc123',
    '',
    '[sp]',
    'host = https://sp.cloud.databricks.com',
    'client_id = 11111111-2222-3333-4444-555555555555',
    `client_secret = ${SECRET}`,
    'http_path = /sql/1.0/warehouses/fromprofile',
    '',
  ].join('\n'),
);
const missingFile = join(dir, 'does-not-exist');

describe('resolveDatabricksConfig precedence', () => {
  it('explicit options beat the environment', async () => {
    const conn = await resolveDatabricksConfig({
      host: 'https://opt.cloud.databricks.com',
      token: OPT_TOKEN,
      warehouseId: 'optwh',
      env: { DATABRICKS_HOST: 'https://env.cloud.databricks.com', DATABRICKS_TOKEN: ENV_TOKEN, DATABRICKS_WAREHOUSE_ID: 'envwh', DATABRICKS_CONFIG_FILE: missingFile },
    });
    expect(conn.host).toBe('https://opt.cloud.databricks.com');
    expect(conn.authType).toBe('pat');
    expect(conn.httpPath).toBe('/sql/1.0/warehouses/optwh');
    expect(conn.sources).toEqual({ host: 'options', credentials: 'options', httpPath: 'options' });
    const sql = conn.sqlConnectOptions();
    expect(sql).toMatchObject({ host: 'opt.cloud.databricks.com', path: '/sql/1.0/warehouses/optwh', authType: 'access-token', token: OPT_TOKEN });
  });

  it('explicit OAuth client credentials win over a token in the environment', async () => {
    const conn = await resolveDatabricksConfig({
      host: 'https://opt.cloud.databricks.com',
      clientId: 'app-id',
      clientSecret: SECRET,
      httpPath: '/sql/1.0/warehouses/x1',
      env: { DATABRICKS_TOKEN: ENV_TOKEN, DATABRICKS_CONFIG_FILE: missingFile },
    });
    expect(conn.authType).toBe('oauth-m2m');
    expect(conn.sqlConnectOptions()).toMatchObject({ authType: 'databricks-oauth', oauthClientId: 'app-id', oauthClientSecret: SECRET, path: '/sql/1.0/warehouses/x1' });
  });

  it('reads host, token and warehouse from the environment', async () => {
    const conn = await resolveDatabricksConfig({
      env: { DATABRICKS_HOST: 'env.cloud.databricks.com', DATABRICKS_TOKEN: ENV_TOKEN, DATABRICKS_HTTP_PATH: '/sql/1.0/warehouses/envpath', DATABRICKS_CONFIG_FILE: cfgFile },
    });
    // The SDK adds the scheme; a host from the environment means the profile is not read.
    expect(conn.host).toBe('https://env.cloud.databricks.com');
    expect(conn.sources).toEqual({ host: 'env', credentials: 'env', httpPath: 'env' });
    expect(conn.sqlConnectOptions()).toMatchObject({ token: ENV_TOKEN, path: '/sql/1.0/warehouses/envpath' });
  });

  it('OAuth M2M from DATABRICKS_CLIENT_ID / DATABRICKS_CLIENT_SECRET', async () => {
    const conn = await resolveDatabricksConfig({
      env: { DATABRICKS_HOST: 'https://adb-1.2.azuredatabricks.net', DATABRICKS_CLIENT_ID: 'sp-app', DATABRICKS_CLIENT_SECRET: SECRET, DATABRICKS_WAREHOUSE_ID: 'w1', DATABRICKS_CONFIG_FILE: missingFile },
    });
    expect(conn.authType).toBe('oauth-m2m');
    expect(conn.sources.credentials).toBe('env');
    expect(conn.sqlConnectOptions()).toMatchObject({ host: 'adb-1.2.azuredatabricks.net', authType: 'databricks-oauth', oauthClientId: 'sp-app', useDatabricksOAuthInAzure: true });
  });

  it('falls back to the DEFAULT profile of the config file', async () => {
    const conn = await resolveDatabricksConfig({ env: { DATABRICKS_CONFIG_FILE: cfgFile } });
    expect(conn.host).toBe('https://default.cloud.databricks.com');
    expect(conn.sources).toEqual({ host: 'profile', credentials: 'profile', httpPath: undefined });
    expect(() => conn.sqlConnectOptions()).toThrow(DatabricksAuthError);
  });

  it('DATABRICKS_CONFIG_PROFILE selects a profile; its warehouse_id gives the HTTP path', async () => {
    const conn = await resolveDatabricksConfig({ env: { DATABRICKS_CONFIG_FILE: cfgFile, DATABRICKS_CONFIG_PROFILE: 'staging' } });
    expect(conn.host).toBe('https://staging.cloud.databricks.com');
    expect(conn.profile).toBe('staging');
    expect(conn.httpPath).toBe('/sql/1.0/warehouses/abc123');
    expect(conn.sources.httpPath).toBe('profile');
  });

  it('environment values beat the values of an explicitly selected profile', async () => {
    const conn = await resolveDatabricksConfig({ profile: 'staging', configFile: cfgFile, env: { DATABRICKS_TOKEN: ENV_TOKEN, DATABRICKS_WAREHOUSE_ID: 'envwh' } });
    expect(conn.host).toBe('https://staging.cloud.databricks.com');
    expect(conn.sqlConnectOptions()).toMatchObject({ token: ENV_TOKEN, path: '/sql/1.0/warehouses/envwh' });
  });

  it('a service-principal profile with http_path', async () => {
    const conn = await resolveDatabricksConfig({ profile: 'sp', configFile: cfgFile, env: {} });
    expect(conn.authType).toBe('oauth-m2m');
    expect(conn.httpPath).toBe('/sql/1.0/warehouses/fromprofile');
    expect(conn.sqlConnectOptions()).toMatchObject({ authType: 'databricks-oauth', oauthClientId: '11111111-2222-3333-4444-555555555555' });
  });

  it('builds a WorkspaceClient on the resolved SDK Config', async () => {
    const conn = await resolveDatabricksConfig({ host: 'https://opt.cloud.databricks.com', token: OPT_TOKEN, env: {} });
    const client = conn.workspaceClient();
    expect(await client.config.getHost()).toEqual(new URL('https://opt.cloud.databricks.com'));
    expect(client.config.authType).toBe('pat');
    expect(conn.workspaceClient()).toBe(client);
  });
});

describe('resolveDatabricksConfig errors', () => {
  const fails = async (p: Promise<unknown>): Promise<DatabricksAuthError> => {
    const e = await p.then(
      () => undefined,
      (x: unknown) => x,
    );
    expect(e).toBeInstanceOf(DatabricksAuthError);
    return e as DatabricksAuthError;
  };

  it('no host', async () => {
    const e = await fails(resolveDatabricksConfig({ token: OPT_TOKEN, env: { DATABRICKS_CONFIG_FILE: missingFile } }));
    expect(e.code).toBe('AUTH_INVALID');
    expect(e.issues[0]?.path).toBe('host');
  });

  it('no credentials', async () => {
    const e = await fails(resolveDatabricksConfig({ host: 'https://x.cloud.databricks.com', env: { DATABRICKS_CONFIG_FILE: missingFile } }));
    expect(e.issues[0]?.path).toBe('credentials');
  });

  it('an unknown profile', async () => {
    const e = await fails(resolveDatabricksConfig({ profile: 'nope', configFile: cfgFile, env: {} }));
    expect(e.message).toContain('nope');
    expect(e.issues[0]?.path).toBe('profile');
  });

  it('two credential kinds in the environment, without leaking either', async () => {
    const e = await fails(
      resolveDatabricksConfig({ env: { DATABRICKS_HOST: 'https://x.cloud.databricks.com', DATABRICKS_TOKEN: ENV_TOKEN, DATABRICKS_CLIENT_ID: 'a', DATABRICKS_CLIENT_SECRET: SECRET } }),
    );
    expect(e.message).toMatch(/more than one authorization method/);
    for (const text of [e.message, String(e), JSON.stringify(e), inspect(e, { depth: Infinity })]) {
      expect(text).not.toContain(ENV_TOKEN);
      expect(text).not.toContain(SECRET);
    }
  });

  it('a token with client credentials in the options', async () => {
    const e = await fails(resolveDatabricksConfig({ host: 'https://x', token: OPT_TOKEN, clientId: 'a', clientSecret: SECRET, env: {} }));
    expect(e.issues[0]?.path).toBe('token');
  });

  it('an invalid warehouse id names the field', async () => {
    const e = await fails(resolveDatabricksConfig({ host: 'https://x', token: OPT_TOKEN, warehouseId: 'abc/../../x', env: {} }));
    expect(e.issues[0]?.path).toBe('warehouseId');
  });
});

describe('a resolved connection never shows its secrets', () => {
  it('toString, JSON and inspect show only the summary', async () => {
    const conn = await resolveDatabricksConfig({ host: 'https://opt.cloud.databricks.com', token: OPT_TOKEN, warehouseId: 'w', env: {} });
    for (const text of [String(conn), JSON.stringify(conn), inspect(conn, { depth: Infinity, showHidden: true }), inspect({ conn }, { depth: Infinity })]) {
      expect(text).not.toContain(OPT_TOKEN);
      expect(text).toContain('opt.cloud.databricks.com');
    }
  });
});
