import { inspect } from 'node:util';
import { ConfigError } from '@synthgraph/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DatabricksAuthError } from '../auth/auth-error.js';
import { resolveDatabricksConfig } from '../auth/databricks-connection.js';
import { assertGrants, checkGrants, grantStatement, type GrantsClient } from './grant-check.js';
import type { RequiredPrivilege, WriteMode } from './grant-report.js';
import { CatalogNotFoundError, MissingPrivilegesError, PrincipalNotFoundError } from './grants-error.js';
import { startFakeWorkspace, type FakeGrant, type FakeWorkspace, type FakeWorkspaceServer } from '../../test/support/fake-workspace-server.js';
import { UnityCatalogNameError } from './unity-catalog-names.js';

const TOKEN = 'dapi5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e';
const ALICE = 'alice@example.com';
const SP_APP = '9f0c1d2e-3a4b-4c5d-8e6f-7a8b9c0d1e2f';

let server: FakeWorkspaceServer;
let client: GrantsClient;
/** Every error any check threw, to prove none shows the token. */
const thrown: unknown[] = [];

const base = (grants: readonly FakeGrant[], over: Partial<FakeWorkspace> = {}): FakeWorkspace => ({
  token: TOKEN,
  me: { userName: ALICE, groups: ['data-eng'] },
  catalogs: { main: { owner: 'admins-group' } },
  schemas: { 'main.synth': { owner: 'admins-group' } },
  grants,
  ...over,
});

async function check(ws: FakeWorkspace, request: Parameters<typeof checkGrants>[0]) {
  server.setWorkspace(ws);
  try {
    return await checkGrants(request, client);
  } catch (e) {
    thrown.push(e);
    throw e;
  }
}

beforeAll(async () => {
  server = await startFakeWorkspace(base([]));
  const conn = await resolveDatabricksConfig({ host: server.url, token: TOKEN, env: {}, retryTimeoutSeconds: 5 });
  client = conn.workspaceClient();
});

