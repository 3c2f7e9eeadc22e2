/** Realism targets of the places area (see docs/realism.md). */
import type { RealismTarget } from './types.js';

export const PLACES_TARGETS: readonly RealismTarget[] = [];
