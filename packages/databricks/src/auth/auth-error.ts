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
