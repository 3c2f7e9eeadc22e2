/**
 * Renders docs/config-reference.md from a preset's config schema: every field with its path,
 * type, default, allowed values and description, taken from the zod schema's metadata through
 * the JSON Schema the preset generates from it. scripts/gen-config-reference.ts writes the file;
 * a test keeps the committed copy up to date.
 */
import { getPreset } from '@synthgraph/presets';
import { schemaFields, type JsonSchemaNode, type SchemaField } from './schema-fields.js';
import { WIZARDS } from './wizard-plan.js';

const cell = (s: string): string => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
const code = (s: string): string => (s.includes('`') ? `\`\` ${s} \`\`` : `\`${s}\``);
const isObj = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/**
 * A default value as a table cell.
 *
 * @example
 * ```ts
 * renderDefault({ path: 'x', hasDefault: true, default: 'local' } as SchemaField); // '`"local"`'
 * ```
 */
export function renderDefault(f: SchemaField): string {
  if (!f.hasDefault) return '—';
  const v = f.default;
  if (Array.isArray(v) && v.some(isObj)) {
    const names = v.map((x) => (isObj(x) && typeof x['name'] === 'string' ? code(x['name']) : '…'));
    return `${v.length} items: ${names.join(', ')}`;
  }
  if (isObj(v) && f.node.properties && Object.keys(v).length > 0 && Object.values(v).some(isObj)) return 'see the fields below';
  if (isObj(v) && Object.keys(v).length === 0) return f.node.properties ? 'see the fields below' : '`{}`';
  if (isObj(v)) {
    const entries = Object.entries(v).map(([k, x]) => `${k}: ${JSON.stringify(x)}`);
    return code(`{ ${entries.join(', ')} }`);
  }
  return code(JSON.stringify(v));
}

/** Options of {@link renderConfigReference}. */
export interface ConfigReferenceOptions {
  /** The preset (default identity-graph). */
  readonly preset?: string;
}

/**
 * The Markdown of the config reference of a preset.
 *
 * @example
 * ```ts
 * writeFileSync('docs/config-reference.md', renderConfigReference());
 * ```
 */
export function renderConfigReference(o: ConfigReferenceOptions = {}): string {
  const preset = getPreset(o.preset ?? 'identity-graph');
  const schema = preset.jsonSchema() as JsonSchemaNode;
  const plan = WIZARDS[preset.name];
  const fields = schemaFields(schema);
  const lines: string[] = [
    `# Configuration reference: the \`${preset.name}\` preset`,
    '',
    '<!-- Generated from the preset\'s zod config schema by scripts/gen-config-reference.ts; do not edit.',
    '     Regenerate: node_modules/.bin/tsx --conditions=source scripts/gen-config-reference.ts -->',
    '',
    `${preset.description}.`,
    '',
    `A config file (YAML or JSON) has up to ${preset.steps.length} sections, one per step of \`synthgraph init\`:`,
    preset.steps.map((s) => `\`${s}\``).join(', ') +
      '. Every field is optional: what you leave out takes the default below. Unknown fields are errors (with a "did you mean" fix).',
    `\`synthgraph init\` writes a complete file; \`synthgraph validate --config FILE\` checks one and prints every problem with its path, value, allowed range and fix. Editors that read \`$schema\` (JSON) or a \`# yaml-language-server: $schema=…\` line (YAML) complete and check fields against \`packages/presets/schema/${preset.name}.schema.json\`.`,
    '',
    '```yaml',
    '# yaml-language-server: $schema=./node_modules/@synthgraph/presets/schema/identity-graph.schema.json',
    'run:',
    '  seed: 42',
    'households:',
    '  num_households: 50000',
    'campaigns:',
    '  num_campaigns: 10',
    '  channels: [email, social, ctv]',
    '```',
    '',
    '**Weights.** A weight map must sum to 1 (±1e-6), or set the step\'s `normalize_weights: true` and give any',
    'non-negative numbers (percentages, counts): they are rescaled. Names left out of a fixed weight map weigh 0.',
    '',
    '**Rules between fields** (checked by `validateConfig` / `synthgraph validate`, not expressible in the JSON',
    'Schema): `min ≤ mean ≤ max` pairs, segment categories that must be configured content categories, campaign',
    'flights that must fit the engagement window, and plausibility of education and employment for the ages',
    'configured. The "allowed" column names them where they apply. Warnings (e.g. fewer than 1,000 households) never',
    'block a run.',
    '',
    'Paths: `a.b` is field `b` inside `a`; `a[].b` is field `b` of each item of the list `a`; `a.<name>` is any key of the map `a`.',
  ];
  preset.steps.forEach((step, i) => {
    const p = plan?.steps.find((x) => x.step === step);
    lines.push('', `## ${i + 1}. \`${step}\`${p ? ` — ${p.title}` : ''}`, '');
    if (p?.about) lines.push(`${p.about[0]?.toUpperCase() ?? ''}${p.about.slice(1)}.`, '');
    lines.push('| field | type | default | allowed | description |', '|---|---|---|---|---|');
    for (const f of fields.filter((x) => x.path.startsWith(`${step}.`)))
      lines.push(`| ${code(f.path)} | ${cell(f.type)} | ${cell(renderDefault(f))} | ${cell(f.allowed || '—')} | ${cell(f.description || '—')} |`);
  });
  // Groups of the schema that are no wizard step (e.g. `resolution`): set them in the file.
  const extra = Object.keys(schema.properties ?? {}).filter((g) => !(preset.steps as readonly string[]).includes(g));
  for (const group of extra) {
    lines.push('', `## \`${group}\` (set in the config file; \`synthgraph init\` does not ask it)`, '');
    lines.push('| field | type | default | allowed | description |', '|---|---|---|---|---|');
    for (const f of fields.filter((x) => x.path.startsWith(`${group}.`)))
      lines.push(`| ${code(f.path)} | ${cell(f.type)} | ${cell(renderDefault(f))} | ${cell(f.allowed || '—')} | ${cell(f.description || '—')} |`);
  }
  lines.push('');
  return lines.join('\n');
}
