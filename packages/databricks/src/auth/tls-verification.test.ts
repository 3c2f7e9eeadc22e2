/**
 * Every Databricks call verifies the server's TLS certificate: against an HTTPS server with a
 * self-signed certificate (made here with `openssl`, trusted by no CA), the grant check and the
 * SQL driver fail before sending anything, so no token ever reaches the server.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DBSQLClient } from '@databricks/sql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkGrants } from '../grants/grant-check.js';
import { UntrustedCertificateError } from './auth-error.js';
import { resolveDatabricksConfig } from './databricks-connection.js';

const TOKEN = 'dapi7a7a7a7a7a7a7a7a7a7a7a7a7a7a7a7a';

let dir: string;
let server: Server;
let host: string;
/** Every HTTP request the server received (none may arrive), and the TCP connections made to it. */
const requests: { url: string | undefined; authorization: string | undefined }[] = [];
let connections = 0;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'synthgraph-tls-'));
  const key = join(dir, 'key.pem');
  const cert = join(dir, 'cert.pem');
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', '1', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1'], { stdio: 'ignore' });
  server = createServer({ key: readFileSync(key), cert: readFileSync(cert) }, (req, res) => {
    requests.push({ url: req.url, authorization: req.headers.authorization });
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ userName: 'alice@example.com', owner: 'alice@example.com', privilege_assignments: [] }));
  });
  server.on('connection', () => connections++);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  host = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  rmSync(dir, { recursive: true, force: true });
});

describe('TLS verification against a self-signed host', () => {
  it('the grant check fails with UntrustedCertificateError naming the certificate problem, and sends no token', async () => {
    const conn = await resolveDatabricksConfig({ host, token: TOKEN, env: {}, retryTimeoutSeconds: 5 });
    const before = connections;
    const err = await checkGrants({ catalog: 'main', schema: 'synth', mode: 'replace' }, conn.workspaceClient()).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UntrustedCertificateError);
    const e = err as UntrustedCertificateError;
    expect(e.code).toBe('AUTH_INVALID');
    expect(e.certificateCode).toBe('DEPTH_ZERO_SELF_SIGNED_CERT');
    expect(e.message).toContain(host);
    expect(e.message).toContain('self-signed certificate');
    expect(e.issues[0]).toMatchObject({ path: 'host', value: host });
    expect(e.issues[0]?.fix).toContain('NODE_EXTRA_CA_CERTS');
    expect(JSON.stringify(e)).not.toContain(TOKEN);
    // The client did connect, and refused the certificate before sending any request.
    expect(connections).toBeGreaterThan(before);
    expect(requests).toEqual([]);
  });

  it('a profile cannot turn verification off', async () => {
    const profile = join(dir, 'databrickscfg');
    execFileSync('sh', ['-c', `printf '[DEFAULT]\\nhost = ${host}\\ntoken = ${TOKEN}\\nskip_verify = true\\n' > '${profile}'`]);
    const conn = await resolveDatabricksConfig({ configFile: profile, env: {}, retryTimeoutSeconds: 5 });
    await expect(checkGrants({ catalog: 'main', schema: 'synth', mode: 'replace' }, conn.workspaceClient())).rejects.toBeInstanceOf(UntrustedCertificateError);
    expect(requests).toEqual([]);
  });

  it('the SQL driver refuses the host too, and sends no token', async () => {
    const conn = await resolveDatabricksConfig({ host, token: TOKEN, warehouseId: 'wh1', env: {}, retryTimeoutSeconds: 5 });
    expect(conn.sqlConnectOptions()).toMatchObject({ checkServerCertificate: true });
    const before = connections;
    const client = new DBSQLClient({ logger: { log: () => undefined } });
    try {
      const err = await client
        .connect(conn.sqlConnectOptions())
        .then((c) => c.openSession())
        .catch((e: unknown) => e);
      expect(err).toBeInstanceOf(Error);
      expect(String((err as Error).message)).toMatch(/self[- ]signed certificate/);
    } finally {
      await client.close().catch(() => undefined);
    }
    expect(connections).toBeGreaterThan(before);
    expect(requests).toEqual([]);
  });
});
