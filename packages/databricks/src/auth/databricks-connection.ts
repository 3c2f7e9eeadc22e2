/**
 * Resolves a Databricks connection the way Databricks tools do (the SDK's unified
 * authentication): explicit options, then environment variables, then a profile of
 * `~/.databrickscfg` — using the SDK's own `Config` and loaders. The result builds both a
 * `WorkspaceClient` (REST: grant checks) and the options of `@databricks/sql`'s
 * `DBSQLClient.connect` (SQL warehouse execution).
 */
import { inspect } from 'node:util';
import { Config, WorkspaceClient, loadConfigFile, type ConfigOptions } from '@databricks/sdk-experimental';
import type { DBSQLClient } from '@databricks/sql';
import { DatabricksAuthError } from './auth-error.js';
import { redactText, registerSecret } from './redact.js';

/** The options of `DBSQLClient.connect` (host, path and token or OAuth credentials). Holds secrets: never log it. */
export type SqlConnectOptions = Parameters<DBSQLClient['connect']>[0];

/** How the connection authenticates. `sdk` is any other SDK method (Databricks CLI login, Azure CLI, …), bridged to the SQL driver as a bearer token. */
export type DatabricksAuthType = 'pat' | 'oauth-m2m' | 'sdk';

/** Where a setting came from. */
export type SettingSource = 'options' | 'env' | 'profile';

/** Options of {@link resolveDatabricksConfig}. Each one beats its environment variable, which beats the profile. */
export interface DatabricksConnectionOptions {
  /** Workspace URL (`DATABRICKS_HOST`), e.g. `https://adb-123.4.azuredatabricks.net`. */
  readonly host?: string;
  /** Personal access token (`DATABRICKS_TOKEN`). */
  readonly token?: string;
  /** OAuth M2M service principal application id (`DATABRICKS_CLIENT_ID`). */
  readonly clientId?: string;
  /** OAuth M2M secret (`DATABRICKS_CLIENT_SECRET`). */
  readonly clientSecret?: string;
  /** Profile of the config file (`DATABRICKS_CONFIG_PROFILE`; default `DEFAULT`). */
  readonly profile?: string;
  /** Config file (`DATABRICKS_CONFIG_FILE`; default `~/.databrickscfg`). */
  readonly configFile?: string;
  /** SQL warehouse id (`DATABRICKS_WAREHOUSE_ID`, profile `warehouse_id`) → HTTP path `/sql/1.0/warehouses/<id>`. */
  readonly warehouseId?: string;
  /** HTTP path of the warehouse (`DATABRICKS_HTTP_PATH`, profile `http_path`); beats a warehouse id given at the same level. */
  readonly httpPath?: string;
  /** Environment to read instead of `process.env` (tests, embedding). */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** How long the SDK keeps retrying REST calls on 429 and transient errors, in seconds (SDK default 300). */
  readonly retryTimeoutSeconds?: number;
}

/** What a resolved connection is, safe to log: no secret. */
export interface DatabricksConnectionSummary {
  readonly host: string;
  readonly authType: DatabricksAuthType;
  /** The SDK's name for the method (`pat`, `oauth-m2m`, `databricks-cli`, …). */
  readonly sdkAuthType: string;
  readonly profile: string | undefined;
  readonly httpPath: string | undefined;
  readonly sources: { readonly host: SettingSource; readonly credentials: SettingSource; readonly httpPath: SettingSource | undefined };
}

const WAREHOUSE_ID = /^[A-Za-z0-9]{1,64}$/;

/**
 * A resolved Databricks connection. Holds the credentials privately: its `toString`, JSON and
 * `util.inspect` forms show only the {@link DatabricksConnectionSummary}.
 *
 * @example
 * ```ts
 * const conn = await resolveDatabricksConfig({ warehouseId: 'abc123' });
 * const report = await checkGrants({ catalog: 'main', schema: 'synth', mode: 'replace' }, conn.workspaceClient());
 * const client = await new DBSQLClient().connect(conn.sqlConnectOptions());
 * ```
 */
export class DatabricksConnection implements DatabricksConnectionSummary {
  readonly host: string;
  readonly authType: DatabricksAuthType;
  readonly sdkAuthType: string;
  readonly profile: string | undefined;
  readonly httpPath: string | undefined;
  readonly sources: DatabricksConnectionSummary['sources'];
  readonly #config: Config;
  #client: WorkspaceClient | undefined;