afterAll(async () => {
  // No SQL was sent, no statement endpoint touched, nothing but reads.
  expect(server.requests.length).toBeGreaterThan(0);
  expect(server.requests.filter((r) => /\/sql\//.test(r.path))).toEqual([]);
  expect(server.requests.filter((r) => r.method !== 'GET')).toEqual([]);
  for (const e of thrown) {
    const texts = [String(e), JSON.stringify(e), inspect(e, { depth: Infinity, showHidden: true })];
    for (let c: unknown = e; c instanceof Error; c = c.cause) texts.push(c.message, c.stack ?? '');
    for (const t of texts) expect(t).not.toContain(TOKEN);
  }
  await server.close();
});

/** Every subset of a list. */
function subsets<T>(items: readonly T[]): T[][] {
  return Array.from({ length: 2 ** items.length }, (_, mask) => items.filter((_, i) => (mask >> i) & 1));
}

const CATALOG_LEVEL: ReadonlySet<RequiredPrivilege> = new Set(['USE_CATALOG', 'CREATE_SCHEMA']);
const grantOf = (p: RequiredPrivilege): FakeGrant =>
  CATALOG_LEVEL.has(p) ? { principal: ALICE, securableType: 'CATALOG', securable: 'main', privileges: [p] } : { principal: ALICE, securableType: 'SCHEMA', securable: 'main.synth', privileges: [p] };

const SQL: Readonly<Record<string, string>> = {
  USE_CATALOG: 'GRANT USE CATALOG ON CATALOG `main` TO `alice@example.com`',
  CREATE_SCHEMA: 'GRANT CREATE SCHEMA ON CATALOG `main` TO `alice@example.com`',
  USE_SCHEMA: 'GRANT USE SCHEMA ON SCHEMA `main`.`synth` TO `alice@example.com`',
  CREATE_TABLE: 'GRANT CREATE TABLE ON SCHEMA `main`.`synth` TO `alice@example.com`',
  MODIFY: 'GRANT MODIFY ON SCHEMA `main`.`synth` TO `alice@example.com`',
};

interface Case {
  readonly mode: WriteMode;
  readonly schemaExists: boolean;
  readonly granted: readonly RequiredPrivilege[];
  readonly missing: readonly RequiredPrivilege[];
}

const REQUIRED: ReadonlyArray<readonly [WriteMode, boolean, readonly RequiredPrivilege[]]> = [
  ['replace', true, ['USE_CATALOG', 'USE_SCHEMA', 'CREATE_TABLE']],
  ['append', true, ['USE_CATALOG', 'USE_SCHEMA', 'CREATE_TABLE', 'MODIFY']],
  ['replace', false, ['USE_CATALOG', 'CREATE_SCHEMA']],
  ['append', false, ['USE_CATALOG', 'CREATE_SCHEMA']],
];
const CASES: Case[] = REQUIRED.flatMap(([mode, schemaExists, required]) =>
  subsets(required).map((granted) => ({ mode, schemaExists, granted, missing: required.filter((p) => !granted.includes(p)) })),
);

describe('checkGrants: every combination of missing privileges', () => {
  it('covers 8 + 16 + 4 + 4 cases', () => {
    expect(CASES).toHaveLength(32);
  });

  it.each(CASES.map((c) => [`${c.mode}, schema ${c.schemaExists ? 'exists' : 'missing'}, granted [${c.granted.join(', ')}]`, c] as const))('%s', async (_name, c) => {
    const ws = base(c.granted.map(grantOf), c.schemaExists ? {} : { schemas: {} });
    const report = await check(ws, { catalog: 'main', schema: 'synth', mode: c.mode });
    expect(report.schemaExists).toBe(c.schemaExists);
    expect(report.satisfied).toBe(c.missing.length === 0);
    expect(report.missing.map((m) => m.grantStatement)).toEqual(c.missing.map((p) => SQL[p]));
    expect(report.missing.map((m) => [m.privilege, m.securableType, m.securable])).toEqual(c.missing.map((p) => [p, CATALOG_LEVEL.has(p) ? 'CATALOG' : 'SCHEMA', CATALOG_LEVEL.has(p) ? 'main' : 'main.synth']));
    if (c.missing.length === 0) {
      await expect(assertGrants({ catalog: 'main', schema: 'synth', mode: c.mode }, client)).resolves.toMatchObject({ satisfied: true });
    } else {
      const e = await assertGrants({ catalog: 'main', schema: 'synth', mode: c.mode }, client).catch((x: unknown) => x);
      thrown.push(e);
      expect(e).toBeInstanceOf(MissingPrivilegesError);
      const err = e as MissingPrivilegesError;
      expect(err.code).toBe('MISSING_PRIVILEGES');
      expect(err.grantStatements).toEqual(c.missing.map((p) => SQL[p]));
      for (const p of c.missing) expect(err.message).toContain(`${SQL[p]};`);
      expect(err.message).toContain('Nothing was executed');
    }
  });
});

describe('checkGrants: where privileges come from', () => {
  it('ALL_PRIVILEGES on the catalog satisfies everything, in both modes (inherited by the schema)', async () => {
    for (const mode of ['replace', 'append'] as const) {
      const report = await check(base([{ principal: ALICE, securableType: 'CATALOG', securable: 'main', privileges: ['ALL_PRIVILEGES'] }]), { catalog: 'main', schema: 'synth', mode });
      expect(report).toMatchObject({ satisfied: true, missing: [] });
    }
  });

  it('ALL_PRIVILEGES on the schema covers the schema privileges only', async () => {
    const report = await check(base([{ principal: ALICE, securableType: 'SCHEMA', securable: 'main.synth', privileges: ['ALL_PRIVILEGES'] }]), { catalog: 'main', schema: 'synth', mode: 'append' });
    expect(report.missing.map((m) => m.grantStatement)).toEqual([SQL.USE_CATALOG]);
  });

  it('privileges granted to a group the caller belongs to count; other groups do not', async () => {
    const grants: FakeGrant[] = [
      { principal: 'data-eng', securableType: 'CATALOG', securable: 'main', privileges: ['USE_CATALOG', 'USE_SCHEMA'] },
      { principal: 'data-eng', securableType: 'SCHEMA', securable: 'main.synth', privileges: ['CREATE_TABLE'] },
      { principal: 'finance', securableType: 'SCHEMA', securable: 'main.synth', privileges: ['MODIFY'] },
    ];
    const report = await check(base(grants), { catalog: 'main', schema: 'synth', mode: 'append' });
    expect(report.groups).toEqual(['data-eng', 'account users']);
    expect(report.missing.map((m) => m.grantStatement)).toEqual([SQL.MODIFY]);
  });

  it('privileges granted to account users count for everyone', async () => {
    const report = await check(
      base([
        { principal: 'account users', securableType: 'CATALOG', securable: 'main', privileges: ['USE_CATALOG'] },
        { principal: ALICE, securableType: 'SCHEMA', securable: 'main.synth', privileges: ['USE_SCHEMA', 'CREATE_TABLE'] },
      ]),
      { catalog: 'main', schema: 'synth', mode: 'replace' },
    );
    expect(report.satisfied).toBe(true);
  });

  it('metastore grants are not inherited by catalogs', async () => {
    const report = await check(base([{ principal: ALICE, securableType: 'METASTORE', securable: '', privileges: ['USE_CATALOG', 'CREATE_CATALOG'] }]), {
      catalog: 'main',
      schema: 'synth',
      mode: 'replace',
    });
    expect(report.missing.map((m) => m.privilege)).toEqual(['USE_CATALOG', 'USE_SCHEMA', 'CREATE_TABLE']);
  });

  it('the owner of the schema (here through a group) has every privilege on it', async () => {
    const report = await check(
      base([{ principal: ALICE, securableType: 'CATALOG', securable: 'main', privileges: ['USE_CATALOG'] }], { schemas: { 'main.synth': { owner: 'data-eng' } } }),
      { catalog: 'main', schema: 'synth', mode: 'append' },
    );
    expect(report.satisfied).toBe(true);
  });

  it('reads every page of the effective permissions', async () => {
    const grants: FakeGrant[] = [
      { principal: 'someone@else.com', securableType: 'CATALOG', securable: 'main', privileges: ['USE_CATALOG'] },
      { principal: 'other-group', securableType: 'CATALOG', securable: 'main', privileges: ['USE_CATALOG'] },
      { principal: ALICE, securableType: 'CATALOG', securable: 'main', privileges: ['USE_CATALOG'] },
      { principal: 'data-eng', securableType: 'SCHEMA', securable: 'main.synth', privileges: ['USE_SCHEMA', 'CREATE_TABLE'] },
    ];
    const before = server.requests.length;
    const report = await check(base(grants, { pageSize: 1 }), { catalog: 'main', schema: 'synth', mode: 'replace' });
    expect(report.satisfied).toBe(true);
    const pages = server.requests.slice(before).filter((r) => r.path.includes('effective-permissions'));
    expect(pages.length).toBeGreaterThan(3);
    expect(pages.every((r) => r.query.max_results === '0')).toBe(true);
  });

  it('asks the effective permissions per identity: the caller, then each of its groups', async () => {
    const before = server.requests.length;
    await check(base([grantOf('USE_CATALOG')]), { catalog: 'main', schema: 'synth', mode: 'replace' });
    const asked = server.requests.slice(before).filter((r) => r.path.includes('effective-permissions/CATALOG/'));
    expect(asked.map((r) => r.query.principal)).toEqual([ALICE, 'data-eng', 'account users']);
  });

  it('permissions it may not read are unknown, not missing: a warning names them and the run may go on', async () => {
    const report = await check(base([grantOf('USE_CATALOG'), grantOf('USE_SCHEMA'), grantOf('CREATE_TABLE')], { forbidden: [/effective-permissions\/SCHEMA\//] }), {
      catalog: 'main',
      schema: 'synth',
      mode: 'replace',
    });
    expect(report.satisfied).toBe(true);
    expect(report.missing).toEqual([]);
    expect(report.unknown?.map((u) => [u.privilege, u.securable, u.unreadable])).toEqual([
      ['USE_SCHEMA', 'main.synth', [ALICE, 'data-eng', 'account users']],
      ['CREATE_TABLE', 'main.synth', [ALICE, 'data-eng', 'account users']],
    ]);
    expect(report.notes.join('\n')).toMatch(/could not check USE SCHEMA on schema main\.synth: the workspace refused to show the permissions of alice@example\.com/);
    await expect(assertGrants({ catalog: 'main', schema: 'synth', mode: 'replace' }, client)).resolves.toMatchObject({ satisfied: true });
  });

  it('a 403 for the groups only: what the caller itself lacks is unknown (a group may hold it), what it holds counts', async () => {
    const report = await check(base([grantOf('USE_CATALOG'), grantOf('CREATE_TABLE')], { forbidden: [/effective-permissions\/.*principal=(data-eng|account)/] }), {
      catalog: 'main',
      schema: 'synth',
      mode: 'replace',
    });
    expect(report.missing).toEqual([]);
    expect(report.unknown?.map((u) => u.privilege)).toEqual(['USE_SCHEMA']);
  });

  it('a definite missing USE SCHEMA still stops the run with the exact GRANT', async () => {
    server.setWorkspace(base([grantOf('USE_CATALOG'), grantOf('CREATE_TABLE')]));
    const e = await assertGrants({ catalog: 'main', schema: 'synth', mode: 'replace' }, client).catch((x: unknown) => x);
    thrown.push(e);
    expect(e).toBeInstanceOf(MissingPrivilegesError);
    expect((e as MissingPrivilegesError).grantStatements).toEqual([SQL.USE_SCHEMA]);
  });
});

describe('checkGrants: existing tables (ownership)', () => {
  const ALL = [grantOf('USE_CATALOG'), grantOf('USE_SCHEMA'), grantOf('CREATE_TABLE')];
  const tables = (owner: string) => ({ 'main.synth.exp1_households': { owner }, 'main.synth.exp1_individuals': { owner } });
  const request = (mode: WriteMode) => ({ catalog: 'main', schema: 'synth', mode, tables: ['exp1_households', 'exp1_individuals', 'exp1_new_table'] });

  it('the owner of the existing tables (directly or through a group) may replace them', async () => {
    for (const owner of [ALICE, 'data-eng']) {
      const report = await check(base(ALL, { tables: tables(owner) }), request('replace'));
      expect(report).toMatchObject({ satisfied: true, missing: [], unknown: [] });
    }
  });

  it('a non-owner with CREATE TABLE stops on ownership, with ALTER TABLE … OWNER TO and GRANT MANAGE hints', async () => {
    const report = await check(base(ALL, { tables: tables('bob@example.com') }), request('replace'));
    expect(report.satisfied).toBe(false);
    expect(report.required).toContain('OWNERSHIP');
    expect(report.missing.map((m) => [m.privilege, m.securableType, m.securable, m.grantStatement, m.alternative])).toEqual(
      ['exp1_households', 'exp1_individuals'].map((t) => [
        'OWNERSHIP',
        'TABLE',
        `main.synth.${t}`,
        `ALTER TABLE \`main\`.\`synth\`.\`${t}\` OWNER TO \`alice@example.com\``,
        `GRANT MANAGE ON TABLE \`main\`.\`synth\`.\`${t}\` TO \`alice@example.com\``,
      ]),
    );
    server.setWorkspace(base(ALL, { tables: tables('bob@example.com') }));
    const e = await assertGrants(request('replace'), client).catch((x: unknown) => x);
    thrown.push(e);
    expect(e).toBeInstanceOf(MissingPrivilegesError);
    expect((e as Error).message).toContain('ALTER TABLE `main`.`synth`.`exp1_households` OWNER TO `alice@example.com`; (or GRANT MANAGE ON TABLE `main`.`synth`.`exp1_households` TO `alice@example.com`;)');
  });

  it('MANAGE on the table, or inherited from the schema through a group, serves instead of ownership', async () => {
    const onTable: FakeGrant = { principal: ALICE, securableType: 'TABLE', securable: 'main.synth.exp1_households', privileges: ['MANAGE'] };
    const onSchema: FakeGrant = { principal: 'data-eng', securableType: 'SCHEMA', securable: 'main.synth', privileges: ['MANAGE'] };
    const partly = await check(base([...ALL, onTable], { tables: tables('bob@example.com') }), request('replace'));
    expect(partly.missing.map((m) => m.securable)).toEqual(['main.synth.exp1_individuals']);
    const report = await check(base([...ALL, onSchema], { tables: tables('bob@example.com') }), request('replace'));
    expect(report).toMatchObject({ satisfied: true, missing: [] });
  });

  it('a table whose owner may not be read is unknown (a warning), not missing', async () => {
    const report = await check(base(ALL, { tables: tables('bob@example.com'), forbidden: [/unity-catalog\/tables\//] }), request('replace'));
    expect(report.satisfied).toBe(true);
    expect(report.unknown?.map((u) => [u.privilege, u.securable])).toEqual([
      ['OWNERSHIP', 'main.synth.exp1_households'],
      ['OWNERSHIP', 'main.synth.exp1_individuals'],
    ]);
    expect(report.notes.join('\n')).toMatch(/could not check ownership \(or MANAGE\) on table main\.synth\.exp1_households/);
  });

  it('append: owning every existing table serves instead of MODIFY on the schema; a non-owner still needs MODIFY', async () => {
    const owner = await check(base(ALL, { tables: tables(ALICE) }), request('append'));
    expect(owner).toMatchObject({ satisfied: true, missing: [] });
    const other = await check(base(ALL, { tables: tables('bob@example.com') }), request('append'));
    expect(other.missing.map((m) => m.grantStatement)).toEqual([SQL.MODIFY]);
  });
});

describe('checkGrants: principals', () => {
  it('a configured service principal: looked up by application id, with its groups', async () => {
    const ws = base(
      [
        { principal: 'etl-sps', securableType: 'CATALOG', securable: 'main', privileges: ['USE_CATALOG'] },
        { principal: SP_APP, securableType: 'SCHEMA', securable: 'main.synth', privileges: ['USE_SCHEMA'] },
      ],
      { servicePrincipals: [{ applicationId: 'aaaaaaaa-0000-0000-0000-000000000000' }, { applicationId: SP_APP, displayName: 'etl', groups: ['etl-sps'] }] },
    );
    const report = await check(ws, { catalog: 'main', schema: 'synth', mode: 'append', principal: { servicePrincipal: SP_APP } });
    expect(report).toMatchObject({ principal: SP_APP, principalType: 'service-principal', groups: ['etl-sps', 'account users'] });
    expect(report.missing.map((m) => m.grantStatement)).toEqual([
      `GRANT CREATE TABLE ON SCHEMA \`main\`.\`synth\` TO \`${SP_APP}\``,
      `GRANT MODIFY ON SCHEMA \`main\`.\`synth\` TO \`${SP_APP}\``,
    ]);
    const lookups = server.requests.filter((r) => r.path.endsWith('/ServicePrincipals'));
    expect(lookups.at(-1)?.query.filter).toBe(`applicationId eq "${SP_APP}"`);
  });

  it('an unknown service principal', async () => {
    await expect(check(base([]), { catalog: 'main', schema: 'synth', mode: 'replace', principal: { servicePrincipal: SP_APP } })).rejects.toBeInstanceOf(PrincipalNotFoundError);
  });

  it('a caller that is a service principal (SCIM Me user name is its application id)', async () => {
    const report = await check(base([], { me: { userName: SP_APP, groups: [] } }), { catalog: 'main', schema: 'synth', mode: 'replace' });
    expect(report.principalType).toBe('service-principal');
    expect(report.missing[0]?.grantStatement).toBe(`GRANT USE CATALOG ON CATALOG \`main\` TO \`${SP_APP}\``);
  });

  it('another user, looked up by user name', async () => {
    const ws = base([{ principal: 'bi', securableType: 'CATALOG', securable: 'main', privileges: ['ALL_PRIVILEGES'] }], { users: [{ userName: 'bob@example.com', groups: ['bi'] }] });
    const report = await check(ws, { catalog: 'main', schema: 'synth', mode: 'append', principal: { user: 'bob@example.com' } });
    expect(report).toMatchObject({ principal: 'bob@example.com', principalType: 'user', satisfied: true });
  });
});

describe('checkGrants: names and failures', () => {
  it('quotes names with backticks, doubling backticks, and encodes them in REST paths', async () => {
    const ws = base([], { catalogs: { 'we`ird': { owner: 'x' } }, schemas: { 'we`ird.s-1': { owner: 'x' } }, me: { userName: 'o`brien@example.com' } });
    const report = await check(ws, { catalog: 'we`ird', schema: 's-1', mode: 'replace' });
    expect(report.missing.map((m) => m.grantStatement)).toEqual([
      'GRANT USE CATALOG ON CATALOG `we``ird` TO `o``brien@example.com`',
      'GRANT USE SCHEMA ON SCHEMA `we``ird`.`s-1` TO `o``brien@example.com`',
      'GRANT CREATE TABLE ON SCHEMA `we``ird`.`s-1` TO `o``brien@example.com`',
    ]);
    expect(server.requests.some((r) => r.path === '/api/2.1/unity-catalog/effective-permissions/SCHEMA/we%60ird.s-1')).toBe(true);
  });

  it.each([
    ['catalog', { catalog: 'a.b', schema: 's' }],
    ['catalog', { catalog: '', schema: 's' }],
    ['schema', { catalog: 'main', schema: 'my schema' }],
    ['schema', { catalog: 'main', schema: 'x/y' }],
    ['schema', { catalog: 'main', schema: 'tab\there' }],
    ['schema', { catalog: 'main', schema: 'x'.repeat(256) }],
  ] as const)('rejects an invalid %s name before any call', async (field, names) => {
    const before = server.requests.length;
    const e = await check(base([]), { ...names, mode: 'replace' }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(UnityCatalogNameError);
    expect((e as UnityCatalogNameError).field).toBe(field);
    expect((e as UnityCatalogNameError).issues[0]?.path).toBe(field);
    expect((e as Error).message).toContain(`Invalid ${field} name`);
    expect(server.requests.length).toBe(before);
  });

  it('an unknown write mode is a CONFIG_INVALID error naming the field, before any request', async () => {
    const before = server.requests.length;
    const e = await checkGrants({ catalog: 'main', schema: 'synth', mode: 'upsert' as WriteMode }, client).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(ConfigError);
    expect((e as ConfigError).issues[0]).toMatchObject({ path: 'mode', value: 'upsert' });
    expect(server.requests.length).toBe(before);
  });

  it('a missing catalog is a typed error naming the catalog', async () => {
    const e = await check(base([]), { catalog: 'nope', schema: 'synth', mode: 'replace' }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(CatalogNotFoundError);
    expect((e as CatalogNotFoundError).issues[0]?.path).toBe('catalog');
  });

  it('a rejected token is an AUTH_INVALID error that does not show the token', async () => {
    server.setWorkspace({ ...base([]), token: 'dapi-a-different-token-than-the-clients' });
    const e = await checkGrants({ catalog: 'main', schema: 'synth', mode: 'replace' }, client).catch((x: unknown) => x);
    thrown.push(e);
    expect(e).toBeInstanceOf(DatabricksAuthError);
    expect((e as DatabricksAuthError).code).toBe('AUTH_INVALID');
  });

  it('sends the token as a bearer header to every call', () => {
    expect(server.requests.filter((r) => r.authorization !== `Bearer ${TOKEN}`)).toEqual([]);
  });
});

describe('grantStatement', () => {
  it('spells each privilege as SQL', () => {
    expect(grantStatement('CREATE_SCHEMA', ['main'], 'g r`p')).toBe('GRANT CREATE SCHEMA ON CATALOG `main` TO `g r``p`');
    expect(grantStatement('MODIFY', ['c', 's'], 'a@b.c')).toBe('GRANT MODIFY ON SCHEMA `c`.`s` TO `a@b.c`');
  });
});
