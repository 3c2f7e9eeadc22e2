/** Realism targets of the campaigns area (see docs/realism.md). */
import type { RealismTarget } from './types.js';

export const CAMPAIGNS_TARGETS: readonly RealismTarget[] = [];
