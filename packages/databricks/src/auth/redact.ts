/**
 * Redaction of credentials. Every message, log line and error `cause` that leaves this package
 * goes through {@link redact}: known secrets (registered when a connection is resolved) and
 * anything that looks like a credential (Databricks tokens, OAuth secrets, JWTs, `Bearer …` /
 * `Basic …` headers, `token=`/`"client_secret":` pairs) are replaced by `[REDACTED]`.
 *
 * Errors are never passed through as they are: an SDK or driver error may hold the whole
 * client configuration (the SDK's `ConfigError.config` holds the token) or the HTTP request
 * with its `Authorization` header. {@link redactError} builds a fresh {@link RedactedError}
 * that copies only the name, the message, the stack and a few scalar diagnostic fields, all
 * redacted, and redacts its `cause` chain the same way.
 */

/**
 * What replaces a secret.
 *
 * @example
 * ```ts
 * redactText('Bearer abc.def') === `Bearer ${REDACTED}`; // true
 * ```
 */
export const REDACTED = '[REDACTED]';

/** Shortest string registered as a secret (shorter strings would redact ordinary words). */
const MIN_SECRET_LENGTH = 6;

const registered = new Set<string>();

/**
 * Registers a secret (a token, a client secret, a password) so that every later
 * {@link redact} call removes it, in its plain and URL-encoded forms. Connection resolution
 * registers the credentials it finds; call this for any other secret you hand to synthgraph.
 *
 * @example
 * ```ts
 * registerSecret(process.env.MY_VAULT_TOKEN);
 * redact(`token is ${process.env.MY_VAULT_TOKEN}`); // 'token is [REDACTED]'
 * ```
 */
export function registerSecret(secret: string | undefined | null): void {
  if (typeof secret !== 'string' || secret.length < MIN_SECRET_LENGTH) return;
  registered.add(secret);
  const encoded = encodeURIComponent(secret);
  if (encoded !== secret) registered.add(encoded);
  registered.add(Buffer.from(`token:${secret}`).toString('base64'));
}

