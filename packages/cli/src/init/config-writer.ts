/**
 * Renders a configuration as the file `synthgraph init` writes: YAML with a
 * `# yaml-language-server: $schema=…` line and each field's description as a comment, or JSON
 * with a `$schema` key (config files ignore `$schema` when loaded).
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { Document, isMap, isScalar, type YAMLMap } from 'yaml';
import { schemaAtPath, type JsonSchemaNode } from './schema-fields.js';

/** The formats `init` writes. */
export type ConfigFormat = 'yaml' | 'json';

/** Options of {@link renderConfigFile}. */
export interface RenderConfigOptions {
  readonly format: ConfigFormat;
  /** Where the preset's JSON Schema is (a path relative to the file, or a URL). */
  readonly schemaRef: string;
  /** The preset's JSON Schema: field descriptions become YAML comments. */
  readonly schema?: JsonSchemaNode;
  /** A title per top-level key (config step), written above it in YAML. */
  readonly stepTitles?: Readonly<Record<string, string>>;
  /** Comment lines at the top of a YAML file. */
  readonly header?: readonly string[];
}

function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines;
}

const comment = (text: string, width: number): string =>
  wrap(text, width)
    .map((l) => ` ${l}`)
    .join('\n');

function annotate(map: YAMLMap, schema: JsonSchemaNode, keys: readonly string[], depth: number): void {
  for (const pair of map.items) {
    if (!isScalar(pair.key)) continue;
    const k = String(pair.key.value);
    const node = schemaAtPath(schema, [...keys, k]);
    if (node?.description && (depth === 1 || 'default' in node)) {
      const allowed = node['x-allowed'] ? ` · allowed: ${node['x-allowed']}` : '';
      pair.key.commentBefore = comment(`${node.description}${allowed}`, 96 - 2 * depth);
    }
    if (isMap(pair.value) && node?.properties) annotate(pair.value, schema, [...keys, k], depth + 1);
  }
}

/**
 * The text of a config file.
 *
 * @example
 * ```ts
 * const text = renderConfigFile({ households: { num_households: 5000 } }, { format: 'yaml', schemaRef: './identity-graph.schema.json' });
 * // "# yaml-language-server: $schema=./identity-graph.schema.json\n\nhouseholds:\n  num_households: 5000\n"
 * ```
 */
export function renderConfigFile(config: Readonly<Record<string, unknown>>, o: RenderConfigOptions): string {
  if (o.format === 'json') return `${JSON.stringify({ $schema: o.schemaRef, ...config }, null, 2)}\n`;
  const doc = new Document(config);
  doc.commentBefore = [` yaml-language-server: $schema=${o.schemaRef}`, ...(o.header ?? []).map((l) => ` ${l}`)].join('\n');
  const root = doc.contents;
  if (isMap(root))
    root.items.forEach((pair, i) => {
      if (!isScalar(pair.key)) return;
      const k = String(pair.key.value);
      if (i > 0) pair.key.spaceBefore = true;
      const title = o.stepTitles?.[k];
      if (title) pair.key.commentBefore = comment(title, 96);
      if (o.schema && isMap(pair.value)) annotate(pair.value, o.schema, [k], 1);
    });
  return doc.toString({ lineWidth: 0 });
}

const posix = (p: string): string => p.split(path.sep).join('/');

/**
 * Where a config file at `outFile` should point its `$schema`: the preset's schema file
 * (`schema/<preset>.schema.json` of @synthgraph/presets) as a path relative to the file — found
 * in a synthgraph checkout (`packages/presets`) or a `node_modules` above the file, or resolved
 * from `cwd` — else `fallback` (the schema's `$id`).
 *
 * @example
 * ```ts
 * findSchemaReference('/repo/synthgraph.yaml', 'identity-graph', { cwd: '/repo', fallback: 'https://synthgraph.dev/schema/identity-graph.schema.json' });
 * // './packages/presets/schema/identity-graph.schema.json' inside a synthgraph checkout
 * ```
 */
export function findSchemaReference(outFile: string, preset: string, o: { readonly cwd: string; readonly fallback: string }): string {
  const rel = path.join('schema', `${preset}.schema.json`);
  const from = path.dirname(path.resolve(o.cwd, outFile));
  const relative = (target: string): string => {
    const r = posix(path.relative(from, target));
    return r.startsWith('.') ? r : `./${r}`;
  };
  for (let dir = from; ; dir = path.dirname(dir)) {
    for (const candidate of [path.join(dir, 'packages', 'presets', rel), path.join(dir, 'node_modules', '@synthgraph', 'presets', rel)]) if (existsSync(candidate)) return relative(candidate);
    if (path.dirname(dir) === dir) break;
  }
  try {
    const pkg = createRequire(path.join(path.resolve(o.cwd), 'package.json')).resolve('@synthgraph/presets/package.json');
    const candidate = path.join(path.dirname(pkg), rel);
    if (existsSync(candidate)) return relative(candidate);
  } catch {
    // not installed where the user runs init: fall back to the schema's $id
  }
  return o.fallback;
}
