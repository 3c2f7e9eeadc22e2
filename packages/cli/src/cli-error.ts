import { SynthgraphError, type Issue } from '@synthgraph/core';

/** Exit codes of the CLI. Stable: users script against them. */
export const EXIT = { ok: 0, failure: 1, invalid: 2, privileges: 3, interrupted: 130 } as const;

/** Invalid command-line input (exit 2). */
export class UsageError extends SynthgraphError {
  constructor(message: string, issues: readonly Issue[] = []) {
    super('INPUT_INVALID', message, { issues });
  }
}

/** Maps an error to its exit code. */
export function exitCodeOf(e: unknown): number {
  if (e instanceof SynthgraphError) {
    switch (e.code) {
      case 'CONFIG_INVALID':
      case 'INPUT_INVALID':
      case 'SPEC_INVALID':
      case 'IR_INVALID':
      case 'AUTH_INVALID':
      case 'ENGINE_MISSING': // an optional engine package is not installed; the message names the install command
        return EXIT.invalid;
      case 'MISSING_PRIVILEGES':
        return EXIT.privileges;
      // The CLI cancels a run only on Ctrl-C (or SIGTERM): the shell's 128 + SIGINT.
      case 'CANCELLED':
        return EXIT.interrupted;
      default:
        return EXIT.failure;
    }
  }
  return EXIT.failure;
}