/** Patterns that look like credentials whatever their origin. */
const PATTERNS: ReadonlyArray<readonly [RegExp, string]> = [
  // Authorization headers.
  [/\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]{4,}/gi, `$1 ${REDACTED}`],
  // Databricks personal access tokens and OAuth client secrets.
  [/\bdapi[0-9a-f]{32}(?:-\d+)?\b/gi, REDACTED],
  [/\bdose[0-9a-f]{32,}\b/gi, REDACTED],
  // JWTs (OAuth access tokens).
  [/\beyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*/g, REDACTED],
  // key=value, key: value and "key": "value" pairs with a credential-like key.
  [
    /((?:["']?)(?:access_token|refresh_token|id_token|client_secret|clientSecret|oauthClientSecret|password|token|secret|authorization)(?:["']?)\s*[:=]\s*["']?)([^"'\s,&;}]{4,})/gi,
    `$1${REDACTED}`,
  ],
];

/**
 * Redacts a string: registered secrets, the extra `secrets` given here, and credential-like
 * patterns.
 *
 * @example
 * ```ts
 * redactText('Authorization: Bearer abc.def.ghi'); // 'Authorization: Bearer [REDACTED]'
 * ```
 */
export function redactText(text: string, secrets: Iterable<string> = []): string {
  let out = text;
  const all = [...registered, ...[...secrets].filter((s) => typeof s === 'string' && s.length >= MIN_SECRET_LENGTH)];
  // Longest first, so that a secret containing another one is removed whole.
  all.sort((a, b) => b.length - a.length);
  for (const s of all) if (out.includes(s)) out = out.split(s).join(REDACTED);
  for (const [re, replacement] of PATTERNS) out = out.replace(re, replacement);
  return out;
}

/** Object keys whose values are always replaced, whatever they hold. */
const SENSITIVE_KEY = /token|secret|password|authorization|credential|api[-_]?key|cookie/i;

/** Scalar diagnostic fields copied from an error onto its {@link RedactedError}. */
const COPIED_FIELDS = ['code', 'errorCode', 'statusCode', 'status', 'sqlState', 'type', 'errno'] as const;

/**
 * A redacted copy of an error: the original's name, message, stack and scalar diagnostic fields
 * (`code`, `errorCode`, `statusCode`, `sqlState`, …), redacted, with a redacted `cause` chain.
 * It never references the original error.
 *
 * @example
 * ```ts
 * const safe = redactError(sdkError);
 * console.error(safe.originalName, safe.message, safe.fields.statusCode);
 * ```
 */
export class RedactedError extends Error {
  /** The original error's `name` (e.g. `ApiError`). */
  readonly originalName: string;
  /** Scalar diagnostic fields of the original error, redacted. */
  readonly fields: Readonly<Record<string, string | number | boolean>>;

  constructor(originalName: string, message: string, stack: string | undefined, fields: Readonly<Record<string, string | number | boolean>>, cause?: RedactedError) {
    super(message, cause === undefined ? undefined : { cause });
    this.name = originalName;
    this.originalName = originalName;
    this.fields = fields;
    this.stack = stack;
  }
}

/**
 * Builds a {@link RedactedError} from anything thrown. Cycles and chains deeper than 8 causes
 * are cut.
 *
 * @example
 * ```ts
 * try { await client.currentUser.me(); }
 * catch (e) { throw new SynthgraphError('ENGINE_FAILED', 'lookup failed', { cause: redactError(e) }); }
 * ```
 */
export function redactError(error: unknown, secrets: Iterable<string> = []): RedactedError {
  const list = [...secrets];
  const seen = new Set<unknown>();
  const build = (e: unknown, depth: number): RedactedError => {
    seen.add(e);
    if (!(e instanceof Error) && !(typeof e === 'object' && e !== null && 'message' in e)) {
      return new RedactedError('Error', redactText(safeString(e), list), undefined, {});
    }
    const rec = e as unknown as Record<string, unknown>;
    const name = typeof rec.name === 'string' ? rec.name : 'Error';
    const message = typeof rec.message === 'string' ? rec.message : safeString(rec.message);
    const stack = typeof rec.stack === 'string' ? redactText(rec.stack, list) : undefined;
    const fields: Record<string, string | number | boolean> = {};
    for (const f of COPIED_FIELDS) {
      const v = rec[f];
      if (typeof v === 'string') fields[f] = redactText(v, list);
      else if (typeof v === 'number' || typeof v === 'boolean') fields[f] = v;
    }
    const cause = rec.cause;
    const redactedCause = cause !== undefined && depth < 8 && !seen.has(cause) ? build(cause, depth + 1) : undefined;
    return new RedactedError(name, redactText(message, list), stack, fields, redactedCause);
  };
  return build(error, 0);
}

/**
 * Redacts any value for a log line or an error: strings with {@link redactText}, errors with
 * {@link redactError}, arrays and plain objects deeply (values under credential-like keys such
 * as `token`, `clientSecret` or `authorization` are replaced whole). The input is not modified.
 *
 * @example
 * ```ts
 * console.log(redact({ host, token: 'dapi0123…' })); // { host: 'https://…', token: '[REDACTED]' }
 * ```
 */
export function redact(value: string, secrets?: Iterable<string>): string;
export function redact(value: Error, secrets?: Iterable<string>): RedactedError;
export function redact(value: unknown, secrets?: Iterable<string>): unknown;
export function redact(value: unknown, secrets: Iterable<string> = []): unknown {
  const list = [...secrets];
  const seen = new WeakSet<object>();
  const walk = (v: unknown, depth: number): unknown => {
    if (typeof v === 'string') return redactText(v, list);
    if (v instanceof Error) return redactError(v, list);
    if (v === null || typeof v !== 'object') return typeof v === 'function' ? '[function]' : v;
    if (seen.has(v)) return '[circular]';
    if (depth > 16) return '[too deep]';
    seen.add(v);
    if (Array.isArray(v)) return v.map((x) => walk(x, depth + 1));
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) out[k] = SENSITIVE_KEY.test(k) && x !== undefined && x !== null ? REDACTED : walk(x, depth + 1);
    return out;
  };
  return walk(value, 0);
}

function safeString(v: unknown): string {
  if (typeof v === 'string') return v;
  try {
    return JSON.stringify(v) ?? String(v);
  } catch {
    return String(v);
  }
}
