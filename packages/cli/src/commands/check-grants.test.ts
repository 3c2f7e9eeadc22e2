import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeWorkspace, type FakeWorkspace, type FakeWorkspaceServer } from '../../../databricks/test/support/fake-workspace-server.js';
import type { CliIO } from '../io.js';
import { main } from '../main.js';

const TOKEN = 'dapi-cli-test-secret-0123456789';
const base: FakeWorkspace = {
  token: TOKEN,
  me: { userName: 'alice@example.com', groups: [] },
  catalogs: { main: { owner: 'admins' } },
  schemas: { 'main.synth': { owner: 'admins' } },
  grants: [],
};
let server: FakeWorkspaceServer;

function io(env: Record<string, string>): CliIO & { out: string; err: string } {
  const o = {
    out: '',
    err: '',
    stdout: { isTTY: false, write: (s: string) => ((o.out += s), true) },
    stderr: { isTTY: false, write: (s: string) => ((o.err += s), true) },
    cwd: process.cwd(),
    env,
    onInterrupt: () => () => undefined,
  };
  return o;
}

beforeAll(async () => {
  server = await startFakeWorkspace(base);
});
afterAll(async () => {
  await server.close();
});

describe('synthgraph check-grants', () => {
  it('exits 3 and prints the exact GRANT statements when privileges are missing, sending no SQL', async () => {
    server.setWorkspace({ ...base, grants: [{ principal: 'alice@example.com', securableType: 'CATALOG', securable: 'main', privileges: ['USE_CATALOG'] }] });
    server.requests.length = 0;
    const r = io({ DATABRICKS_HOST: server.url, DATABRICKS_TOKEN: TOKEN });
    expect(await main(['check-grants', '--catalog', 'main', '--schema', 'synth', '--mode', 'append'], r), r.err).toBe(3);
    expect(r.out).toContain('GRANT USE SCHEMA ON SCHEMA `main`.`synth` TO `alice@example.com`;');
    expect(r.out).toContain('GRANT CREATE TABLE ON SCHEMA `main`.`synth` TO `alice@example.com`;');
    expect(r.out).toContain('GRANT MODIFY ON SCHEMA `main`.`synth` TO `alice@example.com`;');
    expect(r.out).not.toContain('USE CATALOG ON');
    expect(server.requests.filter((q) => q.path.includes('/sql/'))).toEqual([]);
    expect(r.out + r.err).not.toContain(TOKEN);
  });

  it('exits 0 when every privilege is held', async () => {
    server.setWorkspace({
      ...base,
      grants: [
        { principal: 'alice@example.com', securableType: 'CATALOG', securable: 'main', privileges: ['USE_CATALOG'] },
        { principal: 'alice@example.com', securableType: 'SCHEMA', securable: 'main.synth', privileges: ['USE_SCHEMA', 'CREATE_TABLE'] },
      ],
    });
    const r = io({ DATABRICKS_HOST: server.url, DATABRICKS_TOKEN: TOKEN });
    expect(await main(['check-grants', '--catalog', 'main', '--schema', 'synth'], r), r.err).toBe(0);
    expect(r.out).toContain('ok: all');
  });

  it('exits 0 with warnings naming what could not be checked when the permission queries are refused', async () => {
    server.setWorkspace({ ...base, forbidden: [/effective-permissions/] });
    const r = io({ DATABRICKS_HOST: server.url, DATABRICKS_TOKEN: TOKEN });
    expect(await main(['check-grants', '--catalog', 'main', '--schema', 'synth'], r), r.err).toBe(0);
    expect(r.out).toContain('ok: no required privilege is missing, but 3 could not be checked');
    expect(r.out).toMatch(/warning: could not check USE CATALOG on catalog main: the workspace refused to show the permissions of alice@example\.com/);
  });

  it('invalid input exits 2', async () => {
    const r = io({ DATABRICKS_HOST: server.url, DATABRICKS_TOKEN: TOKEN });
    expect(await main(['check-grants', '--schema', 'synth'], r)).toBe(2);
    expect(r.err).toContain('--catalog');
    const bad = io({ DATABRICKS_HOST: server.url, DATABRICKS_TOKEN: TOKEN });
    expect(await main(['check-grants', '--catalog', 'ma`in', '--schema', 'synth'], bad)).toBe(2);
  });
});
