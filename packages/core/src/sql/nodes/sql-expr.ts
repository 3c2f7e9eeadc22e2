/** The closed union of SQL expression nodes, one family per file in this folder. */
import type { AggregateNode } from './aggregate.js';
import type { CollectionNode } from './collection.js';
import type { ConvertNode } from './convert.js';
import type { GeneratorNode } from './generator.js';
import type { ScalarNode } from './scalar.js';

/** An expression of the SQL tree. It holds no IR node: IR expressions become SQL through `lowerExpr`. */
export type SqlExpr = ScalarNode | CollectionNode | ConvertNode | AggregateNode | GeneratorNode;

/** The kind names of {@link SqlExpr}. */
export type SqlKind = SqlExpr['kind'];

/** The node of one kind. */
export type SqlNode<K extends SqlKind> = Extract<SqlExpr, { kind: K }>;
