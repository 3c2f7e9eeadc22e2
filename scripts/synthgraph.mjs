#!/usr/bin/env node
// `pnpm synthgraph …` from the repo root: runs the CLI's bin (which builds the packages first
// when their sources changed) in the directory the command was typed in.
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
process.env.SYNTHGRAPH_COMMAND ||= 'pnpm synthgraph';
if (process.env.INIT_CWD) process.chdir(process.env.INIT_CWD);
await import(pathToFileURL(path.join(root, 'packages', 'cli', 'bin', 'synthgraph.mjs')).href);
