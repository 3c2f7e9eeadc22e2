/**
 * Authentication and connection-configuration errors. Messages and causes are redacted.
 */
import { SynthgraphError, type Issue } from '@synthgraph/core';
import { redactError, redactText } from './redact.js';

/**
 * The Databricks connection could not be resolved or authenticated: no host, no credentials,
 * two conflicting credential kinds, an unknown profile, an invalid warehouse id or HTTP path.
 * Code `AUTH_INVALID`; `issues` name the setting (`host`, `token`, `profile`, `httpPath`, …)
 * and how to fix it. Never contains a secret.
 *
 * @example
 * ```ts
 * try { await resolveDatabricksConfig(); }
 * catch (e) { if (e instanceof DatabricksAuthError) for (const i of e.issues) console.error(i.path, i.fix); }
 * ```
 */
export class DatabricksAuthError extends SynthgraphError {
  constructor(message: string, issues: readonly Issue[] = [], cause?: unknown) {
    super('AUTH_INVALID', redactText(message), {
      issues: issues.map((i) => ({ ...i, message: redactText(i.message), ...(typeof i.value === 'string' ? { value: redactText(i.value) } : {}) })),
      cause: cause === undefined ? undefined : redactError(cause),
    });
  }
}

/** Node's TLS verification error codes (`DEPTH_ZERO_SELF_SIGNED_CERT`, `CERT_HAS_EXPIRED`, `ERR_TLS_CERT_ALTNAME_INVALID`, …). */
const CERTIFICATE_CODE = /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|UNABLE_TO_GET_ISSUER/;

/**
 * The certificate problem behind a failed call, if its cause chain holds one: the TLS error
 * code and message (e.g. `DEPTH_ZERO_SELF_SIGNED_CERT`, `self-signed certificate`).
 *
 * @example
 * ```ts
 * const problem = certificateProblem(e); // { code: 'CERT_HAS_EXPIRED', message: 'certificate has expired' }
 * ```
 */
export function certificateProblem(error: unknown): { readonly code: string; readonly message: string } | undefined {
  for (let e: unknown = error, depth = 0; e instanceof Error && depth < 10; e = e.cause, depth++) {
    const fields = (e as { fields?: Readonly<Record<string, unknown>> }).fields;
    const code = (e as { code?: unknown }).code ?? fields?.['code'];
    if (typeof code === 'string' && CERTIFICATE_CODE.test(code)) return { code, message: e.message };
  }
  return undefined;
}

/**
 * The Databricks host's TLS certificate could not be verified (self-signed, expired, issued for
 * another name, or signed by a CA this machine does not trust), so nothing — no token — was
 * sent to it. Code `AUTH_INVALID`; the issue names `host`, the certificate problem and the fix.
 *
 * @example
 * ```ts
 * catch (e) { if (e instanceof UntrustedCertificateError) console.error(e.certificateCode, e.issues[0]?.fix); }
 * ```
 */
export class UntrustedCertificateError extends DatabricksAuthError {
  /** Node's TLS error code, e.g. `DEPTH_ZERO_SELF_SIGNED_CERT`. */
  readonly certificateCode: string;

  constructor(host: string | undefined, problem: { readonly code: string; readonly message: string }, cause?: unknown) {
    super(`The TLS certificate of ${host ?? 'the Databricks host'} is not trusted (${problem.code}: ${problem.message}); no credentials were sent.`, [
      {
        path: 'host',
        message: `its TLS certificate failed verification: ${problem.code} (${problem.message})`,
        value: host,
        fix: 'check that the host is your workspace URL; if a proxy or a private CA signs its certificate, point NODE_EXTRA_CA_CERTS at that CA certificate (PEM)',
      },
    ], cause);
    this.certificateCode = problem.code;
  }
}
