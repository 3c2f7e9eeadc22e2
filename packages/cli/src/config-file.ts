import { readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { UsageError } from './cli-error.js';

/** Loads a JSON or YAML config file (by extension; `.json` is JSON, anything else YAML, which also reads JSON). */
export async function loadConfigFile(file: string): Promise<unknown> {
  if (!existsSync(file)) throw new UsageError(`--config: file not found: ${file}`, [{ path: '--config', message: 'file not found', value: file, fix: "check the path, or create one with 'synthgraph init'" }]);
  const text = await readFile(file, 'utf8');
  try {
    const data: unknown = path.extname(file).toLowerCase() === '.json' ? JSON.parse(text) : parseYaml(text);
    if (data === null || typeof data !== 'object' || Array.isArray(data)) throw new Error('the top level must be an object of config steps');
    const { $schema: _schema, ...rest } = data as Record<string, unknown>;
    return rest;
  } catch (e) {
    throw new UsageError(`--config: cannot parse ${file}: ${(e as Error).message}`, [{ path: '--config', message: (e as Error).message, value: file, fix: 'fix the JSON/YAML syntax' }]);
  }
}
