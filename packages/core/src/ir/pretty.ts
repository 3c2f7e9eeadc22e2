import { rangeText } from '../eval/values.js';
import type { Dist, Expr, RowSource, ScenarioIR, ColumnType, Constraint, EntityIR } from './types.js';

const typeText = (t: ColumnType): string =>
  t.kind === 'decimal' ? `decimal(${t.precision},${t.scale})` : t.kind === 'array' ? `array<${typeText(t.element)}>` : t.kind === 'map' ? `map<${typeText(t.key)},${typeText(t.value)}>` : t.kind;

const distText = (d: Dist): string => {
  switch (d.kind) {
    case 'categorical':
      return `categorical(${d.values.map((v, i) => `${JSON.stringify(v)}:${d.weights[i]}`).join(', ')})`;
    case 'timestamp':
      return `timestamp(start=${new Date(d.start / 1000).toISOString().slice(0, 10)}, days=${d.days}${d.hourWeights ? ', hourly' : ''}${d.weekdayWeights ? ', weekly' : ''}${d.monthWeights ? ', monthly' : ''}${d.within ? `, within ${exprText(d.within.from)}..${exprText(d.within.to)}` : ''})`;
    default: {
      const { kind, ...rest } = d;
      return `${kind}(${Object.entries(rest).map(([k, v]) => `${k}=${JSON.stringify(v)}`).join(', ')})`;
    }
  }
};

/** Readable text of an expression. */
export function exprText(e: Expr): string {
  switch (e.kind) {
    case 'lit':
      return JSON.stringify(e.value);
    case 'key':
      return 'key()';
    case 'index':
      return 'index()';
    case 'col':
      return e.name;
    case 'ref':
      return `${e.side}.${e.name}`;
    case 'draw':
      return `${distText(e.dist)}${e.slot ? `#${e.slot}` : ''}`;
    case 'unary':
      return `${e.op}(${exprText(e.arg)})`;
    case 'binary':
      return `(${exprText(e.left)} ${e.op} ${exprText(e.right)})`;
    case 'call':
      return `${e.fn}(${e.args.map(exprText).join(', ')})`;
    case 'case':
      return `case ${e.whens.map((w) => `when ${exprText(w.when)} then ${exprText(w.then)}`).join(' ')} else ${exprText(e.else)} end`;
    case 'cast':
      return `cast(${exprText(e.arg)} as ${typeText(e.to)})`;
    case 'pool':
      return `pool ${e.pool}.${e.column}[${exprText(e.index)}]`;
    case 'bucket':
      return `steps(${exprText(e.arg)}, [${e.thresholds.length} thresholds])`;
    case 'array':
      return `[${e.items.map(exprText).join(', ')}]`;
    case 'map':
      return `{${e.keys.map((k, i) => `${exprText(k)}: ${exprText(e.values[i] as Expr)}`).join(', ')}}`;
    case 'lookup':
      return `${e.entity}[${exprText(e.key)}].${e.column}`;
    case 'agg':
      return `${e.fn}(${e.arg ? exprText(e.arg) : '*'}${e.where ? ` where ${exprText(e.where)}` : ''}${e.n ? `, ${e.n}` : ''})`;
    case 'win':
      return `${e.fn}(${e.arg ? exprText(e.arg) : ''}) over ${e.frame}`;
    case 'rand':
      return `rand#${e.stream}`;
    case 'pick':
      return `pick[${e.items.length}](${exprText(e.index)})`;
  }
}

const sourceText = (s: RowSource): string => {
  switch (s.kind) {
    case 'sequence':
      return `rows ${s.rows}${s.keyOffset ? ` from key ${s.keyOffset}` : ''}`;
    case 'children':
      return `children of ${s.parent}, count ${exprText(s.count)} (max ${s.max})`;
    case 'cross':
      return `${s.left} × ${s.right} where ${exprText(s.keep)}`;
    case 'group':
      return `group ${s.from} by ${s.by}${s.where ? ` where ${exprText(s.where)}` : ''}`;
    case 'window':
      return `window over ${s.from} partition by (${s.partitionBy.join(', ')}) order by (${s.orderBy.join(', ')})${s.where ? ` where ${exprText(s.where)}` : ''}`;
  }
};

/** For a range on a date, timestamp or decimal column, its bounds as users read them. */
function readableRange(e: EntityIR, c: Constraint): string {
  if (c.kind !== 'range') return '';
  const type = e.columns.find((x) => x.name === c.column)?.type;
  return type && ['date', 'timestamp', 'decimal'].includes(type.kind) ? `  -- ${rangeText(type, c.min, c.max)}` : '';
}

/**
 * A readable, stable text rendering of an IR (for reviews, diffs and `synthgraph plan`).
 *
 * @example
 * ```ts
 * console.log(prettyIR(ir));
 * ```
 */
export function prettyIR(ir: ScenarioIR): string {
  const lines = [`scenario ${ir.name} (ir v${ir.irVersion}, seed ${ir.seed}${ir.fakerVersion ? `, faker ${ir.fakerVersion}` : ''})`];
  for (const p of ir.pools) lines.push(`  pool ${p.name}(${p.columns.map((c) => `${c.name} ${c.type}`).join(', ')}) ${p.rows.length} rows${p.weights ? ', weighted' : ''} from ${p.source}`);
  for (const e of ir.entities) {
    lines.push(`  entity ${e.name}: ${sourceText(e.source)}${e.comment ? `  -- ${e.comment}` : ''}`);
    for (const c of e.columns) lines.push(`    ${c.output ? '' : '(hidden) '}${c.name} ${typeText(c.type)} = ${exprText(c.expr)}`);
    for (const c of e.constraints) {
      const { kind, ...rest } = c;
      lines.push(`    check ${kind} ${kind === 'rule' ? (c as { name: string }).name : JSON.stringify(rest)}${readableRange(e, c)}`);
    }
  }
  return lines.join('\n');
}
