/**
 * Walks a preset's JSON Schema (generated from its zod config schema, with each field's
 * `description` and `x-allowed` metadata) into a flat list of fields: the source of the config
 * reference and of the comments in files written by `synthgraph init`.
 */

/** The subset of JSON Schema the presets emit. */
export interface JsonSchemaNode {
  readonly type?: string | readonly string[];
  readonly description?: string;
  readonly 'x-allowed'?: string;
  readonly default?: unknown;
  readonly enum?: readonly unknown[];
  readonly minimum?: number;
  readonly maximum?: number;
  readonly exclusiveMinimum?: number;
  readonly exclusiveMaximum?: number;
  readonly pattern?: string;
  readonly properties?: Readonly<Record<string, JsonSchemaNode>>;
  readonly additionalProperties?: boolean | JsonSchemaNode;
  readonly items?: JsonSchemaNode;
  readonly required?: readonly string[];
}

/** One field of a config schema. */
export interface SchemaField {
  /** Dotted path; array items are written `[]`, map entries `<name>`. */
  readonly path: string;
  readonly depth: number;
  readonly node: JsonSchemaNode;
  /** Readable type, e.g. `integer`, `"a" \| "b"`, `array of string`, `map: string → number`. */
  readonly type: string;
  readonly hasDefault: boolean;
  /** The field's default, or its entry in the parent's default. */
  readonly default: unknown;
  /** Allowed values in words. */
  readonly allowed: string;
  readonly description: string;
}

const isObj = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/**
 * A readable type of a schema node.
 *
 * @example
 * ```ts
 * typeOf({ type: 'array', items: { type: 'string', enum: ['a', 'b'] } }); // 'array of "a" | "b"'
 * ```
 */
export function typeOf(n: JsonSchemaNode): string {
  if (n.enum) return n.enum.map((v) => JSON.stringify(v)).join(' | ');
  const t = Array.isArray(n.type) ? n.type.join(' | ') : (n.type as string | undefined);
  if (t === 'array') return `array of ${n.items ? typeOf(n.items) : 'values'}`;
  if (t === 'object' && !n.properties && isObj(n.additionalProperties)) return `map: string → ${typeOf(n.additionalProperties)}`;
  return t ?? 'any';
}

/**
 * The allowed values of a node in words: its `x-allowed` metadata, else derived from the
 * bounds, enumeration or pattern.
 *
 * @example
 * ```ts
 * allowedOf({ type: 'integer', minimum: 1, maximum: 10 }); // '1 to 10'
 * ```
 */
export function allowedOf(n: JsonSchemaNode): string {
  if (n['x-allowed']) return n['x-allowed'];
  if (n.enum) return `one of ${n.enum.map((v) => JSON.stringify(v)).join(', ')}`;
  const lo = n.minimum ?? n.exclusiveMinimum;
  const hi = n.maximum ?? n.exclusiveMaximum;
  if (lo !== undefined && hi !== undefined) return `${lo} to ${hi}`;
  if (lo !== undefined) return `${n.exclusiveMinimum !== undefined ? '>' : '≥'} ${lo}`;
  if (hi !== undefined) return `${n.exclusiveMaximum !== undefined ? '<' : '≤'} ${hi}`;
  if (n.pattern) return `matches \`${n.pattern}\``;
  if (n.items) return allowedOf(n.items);
  return '';
}

/**
 * Every field of a schema, depth first, in declaration order (the root itself excluded).
 *
 * @example
 * ```ts
 * schemaFields(getPreset('identity-graph').jsonSchema() as JsonSchemaNode).map((f) => f.path);
 * // ['run', 'run.seed', 'run.target', …]
 * ```
 */
export function schemaFields(root: JsonSchemaNode): SchemaField[] {
  const out: SchemaField[] = [];
  const walk = (n: JsonSchemaNode, path: string, depth: number, inherited: { has: boolean; value: unknown }): void => {
    const has = 'default' in n || inherited.has;
    const value = 'default' in n ? n.default : inherited.value;
    if (path)
      out.push({ path, depth, node: n, type: typeOf(n), hasDefault: has, default: value, allowed: allowedOf(n), description: n.description ?? '' });
    if (n.properties)
      for (const [k, child] of Object.entries(n.properties)) {
        const fromParent = isObj(value) && k in value;
        walk(child, path ? `${path}.${k}` : k, depth + 1, { has: fromParent, value: fromParent ? value[k] : undefined });
      }
    else if (isObj(n.additionalProperties) && path) walk(n.additionalProperties, `${path}.<name>`, depth + 1, { has: false, value: undefined });
    if (n.items && n.items.properties) walk(n.items, `${path}[]`, depth + 1, { has: false, value: undefined });
  };
  walk(root, '', 0, { has: false, value: undefined });
  // an array item node itself is not a field; its properties are
  return out.filter((f) => !f.path.endsWith('[]'));
}

/**
 * The schema node at a path of keys (array indexes step into `items`, unknown map keys into
 * `additionalProperties`).
 *
 * @example
 * ```ts
 * schemaAtPath(schema, ['households', 'num_households'])?.description;
 * ```
 */
export function schemaAtPath(root: JsonSchemaNode, keys: readonly (string | number)[]): JsonSchemaNode | undefined {
  let n: JsonSchemaNode | undefined = root;
  for (const k of keys) {
    if (!n) return undefined;
    if (typeof k === 'number') n = n.items;
    else n = n.properties?.[k] ?? (isObj(n.additionalProperties) ? n.additionalProperties : undefined);
  }
  return n;
}
