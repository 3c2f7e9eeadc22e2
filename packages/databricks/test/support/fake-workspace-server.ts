/**
 * Test support: a real HTTP server on 127.0.0.1 (random port) that answers the Databricks REST
 * calls of the grant check — SCIM `Me`, SCIM service principals and users, Unity Catalog
 * catalogs, schemas and effective permissions — from an in-memory workspace, in the wire
 * format of the REST API (snake_case JSON, `error_code` + `message` errors, paginated
 * effective permissions). Every request is recorded. Not exported from the package.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A grant as `GRANT <privileges> ON <type> <securable> TO <principal>` would make it. */
export interface FakeGrant {
  readonly principal: string;
  readonly securableType: 'METASTORE' | 'CATALOG' | 'SCHEMA' | 'TABLE';
  /** Full name (`main`, `main.synth`, `main.synth.households`); ignored for METASTORE. */
  readonly securable: string;
  readonly privileges: readonly string[];
}

/** A SCIM identity: a user (userName = e-mail) or a service principal (applicationId). */
export interface FakeIdentity {
  readonly userName?: string;
  readonly applicationId?: string;
  readonly displayName?: string;
  readonly groups?: readonly string[];
}

/** The workspace the server serves. */
export interface FakeWorkspace {
  /** The only bearer token accepted. */
  readonly token: string;
  /** Who the token belongs to (SCIM Me). */
  readonly me: FakeIdentity;
  readonly users?: readonly FakeIdentity[];
  readonly servicePrincipals?: readonly FakeIdentity[];
  /** Catalog name → owner. */
  readonly catalogs: Readonly<Record<string, { readonly owner: string }>>;
  /** Schema full name → owner. */
  readonly schemas: Readonly<Record<string, { readonly owner: string }>>;
  /** Table full name → owner. */
  readonly tables?: Readonly<Record<string, { readonly owner: string }>>;
  readonly grants: readonly FakeGrant[];
  /** Principal assignments per effective-permissions page (default: all on one page). */
  readonly pageSize?: number;
  /**
   * OAuth M2M: the service principal whose client credentials the workspace's token endpoint
   * (`/oidc/v1/token`, found through `/oidc/.well-known/oauth-authorization-server`) exchanges
   * for `token`.
   */
  readonly oauthClient?: { readonly clientId: string; readonly clientSecret: string };
  /** Paths (regexps, tested on the path and on path + `?` + query) answered with 403 PERMISSION_DENIED. */
  readonly forbidden?: readonly RegExp[];
}

/** One request the server received. */
export interface RecordedRequest {
  readonly method: string;
  readonly path: string;
  readonly query: Readonly<Record<string, string>>;
  readonly authorization: string | undefined;
}

/** A running fake workspace. */
export interface FakeWorkspaceServer {
  readonly url: string;
  readonly requests: RecordedRequest[];
  /** Replaces the workspace served (between test cases). */
  setWorkspace(workspace: FakeWorkspace): void;
  close(): Promise<void>;
}

