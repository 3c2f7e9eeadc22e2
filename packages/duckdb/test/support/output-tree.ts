/**
 * Test support for the commit-protocol tests: byte snapshots of an output directory and the
 * entries synthgraph leaves beside it.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Manifest } from '@synthgraph/core';

/** Every file under `dir` (relative path → sha256 of its bytes), sorted. */
export async function snapshot(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  const walk = async (at: string): Promise<void> => {
    for (const e of (await readdir(at, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name))) {
      const p = path.join(at, e.name);
      if (e.isDirectory()) await walk(p);
      else out[path.relative(dir, p)] = createHash('sha256').update(await readFile(p)).digest('hex');
    }
  };
  await walk(dir);
  return out;
}

/** Entries beside `out` (in its parent) and hidden entries inside it that synthgraph created. */
export async function leftovers(out: string): Promise<string[]> {
  const base = path.basename(out);
  const beside = (await readdir(path.dirname(out))).filter((n) => n.startsWith(`${base}.synthgraph-`));
  const inside = existsSync(out) ? (await readdir(out)).filter((n) => n.startsWith('.')) : [];
  return [...beside, ...inside.map((n) => `${base}/${n}`)];
}

/** The manifest of `out`. */
export async function readManifest(out: string): Promise<Manifest> {
  return JSON.parse(await readFile(path.join(out, 'manifest.json'), 'utf8')) as Manifest;
}

/** Per table: the content hash of the manifest, for comparing outputs. */
export const tableHashes = (m: Manifest): Record<string, string> => Object.fromEntries(Object.entries(m.tables).map(([t, r]) => [t, r.canonicalHash]));

/**
 * Whether `out` is a complete output: a manifest whose listed files all exist, no other data
 * files a glob reader would see, and tables whose hashes are one of `expected`.
 */
export async function completeAs(out: string, expected: readonly Record<string, string>[]): Promise<number> {
  const m = await readManifest(out);
  const listed = new Set(Object.values(m.tables).flatMap((t) => t.files));
  for (const f of listed) if (!existsSync(path.join(out, f))) throw new Error(`${out}: ${f} is listed but missing`);
  for (const t of Object.keys(m.tables)) {
    const visible = existsSync(path.join(out, t)) ? (await readdir(path.join(out, t))).map((f) => `${t}/${f}`) : [];
    for (const f of visible) if (!listed.has(f)) throw new Error(`${out}: ${f} is visible to glob readers but not listed`);
  }
  const i = expected.findIndex((h) => JSON.stringify(h) === JSON.stringify(tableHashes(m)));
  if (i < 0) throw new Error(`${out}: the tables match neither the old nor the new output`);
  return i;
}
