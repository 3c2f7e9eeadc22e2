/** Realism targets of the resolution area (see docs/realism.md). */
import type { RealismTarget } from './types.js';

export const RESOLUTION_TARGETS: readonly RealismTarget[] = [];