  /** Use {@link resolveDatabricksConfig}. */
  constructor(config: Config, summary: DatabricksConnectionSummary) {
    this.#config = config;
    this.host = summary.host;
    this.authType = summary.authType;
    this.sdkAuthType = summary.sdkAuthType;
    this.profile = summary.profile;
    this.httpPath = summary.httpPath;
    this.sources = summary.sources;
  }

  /**
   * The SDK client for REST calls (Unity Catalog, SCIM), built on the resolved SDK `Config`.
   *
   * @example
   * ```ts
   * const me = await conn.workspaceClient().currentUser.me();
   * ```
   */
  workspaceClient(): WorkspaceClient {
    this.#client ??= new WorkspaceClient(this.#config, { product: 'synthgraph', productVersion: '0.1.0' });
    return this.#client;
  }

  /**
   * The options of `DBSQLClient.connect`: a token (`access-token`), OAuth M2M
   * (`databricks-oauth` with the client id and secret) or, for other SDK methods, a bearer token
   * fetched through the SDK (`external-token`). Throws {@link DatabricksAuthError} when no
   * warehouse HTTP path or id was configured. The result holds secrets: never log it.
   *
   * @example
   * ```ts
   * const client = await new DBSQLClient().connect(conn.sqlConnectOptions());
   * ```
   */
  sqlConnectOptions(): SqlConnectOptions {
    const path = this.httpPath;
    if (path === undefined) {
      throw new DatabricksAuthError('No SQL warehouse is configured.', [
        { path: 'warehouseId', message: 'neither a warehouse id nor an HTTP path was given', fix: 'pass warehouseId or httpPath, or set DATABRICKS_WAREHOUSE_ID / DATABRICKS_HTTP_PATH' },
      ]);
    }
    const url = new URL(this.host);
    // checkServerCertificate is the driver's default; it is spelled out so that it stays on.
    const base = { host: url.hostname, path, userAgentEntry: 'synthgraph', checkServerCertificate: true, ...(url.port ? { port: Number(url.port) } : {}) };
    const config = this.#config;
    switch (this.authType) {
      case 'pat':
        return { ...base, authType: 'access-token', token: config.token ?? '' };
      case 'oauth-m2m':
        return {
          ...base,
          authType: 'databricks-oauth',
          oauthClientId: config.clientId ?? '',
          oauthClientSecret: config.clientSecret ?? '',
          ...(config.isAzure() ? { useDatabricksOAuthInAzure: true } : {}),
        };
      case 'sdk':
        return {
          ...base,
          authType: 'external-token',
          getToken: async () => {
            const headers = new Headers();
            try {
              await config.authenticate(headers);
            } catch (e) {
              throw new DatabricksAuthError(`The ${this.sdkAuthType} credentials did not yield a token.`, [], e);
            }
            const token = /^Bearer\s+(\S+)$/i.exec(headers.get('Authorization') ?? '')?.[1];
            if (token === undefined) throw new DatabricksAuthError(`The ${this.sdkAuthType} credentials do not give a bearer token, which the SQL warehouse needs.`);
            registerSecret(token);
            return token;
          },
        };
    }
  }

  /** The summary (no secret). */
  toJSON(): DatabricksConnectionSummary {
    return { host: this.host, authType: this.authType, sdkAuthType: this.sdkAuthType, profile: this.profile, httpPath: this.httpPath, sources: this.sources };
  }

  toString(): string {
    return `DatabricksConnection(${this.host}, auth=${this.sdkAuthType}${this.profile ? `, profile=${this.profile}` : ''}${this.httpPath ? `, httpPath=${this.httpPath}` : ''})`;
  }

  [inspect.custom](): string {
    return this.toString();
  }
}

/**
 * Resolves host, credentials and SQL warehouse: explicit options beat the environment
 * (`DATABRICKS_HOST`, `DATABRICKS_TOKEN`, `DATABRICKS_CLIENT_ID`/`DATABRICKS_CLIENT_SECRET`,
 * `DATABRICKS_CONFIG_PROFILE`, `DATABRICKS_CONFIG_FILE`, `DATABRICKS_WAREHOUSE_ID`,
 * `DATABRICKS_HTTP_PATH`), which beats the profile in `~/.databrickscfg`. Credentials are
 * resolved by the SDK's `Config` (its environment and config-file loaders), so profiles behave
 * as in the Databricks CLI. Registers every secret it finds for redaction. A token or client
 * credentials resolve without a network call; otherwise the SDK's own chain
 * (`config.authenticate()`) picks the method — Databricks CLI login, Azure CLI or Entra
 * credentials, … — and `sdkAuthType` names it. Throws {@link DatabricksAuthError} (code `AUTH_INVALID`).
 *
 * @example
 * ```ts
 * const conn = await resolveDatabricksConfig({ profile: 'staging', warehouseId: 'abc123' });
 * console.log(String(conn)); // DatabricksConnection(https://…, auth=pat, profile=staging, httpPath=/sql/1.0/warehouses/abc123)
 * ```
 */
