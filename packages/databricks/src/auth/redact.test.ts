import { inspect } from 'node:util';
import { ApiError, Config } from '@databricks/sdk-experimental';
import { describe, expect, it } from 'vitest';
import { DatabricksAuthError } from './auth-error.js';
import { REDACTED, RedactedError, redact, redactError, redactText, registerSecret } from './redact.js';

const TOKEN = 'dapiabcdefabcdefabcdefabcdefabcdefab';
const CUSTOM = 'my-vault-secret-42';

/** Every way an error can be shown: message, toString, JSON, inspect, and each cause. */
function renderings(e: unknown): string[] {
  const out = [String(e), JSON.stringify(e) ?? '', inspect(e, { depth: Infinity, showHidden: true })];
  let c: unknown = e;
  for (let i = 0; i < 10 && c instanceof Error; i++) {
    out.push(c.message, c.stack ?? '', JSON.stringify(c) ?? '');
    c = c.cause;
  }
  return out;
}

describe('redactText', () => {
  it('removes registered secrets, plain and URL-encoded', () => {
    registerSecret('s3cr3t/with+chars');
    expect(redactText('a s3cr3t/with+chars b')).toBe(`a ${REDACTED} b`);
    expect(redactText(`url?t=${encodeURIComponent('s3cr3t/with+chars')}`)).not.toContain('s3cr3t');
  });

  it('removes extra secrets passed in', () => {
    expect(redactText(`x ${CUSTOM} y`, [CUSTOM])).toBe(`x ${REDACTED} y`);
  });

  it('ignores strings too short to be secrets', () => {
    registerSecret('abc');
    expect(redactText('abc')).toBe('abc');
  });

  it.each([
    ['Databricks PAT', `token ${TOKEN} used`, TOKEN],
    ['PAT with suffix', 'dapi0123456789abcdef0123456789abcdef-2', 'dapi0123456789abcdef0123456789abcdef'],
    ['OAuth secret', 'dose0123456789abcdef0123456789abcdef01', 'dose0123456789abcdef'],
    ['Bearer header', 'Authorization: Bearer abc.def-ghi_jkl', 'abc.def-ghi_jkl'],
    ['Basic header', 'Basic dG9rZW46c2VjcmV0', 'dG9rZW46c2VjcmV0'],
    ['JWT', 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0In0.sig_nature', 'eyJzdWIiOiIxMjM0In0'],
    ['JSON pair', '{"client_secret":"hunter2hunter2"}', 'hunter2hunter2'],
    ['query pair', 'https://x/oidc?access_token=qwertyuiop&x=1', 'qwertyuiop'],
    ['ini pair', 'password = correct-horse', 'correct-horse'],
  ])('removes a %s', (_name, input, secret) => {
    const out = redactText(input);
    expect(out).not.toContain(secret);
    expect(out).toContain(REDACTED);
  });
});

describe('redact', () => {
  it('replaces values under credential-like keys and walks nested values', () => {
    const input = { host: 'https://x', token: 'anything', nested: { clientSecret: 'zzz', list: [`Bearer ${TOKEN}`] }, headers: { Authorization: 'x' } };
    const out = redact(input) as Record<string, unknown>;
    expect(out).toEqual({ host: 'https://x', token: REDACTED, nested: { clientSecret: REDACTED, list: [`Bearer ${REDACTED}`] }, headers: { Authorization: REDACTED } });
    expect(input.token).toBe('anything');
  });

  it('survives cycles', () => {
    const a: Record<string, unknown> = { name: 'a' };
    a.self = a;
    expect(redact(a)).toEqual({ name: 'a', self: '[circular]' });
  });
});

describe('redactError', () => {
  it('copies name, message and scalar fields, never the original objects', () => {
    registerSecret(TOKEN);
    const api = new ApiError(`Invalid access token ${TOKEN}`, 'PERMISSION_DENIED', 403, { headers: { Authorization: `Bearer ${TOKEN}` } }, []);
    const safe = redactError(api);
    expect(safe).toBeInstanceOf(RedactedError);
    expect(safe.originalName).toBe('Error');
    expect(safe.fields).toEqual({ errorCode: 'PERMISSION_DENIED', statusCode: 403 });
    expect(safe.message).toBe(`Invalid access token ${REDACTED}`);
    for (const r of renderings(safe)) expect(r).not.toContain(TOKEN);
  });

  it('redacts the whole cause chain and cuts cycles', () => {
    registerSecret(CUSTOM);
    const inner = new Error(`inner ${CUSTOM}`);
    const outer = new Error('outer', { cause: inner });
    (inner as { cause?: unknown }).cause = outer;
    const safe = redactError(outer);
    expect(safe.cause).toBeInstanceOf(RedactedError);
    expect((safe.cause as Error).cause).toBeUndefined();
    for (const r of renderings(safe)) expect(r).not.toContain(CUSTOM);
  });

  it('an SDK ConfigError holding the token in its config does not leak through our errors', async () => {
    const config = new Config({ host: 'https://x.cloud.databricks.com', token: TOKEN, clientId: 'a', clientSecret: 'b-secret-value', env: {} });
    const sdkError = await config.ensureResolved().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(sdkError).toBeInstanceOf(Error);
    // The raw SDK error does hold the token (that is why it is never passed on as is).
    expect((sdkError as { config: Config }).config.token).toBe(TOKEN);
    const ours = new DatabricksAuthError(`failed: ${(sdkError as Error).message} ${TOKEN}`, [{ path: 'token', message: `bad ${TOKEN}`, value: TOKEN }], sdkError);
    for (const r of renderings(ours)) expect(r).not.toContain(TOKEN);
    expect(ours.cause).toBeInstanceOf(RedactedError);
  });
});