/** Starts the server. */
export async function startFakeWorkspace(initial: FakeWorkspace): Promise<FakeWorkspaceServer> {
  let ws = initial;
  const requests: RecordedRequest[] = [];
  const server: Server = createServer((req, res) => {
    try {
      handle(ws, req, res, requests);
    } catch (e) {
      send(res, 500, { error_code: 'INTERNAL_ERROR', message: String(e) });
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    setWorkspace: (w) => {
      ws = w;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((e) => (e ? reject(e) : resolve()));
      }),
  };
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

function scimUser(u: FakeIdentity, i: number): Record<string, unknown> {
  return {
    id: String(1000 + i),
    userName: u.userName ?? u.applicationId,
    displayName: u.displayName ?? u.userName ?? u.applicationId,
    ...(u.applicationId ? { applicationId: u.applicationId } : {}),
    active: true,
    groups: (u.groups ?? []).map((g, j) => ({ display: g, value: String(5000 + j), type: 'direct', $ref: `Groups/${5000 + j}` })),
  };
}

function handle(ws: FakeWorkspace, req: IncomingMessage, res: ServerResponse, log: RecordedRequest[]): void {
  const url = new URL(req.url ?? '/', 'http://localhost');
  const path = url.pathname;
  log.push({ method: req.method ?? 'GET', path, query: Object.fromEntries(url.searchParams), authorization: req.headers.authorization });
  if (path === '/oidc/.well-known/oauth-authorization-server') {
    const origin = `http://${req.headers.host ?? 'localhost'}`;
    send(res, 200, { issuer: `${origin}/oidc`, authorization_endpoint: `${origin}/oidc/v1/authorize`, token_endpoint: `${origin}/oidc/v1/token` });
    return;
  }
  if (path === '/oidc/v1/token' && req.method === 'POST') {
    const c = ws.oauthClient;
    const basic = c ? `Basic ${Buffer.from(`${c.clientId}:${c.clientSecret}`).toString('base64')}` : undefined;
    if (basic === undefined || req.headers.authorization !== basic) send(res, 401, { error: 'invalid_client', error_description: 'Client authentication failed' });
    else send(res, 200, { access_token: ws.token, token_type: 'Bearer', expires_in: 3600, scope: 'all-apis' });
    return;
  }
  if (req.headers.authorization !== `Bearer ${ws.token}`) {
    send(res, 401, { error_code: 'UNAUTHENTICATED', message: 'Invalid access token.' });
    return;
  }
  if (ws.forbidden?.some((re) => re.test(path) || re.test(`${path}${url.search}`))) {
    send(res, 403, { error_code: 'PERMISSION_DENIED', message: `User does not have permission to access ${path}.` });
    return;
  }
  if (req.method !== 'GET') {
    send(res, 405, { error_code: 'BAD_REQUEST', message: `${req.method} is not served by the fake workspace` });
    return;
  }

  if (path === '/api/2.0/preview/scim/v2/Me') {
    send(res, 200, scimUser(ws.me, 0));
    return;
  }
  const scimList = /^\/api\/2\.0\/preview\/scim\/v2\/(ServicePrincipals|Users)$/.exec(path);
  if (scimList) {
    const sps = scimList[1] === 'ServicePrincipals';
    const filter = /^(applicationId|userName) eq "(.*)"$/.exec(url.searchParams.get('filter') ?? '');
    const all = (sps ? ws.servicePrincipals : ws.users) ?? [];
    const startIndex = Number(url.searchParams.get('startIndex') ?? '1');
    const matches = all.filter((u) => !filter || (filter[1] === 'applicationId' ? u.applicationId : u.userName)?.toLowerCase() === filter[2]?.toLowerCase());
    const page = matches.slice(startIndex - 1);
    send(res, 200, { totalResults: matches.length, startIndex, itemsPerPage: page.length, Resources: page.map(scimUser) });
    return;
  }

  const uc = /^\/api\/2\.1\/unity-catalog\/(catalogs|schemas|tables)\/(.+)$/.exec(path);
  if (uc) {
    const name = decodeNamePath(uc[2] ?? '');
    if (uc[1] === 'tables') {
      const t = ws.tables?.[name];
      if (!t) send(res, 404, { error_code: 'TABLE_DOES_NOT_EXIST', message: `Table '${name}' does not exist.` });
      else send(res, 200, { name: name.split('.').at(-1), full_name: name, owner: t.owner, table_type: 'MANAGED' });
      return;
    }
    if (uc[1] === 'catalogs') {
      const c = ws.catalogs[name];
      if (!c) send(res, 404, { error_code: 'CATALOG_DOES_NOT_EXIST', message: `Catalog '${name}' does not exist.` });
      else send(res, 200, { name, owner: c.owner, full_name: name, catalog_type: 'MANAGED_CATALOG' });
      return;
    }
    const s = ws.schemas[name];
    const [catalogName = '', schemaName = ''] = splitFullName(name);
    if (!ws.catalogs[catalogName]) send(res, 404, { error_code: 'CATALOG_DOES_NOT_EXIST', message: `Catalog '${catalogName}' does not exist.` });
    else if (!s) send(res, 404, { error_code: 'SCHEMA_DOES_NOT_EXIST', message: `Schema '${name}' does not exist.` });
    else send(res, 200, { name: schemaName, catalog_name: catalogName, full_name: name, owner: s.owner });
    return;
  }

  const eff = /^\/api\/2\.1\/unity-catalog\/effective-permissions\/([A-Za-z_]+)\/(.+)$/.exec(path);
  if (eff) {
    const type = (eff[1] ?? '').toUpperCase();
    const name = decodeNamePath(eff[2] ?? '');
    if (type === 'CATALOG' ? !ws.catalogs[name] : type === 'SCHEMA' ? !ws.schemas[name] : !ws.tables?.[name]) {
      send(res, 404, { error_code: `${type}_DOES_NOT_EXIST`, message: `${type} '${name}' does not exist.` });
      return;
    }
    send(res, 200, effectivePage(ws, type, name, url.searchParams.get('page_token'), url.searchParams.get('principal')));
    return;
  }
  send(res, 404, { error_code: 'ENDPOINT_NOT_FOUND', message: `No API found for 'GET ${path}'` });
}

/**
 * Effective permissions: grants on the securable itself, plus those on its parents (catalog for
 * a schema; catalog and schema for a table), per principal; only `principal`'s when given.
 */
function effectivePage(ws: FakeWorkspace, type: string, name: string, pageToken: string | null, principal: string | null): unknown {
  const [catalogName = ''] = splitFullName(name);
  const schemaName = name.split('.').slice(0, 2).join('.');
  const byPrincipal = new Map<string, Array<Record<string, string>>>();
  for (const g of ws.grants) {
    if (principal !== null && g.principal.toLowerCase() !== principal.toLowerCase()) continue;
    let inherited: Record<string, string> | undefined;
    if (g.securableType === type && g.securable === name) inherited = {};
    else if (type !== 'CATALOG' && g.securableType === 'CATALOG' && g.securable === catalogName) inherited = { inherited_from_type: 'CATALOG', inherited_from_name: catalogName };
    else if (type === 'TABLE' && g.securableType === 'SCHEMA' && g.securable === schemaName) inherited = { inherited_from_type: 'SCHEMA', inherited_from_name: schemaName };
    if (inherited === undefined) continue;
    const list = byPrincipal.get(g.principal) ?? [];
    for (const p of g.privileges) list.push({ privilege: p, ...inherited });
    byPrincipal.set(g.principal, list);
  }
  const all = [...byPrincipal].map(([principal, privileges]) => ({ principal, privileges }));
  const size = ws.pageSize ?? Math.max(all.length, 1);
  const start = pageToken ? Number(pageToken) : 0;
  const page = all.slice(start, start + size);
  const next = start + size < all.length ? String(start + size) : undefined;
  return { privilege_assignments: page, ...(next ? { next_page_token: next } : {}) };
}

/** `a%2Eb.c` → `a.b.c`-style full names: dots between encoded parts separate them. */
function decodeNamePath(raw: string): string {
  return raw
    .split('.')
    .map((p) => decodeURIComponent(p))
    .join('.');
}

function splitFullName(name: string): string[] {
  const i = name.indexOf('.');
  return i < 0 ? [name] : [name.slice(0, i), name.slice(i + 1)];
}

/**
 * A workspace where `alice@example.com` (the token's user) holds the given privileges on
 * catalog `main` and schema `main.synth`, both owned by `admins`.
 */
export function aliceWorkspace(token: string, privileges: { readonly catalog: readonly string[]; readonly schema: readonly string[] }): FakeWorkspace {
  return {
    token,
    me: { userName: 'alice@example.com', groups: [] },
    catalogs: { main: { owner: 'admins' } },
    schemas: { 'main.synth': { owner: 'admins' } },
    grants: [
      { principal: 'alice@example.com', securableType: 'CATALOG', securable: 'main', privileges: privileges.catalog },
      { principal: 'alice@example.com', securableType: 'SCHEMA', securable: 'main.synth', privileges: privileges.schema },
    ],
  };
}
