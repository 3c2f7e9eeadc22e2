import type { EngineImporter } from './engines.js';

/** The CLI's view of the process, injectable for tests. */
export interface CliIO {
  readonly stdout: { isTTY?: boolean; write(s: string): boolean };
  readonly stderr: { isTTY?: boolean; write(s: string): boolean };
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Registers a Ctrl-C handler; returns its remover. */
  onInterrupt(handler: () => void): () => void;
  /** Imports the engine packages (default: the real imports; a test injects a missing one). */
  readonly importEngine?: EngineImporter;
}

/** The real process. */
export function processIO(): CliIO {
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    cwd: process.cwd(),
    env: process.env,
    onInterrupt(handler) {
      let count = 0;
      const h = (): void => {
        count++;
        if (count > 1) process.exit(130);
        handler();
      };
      process.on('SIGINT', h);
      process.on('SIGTERM', h);
      return () => {
        process.off('SIGINT', h);
        process.off('SIGTERM', h);
      };
    },
  };
}

/**
 * How the user runs the CLI, for the commands it suggests: `pnpm synthgraph` from the
 * repository's root script, `pnpm exec synthgraph` through the workspace bin, plain
 * `synthgraph` when installed (the launchers set `SYNTHGRAPH_COMMAND`).
 *
 * @example
 * ```ts
 * commandName({ SYNTHGRAPH_COMMAND: 'pnpm synthgraph' }); // 'pnpm synthgraph'
 * commandName({}); // 'synthgraph'
 * ```
 */
export function commandName(env: Readonly<Record<string, string | undefined>>): string {
  return env['SYNTHGRAPH_COMMAND'] || 'synthgraph';
}
