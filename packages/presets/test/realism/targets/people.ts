/** Realism targets of the people area (see docs/realism.md). */
import type { RealismTarget } from './types.js';

export const PEOPLE_TARGETS: readonly RealismTarget[] = [];
