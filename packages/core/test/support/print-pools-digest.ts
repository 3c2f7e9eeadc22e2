/** Prints `{"seed":…,"digest":"…"}` for the seed given as the first argument. */
import { poolsDigest } from './pools-digest.js';

const seed = Number(process.argv[2] ?? '42');
process.stdout.write(`${JSON.stringify({ seed, digest: poolsDigest(seed) })}\n`);
