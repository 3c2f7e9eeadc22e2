import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { UsageError } from './cli-error.js';

/** Largest config file read (1 MiB): a real config is a few KB. */
export const MAX_CONFIG_BYTES = 1 << 20;
/** Deepest nesting of objects and arrays in a config (a real config nests about 6 levels). */
export const MAX_CONFIG_DEPTH = 64;

const problem = (file: string, message: string, fix: string): UsageError =>
  new UsageError(`--config: ${message}: ${file}`, [{ path: '--config', message, value: file, fix }]);

const tooDeep = (file: string): UsageError => problem(file, `nests deeper than ${MAX_CONFIG_DEPTH} levels`, 'flatten the config; its steps nest only a few levels');

/** Whether `value` nests objects/arrays deeper than `limit` (iterative: any depth is safe to test). */
function nestsDeeperThan(value: unknown, limit: number): boolean {
  const stack: { v: unknown; depth: number }[] = [{ v: value, depth: 0 }];
  while (stack.length > 0) {
    const { v, depth } = stack.pop() as { v: unknown; depth: number };
    if (v === null || typeof v !== 'object') continue;
    if (depth + 1 > limit) return true;
    for (const child of Object.values(v)) stack.push({ v: child, depth: depth + 1 });
  }
  return false;
}

/**
 * Loads a JSON or YAML config file (by extension; `.json` is JSON, anything else YAML, which also
 * reads JSON). Every problem with the file — missing, a directory or other non-regular file,
 * unreadable, over {@link MAX_CONFIG_BYTES}, unparsable, nested deeper than
 * {@link MAX_CONFIG_DEPTH} — is a `UsageError` (exit 2) naming the file and the fix.
 *
 * @example
 * ```ts
 * const config = await loadConfigFile('synthgraph.yaml'); // { households: { num_households: 1000 }, ... }
 * ```
 */
export async function loadConfigFile(file: string): Promise<unknown> {
  let info;
  try {
    info = await stat(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') throw problem(file, 'file not found', "check the path, or create one with 'synthgraph init'");
    throw problem(file, `cannot read the file (${code ?? (e as Error).message})`, 'check the path and its permissions');
  }
  if (info.isDirectory()) throw problem(file, 'is a directory, not a file', 'name the config file inside it, e.g. --config DIR/synthgraph.yaml');
  if (!info.isFile()) throw problem(file, 'is not a regular file', 'save the config to a file and name that file');
  if (info.size > MAX_CONFIG_BYTES) throw problem(file, `is ${info.size} bytes, over the ${MAX_CONFIG_BYTES}-byte limit for a config file`, 'check that this is the config file; a config is a few KB');
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    throw problem(file, `cannot read the file (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`, 'check the path and its permissions');
  }
  if (Buffer.byteLength(text) > MAX_CONFIG_BYTES) throw problem(file, `is over the ${MAX_CONFIG_BYTES}-byte limit for a config file`, 'check that this is the config file; a config is a few KB');
  let data: unknown;
  try {
    data = path.extname(file).toLowerCase() === '.json' ? JSON.parse(text) : parseYaml(text);
  } catch (e) {
    // Both parsers recurse; far too deep a nesting overflows the stack (the YAML parser rewraps that).
    if (e instanceof RangeError || /maximum call stack/i.test((e as Error).message)) throw tooDeep(file);
    const message = (e as Error).message;
    throw new UsageError(`--config: cannot parse ${file}: ${message}`, [{ path: '--config', message, value: file, fix: 'fix the JSON/YAML syntax' }]);
  }
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    const message = 'the top level must be an object of config steps';
    throw new UsageError(`--config: cannot parse ${file}: ${message}`, [{ path: '--config', message, value: file, fix: 'fix the JSON/YAML syntax' }]);
  }
  if (nestsDeeperThan(data, MAX_CONFIG_DEPTH)) throw tooDeep(file);
  const { $schema: _schema, ...rest } = data as Record<string, unknown>;
  return rest;
}
