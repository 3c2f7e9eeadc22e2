/** Realism targets of the events area (see docs/realism.md). */
import type { RealismTarget } from './types.js';

export const EVENTS_TARGETS: readonly RealismTarget[] = [];