export async function resolveDatabricksConfig(options: DatabricksConnectionOptions = {}): Promise<DatabricksConnection> {
  const env = options.env ?? process.env;
  for (const s of [options.token, options.clientSecret, env.DATABRICKS_TOKEN, env.DATABRICKS_CLIENT_SECRET, env.DATABRICKS_PASSWORD]) registerSecret(s);
  if (options.token !== undefined && (options.clientId !== undefined || options.clientSecret !== undefined)) {
    throw new DatabricksAuthError('Both a token and OAuth client credentials were given.', [
      { path: 'token', message: 'conflicts with clientId/clientSecret', fix: 'pass either token, or clientId and clientSecret' },
    ]);
  }
  if ((options.clientId === undefined) !== (options.clientSecret === undefined)) {
    throw new DatabricksAuthError('OAuth M2M needs both a client id and a client secret.', [
      { path: options.clientId === undefined ? 'clientId' : 'clientSecret', message: 'is missing', fix: 'pass clientId and clientSecret together' },
    ]);
  }
  checkHttpPathOptions(options.httpPath, options.warehouseId, 'options');

  // The SDK verifies the server's TLS certificate only when skipVerify is exactly false: without
  // this, every REST call (and its bearer token) would go to any host that answers.
  const explicit: ConfigOptions = { env: { ...env }, skipVerify: false };
  if (options.host !== undefined) explicit.host = options.host;
  if (options.token !== undefined) {
    explicit.token = options.token;
    explicit.authType = 'pat';
  }
  if (options.clientId !== undefined && options.clientSecret !== undefined) {
    explicit.clientId = options.clientId;
    explicit.clientSecret = options.clientSecret;
    explicit.authType = 'oauth-m2m';
  }
  if (options.profile !== undefined) explicit.profile = options.profile;
  if (options.configFile !== undefined) explicit.configFile = options.configFile;
  if (options.retryTimeoutSeconds !== undefined) explicit.retryTimeoutSeconds = options.retryTimeoutSeconds;

  const config = new Config(explicit);
  try {
    await config.ensureResolved();
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    throw new DatabricksAuthError(`Could not resolve the Databricks configuration: ${message}`, [
      { path: config.profile !== undefined ? 'profile' : 'credentials', message, fix: 'check the options, the DATABRICKS_* variables and ~/.databrickscfg' },
    ], e);
  }
  for (const s of [config.token, config.clientSecret, config.password]) registerSecret(s);

  if (!config.host) {
    throw new DatabricksAuthError('No Databricks host is configured.', [
      { path: 'host', message: 'is not set', fix: 'pass host, set DATABRICKS_HOST, or select a profile of ~/.databrickscfg with DATABRICKS_CONFIG_PROFILE' },
    ]);
  }

  let authType: DatabricksAuthType;
  if (config.authType === 'pat' || (config.authType === undefined && config.token)) authType = 'pat';
  else if (config.authType === 'oauth-m2m' || (config.authType === undefined && config.clientId && config.clientSecret)) authType = 'oauth-m2m';
  else if (config.authType !== undefined && config.authType !== 'basic' && config.authType !== 'default') authType = 'sdk';
  else {
    // Neither a token nor client credentials, and no auth_type: let the SDK try every method the
    // Databricks CLI accepts (Databricks CLI login, Azure MSI / client secret / CLI, Google, …),
    // as it would on the first request, and keep the one it settled on.
    if (config.authType === 'default') config.authType = undefined;
    try {
      await config.authenticate(new Headers());
    } catch (e) {
      const message = redactText(e instanceof Error ? e.message : String(e));
      throw new DatabricksAuthError(`No usable credentials for ${config.host}: ${message}`, [
        {
          path: 'credentials',
          message: 'no token, no OAuth client credentials, and no other method the Databricks SDK knows gave credentials',
          fix: 'set DATABRICKS_TOKEN, or DATABRICKS_CLIENT_ID and DATABRICKS_CLIENT_SECRET, log in with `databricks auth login` or `az login`, or add token / client_id+client_secret to the profile',
        },
      ], e);
    }
    authType = 'sdk';
  }
  if (authType === 'pat' && !config.token) throw new DatabricksAuthError('The auth type is pat but no token is configured.', [{ path: 'token', message: 'is not set', fix: 'set DATABRICKS_TOKEN' }]);
  if (authType === 'oauth-m2m' && !(config.clientId && config.clientSecret)) {
    throw new DatabricksAuthError('The auth type is oauth-m2m but the client id or secret is missing.', [
      { path: 'clientSecret', message: 'is not set', fix: 'set DATABRICKS_CLIENT_ID and DATABRICKS_CLIENT_SECRET' },
    ]);
  }
  // Pin the SDK to the method chosen, so that no other credential it may find is tried.
  if (authType !== 'sdk') config.authType = authType;
  // Whatever a profile says: certificates are always verified.
  config.skipVerify = false;

  const hostSource: SettingSource = options.host !== undefined ? 'options' : env.DATABRICKS_HOST ? 'env' : 'profile';
  const credentialsSource: SettingSource =
    options.token !== undefined || options.clientId !== undefined
      ? 'options'
      : (authType === 'pat' && env.DATABRICKS_TOKEN) || (authType === 'oauth-m2m' && env.DATABRICKS_CLIENT_ID)
        ? 'env'
        : 'profile';

  // The SQL warehouse: first level (options, env, profile) that names one.
  let httpPath = pathOf(options.httpPath, options.warehouseId);
  let httpPathSource: SettingSource | undefined = httpPath === undefined ? undefined : 'options';
  if (httpPath === undefined) {
    checkHttpPathOptions(env.DATABRICKS_HTTP_PATH, env.DATABRICKS_WAREHOUSE_ID, 'env');
    httpPath = pathOf(env.DATABRICKS_HTTP_PATH, env.DATABRICKS_WAREHOUSE_ID);
    if (httpPath !== undefined) httpPathSource = 'env';
  }
  if (httpPath === undefined && (config.profile !== undefined || hostSource === 'profile')) {
    const section = await profileSection(config.configFile, config.profile ?? 'DEFAULT');
    checkHttpPathOptions(section?.http_path, section?.warehouse_id, 'profile');
    httpPath = pathOf(section?.http_path, section?.warehouse_id);
    if (httpPath !== undefined) httpPathSource = 'profile';
  }

  return new DatabricksConnection(config, {
    host: config.host,
    authType,
    sdkAuthType: config.authType ?? authType,
    profile: config.profile,
    httpPath,
    sources: { host: hostSource, credentials: credentialsSource, httpPath: httpPathSource },
  });
}

