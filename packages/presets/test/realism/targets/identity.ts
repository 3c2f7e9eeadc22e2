/** Realism targets of the identity area (see docs/realism.md). */
import type { RealismTarget } from './types.js';

export const IDENTITY_TARGETS: readonly RealismTarget[] = [];
