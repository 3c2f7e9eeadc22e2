/**
 * Compiles low-level (expanded) expressions into JavaScript closures with exactly the semantics
 * of the SQL every dialect prints: the in-process evaluator equals the engines. Dispatch is a
 * table over every IR node kind; operators and functions are in `compile-ops.ts`, buckets in
 * `compile-bucket.ts`.
 */
import { InternalError, UnsupportedError } from '../errors.js';
import type { Expr } from '../ir/types.js';
import { draw32, streamKeys } from '../random/mixer.js';
import { compileBucket } from './compile-bucket.js';
import { compileBinary, compileCall, compileUnary } from './compile-ops.js';
import type { CompileEnv, Fn, Value } from './row-context.js';

export type { CompileEnv, RowCtx, Value } from './row-context.js';

type Kind = Expr['kind'];
type Node<K extends Kind> = Extract<Expr, { kind: K }>;
type Compile<K extends Kind> = (e: Node<K>, env: CompileEnv, rec: (x: Expr) => Fn) => Fn;

const derived = (): Fn => {
  throw new UnsupportedError('the in-process evaluator does not compute derived (group/window) entities; use an engine');
};
const unexpanded = (e: Expr): Fn => {
  throw new InternalError(`unexpanded ${e.kind} node reached the evaluator`);
};

const COMPILE: { readonly [K in Kind]: Compile<K> } = {
  lit: (e) => {
    const v = e.value;
    return () => v;
  },
  key: () => (c) => c.key,
  index: () => (c) => c.index,
  col: (e, env) => {
    const s = env.ownSlot(e.name);
    return (c) => c.vals[s] as Value;
  },
  ref: (e, env) => {
    const s = env.sideSlot(e.side, e.name);
    const side = e.side;
    return (c) => (c[side] as Value[])[s] as Value;
  },
  rand: (e, env) => {
    const keys = streamKeys(env.seed, e.stream);
    return (c) => draw32(keys, c.key);
  },
  unary: (e, _env, rec) => compileUnary(e.op, rec(e.arg)),
  binary: (e, _env, rec) => compileBinary(e.op, e.left, e.right, rec(e.left), rec(e.right)),
  call: (e, _env, rec) => compileCall(e, e.args.map(rec)),
  case: (e, _env, rec) => {
    const whens = e.whens.map((w) => [rec(w.when), rec(w.then)] as const);
    const otherwise = rec(e.else);
    return (c) => {
      for (const [w, t] of whens) if (w(c) === true) return t(c);
      return otherwise(c);
    };
  },
  cast: (e, _env, rec) => {
    const a = rec(e.arg);
    const to = e.to.kind;
    if (to === 'bigint' || to === 'int')
      return (c) => {
        const v = a(c);
        return v === null ? null : typeof v === 'boolean' ? (v ? 1 : 0) : typeof v === 'string' ? Number.parseInt(v, 10) : Math.floor(v as number);
      };
    if (to === 'string')
      return (c) => {
        const v = a(c);
        return v === null ? null : String(v);
      };
    return a;
  },
  bucket: (e, _env, rec) => compileBucket(e, rec),
  pick: (e, _env, rec) => {
    const items = e.items;
    const idx = rec(e.index);
    return (c) => {
      const i = idx(c);
      if (i === null) return null;
      return (items[i as number] ?? null) as Value;
    };
  },
  array: (e, _env, rec) => {
    const items = e.items.map(rec);
    return (c) => items.map((f) => f(c));
  },
  map: (e, _env, rec) => {
    const ks = e.keys.map(rec);
    const vs = e.values.map(rec);
    return (c) => {
      const out: Record<string, Value> = {};
      ks.forEach((k, i) => {
        out[String(k(c))] = (vs[i] as Fn)(c);
      });
      return out;
    };
  },
  lookup: (e, env, rec) => {
    const k = rec(e.key);
    const get = env.lookup(e.entity, e.column);
    return (c) => {
      const key = k(c);
      return key === null ? null : get(key as number);
    };
  },
  agg: derived,
  win: derived,
  draw: unexpanded,
  pool: unexpanded,
};

/**
 * Compiles one expanded expression.
 *
 * @example
 * ```ts
 * const f = compileExpr(expanded, env); f(ctx);
 * ```
 */
export function compileExpr(e: Expr, env: CompileEnv): Fn {
  return (COMPILE[e.kind] as Compile<Kind>)(e as Node<Kind>, env, (x) => compileExpr(x, env));
}