function pathOf(httpPath: string | undefined, warehouseId: string | undefined): string | undefined {
  if (httpPath) return httpPath;
  if (warehouseId) return `/sql/1.0/warehouses/${warehouseId}`;
  return undefined;
}

function checkHttpPathOptions(httpPath: string | undefined, warehouseId: string | undefined, where: SettingSource): void {
  if (warehouseId && !WAREHOUSE_ID.test(warehouseId)) {
    throw new DatabricksAuthError(`Invalid SQL warehouse id (from ${where}).`, [
      { path: 'warehouseId', message: 'must be letters and digits (the id shown in the warehouse URL)', value: redactText(warehouseId), fix: 'copy the id from SQL Warehouses → Connection details' },
    ]);
  }
  if (httpPath && (!httpPath.startsWith('/') || /\s/.test(httpPath))) {
    throw new DatabricksAuthError(`Invalid HTTP path (from ${where}).`, [
      { path: 'httpPath', message: 'must start with / and contain no spaces', value: redactText(httpPath), fix: 'e.g. /sql/1.0/warehouses/<id>' },
    ]);
  }
}

/** The raw keys of a profile (the SDK maps only the keys it knows; `http_path` is not one of them). */
async function profileSection(configFile: string | undefined, profile: string): Promise<Record<string, string> | undefined> {
  try {
    const { iniFile } = await loadConfigFile(configFile);
    const section: unknown = iniFile[profile];
    if (typeof section !== 'object' || section === null) return undefined;
    const out: Record<string, string> = {};
    for (const [k, v] of Object.entries(section)) if (typeof v === 'string') out[k] = v;
    return out;
  } catch {
    return undefined;
  }
}
