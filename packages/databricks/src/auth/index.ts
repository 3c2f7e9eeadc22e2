/**
 * Databricks authentication (the SDK's unified auth: options > environment > profile) and the
 * redaction every error and log of this package goes through.
 */
export {
  DatabricksConnection,
  resolveDatabricksConfig,
  type DatabricksConnectionOptions,
  type DatabricksConnectionSummary,
  type DatabricksAuthType,
  type SettingSource,
  type SqlConnectOptions,
} from './databricks-connection.js';
export { DatabricksAuthError, UntrustedCertificateError, certificateProblem } from './auth-error.js';
export { redact, redactText, redactError, registerSecret, RedactedError, REDACTED } from './redact.js';
