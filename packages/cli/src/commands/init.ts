import { randomInt } from 'node:crypto';
import { setMaxListeners } from 'node:events';
import { existsSync, statSync } from 'node:fs';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { checkOutputPath, InternalError, type Issue } from '@synthgraph/core';
import { EXIT, UsageError } from '../cli-error.js';
import { findSchemaReference, renderConfigFile, type ConfigFormat } from '../init/config-writer.js';
import { runWizard, type WizardPreset } from '../init/init-wizard.js';
import { clackPrompter, WizardCancelledError, type Prompter } from '../init/prompter.js';
import type { JsonSchemaNode } from '../init/schema-fields.js';
import { WIZARDS, type WizardPlan } from '../init/wizard-plan.js';
import { commandName, type CliIO } from '../io.js';
import { choiceOption, parse, throwIfIssues } from '../options.js';
import { loadPreset } from '../scenario-source.js';

/**
 * The help text of `synthgraph init`.
 *
 * @example
 * ```ts
 * process.stdout.write(INIT_HELP);
 * ```
 */
export const INIT_HELP = `Usage: synthgraph init [options]

Guided set-up of a config file: walks the preset's config steps in order (run and target,
households, demographics, engagement, audience, campaigns) with the defaults prefilled,
validates each step before moving on (an invalid value asks the step again with the problem
and its fix) and lets you go back a step. Weights keep their defaults unless you pick them.
The file references the preset's JSON Schema, so editors complete and check it.

Options:
  -o, --out FILE        file to write (default synthgraph.yaml; synthgraph.json with --format json)
  --format F            yaml (default) | json
  --preset NAME|PATH    preset to configure (default identity-graph; a path loads a
                        preset module, see docs/custom-presets.md)
  -y, --yes             ask nothing: write the preset's defaults with a fresh seed
                        (also what happens when stdin is not a terminal)
  -f, --force           overwrite FILE if it exists
  --json                ask nothing (as --yes) and print { "file", "preset", "seed",
                        "overwritten" } as JSON on stdout
  -h, --help            this help

Then: synthgraph validate --config FILE; synthgraph generate --config FILE.

Exit codes: 0 written, 1 overwrite declined (nothing written), 2 invalid input or FILE exists
without --force (nothing written), 130 cancelled (Ctrl-C; nothing written).`;

/** What `init` reads and writes besides {@link CliIO}; injectable for tests. */
export interface InitEnvironment {
  /** The terminal the questions are asked on (default process.stdin / process.stdout). */
  readonly stdin?: Readable & { readonly isTTY?: boolean };
  readonly stdout?: Writable & { readonly isTTY?: boolean };
  /** Asks the questions (default @clack/prompts on stdin/stdout); given ⇒ interactive. */
  readonly prompter?: Prompter;
  /** The seed proposed / written (default a random integer, printed). */
  readonly randomSeed?: () => number;
}

const FORMATS = ['yaml', 'json'] as const;

function stepTitles(steps: readonly string[], plan: WizardPlan | undefined): Record<string, string> {
  return Object.fromEntries(
    steps.map((s, i) => {
      const p = plan?.steps.find((x) => x.step === s);
      return [s, `Step ${i + 1} of ${steps.length} · ${p ? `${p.title} — ${p.about}` : s}`];
    }),
  );
}

async function writeAtomically(file: string, text: string): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const tmp = `${file}.tmp-${process.pid}`;
  try {
    await writeFile(tmp, text, 'utf8');
    await rename(tmp, file);
  } catch (e) {
    await rm(tmp, { force: true });
    throw e;
  }
}

/**
 * `synthgraph init`: the guided set-up that writes a config file (see {@link INIT_HELP}).
 * Never waits for input that cannot come: with `--yes`, or when stdin or stdout is not a
 * terminal, it writes the defaults at once.
 *
 * @example
 * ```ts
 * const code = await initCommand(['--yes', '--out', 'synthgraph.yaml'], processIO());
 * ```
 */
export async function initCommand(args: readonly string[], io: CliIO, env: InitEnvironment = {}): Promise<number> {
  const { values } = parse(
    args,
    {
      out: { type: 'string', short: 'o' },
      format: { type: 'string' },
      preset: { type: 'string' },
      yes: { type: 'boolean', short: 'y' },
      force: { type: 'boolean', short: 'f' },
      json: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
    'init',
  );
  if (values['help']) {
    io.stdout.write(`${INIT_HELP}\n`);
    return 0;
  }
  const issues: Issue[] = [];
  const formatOption = choiceOption(values, 'format', FORMATS, issues);
  const preset = await loadPreset(values['preset'] === undefined ? undefined : String(values['preset']), io.cwd, issues);
  const outOption = values['out'] === undefined ? undefined : String(values['out']);
  const ext = outOption === undefined ? '' : path.extname(outOption).toLowerCase();
  const format: ConfigFormat = formatOption ?? (ext === '.json' ? 'json' : 'yaml');
  if (format === 'yaml' && ext === '.json')
    issues.push({ path: '--out', message: 'a .json file is read as JSON, so it cannot hold YAML', value: outOption, fix: `use --format json, or --out ${outOption?.slice(0, -ext.length)}.yaml` });
  const outPath = path.resolve(io.cwd, outOption ?? (format === 'json' ? 'synthgraph.json' : 'synthgraph.yaml'));
  if (existsSync(outPath) && statSync(outPath).isDirectory()) issues.push({ path: '--out', message: 'is a directory', value: outOption, fix: `name a file, e.g. --out ${path.join(outOption ?? '.', 'synthgraph.yaml')}` });
  // The file's directory must take new files: read-only, immutable, under a file or in /proc is exit 2 now, not a crash later.
  else issues.push(...(await checkOutputPath(path.dirname(outPath), { field: '--out', replaceable: false })));
  throwIfIssues(issues, 'init');
  const p = preset as NonNullable<typeof preset>;
  const shown = path.relative(io.cwd, outPath) || outPath;
  const presetArg = values['preset'] === undefined ? '' : ` --preset ${String(values['preset'])}`;
  const cli = commandName(io.env);

  const stdin = env.stdin ?? process.stdin;
  const stdout = env.stdout ?? process.stdout;
  const interactive = !values['yes'] && !values['json'] && (env.prompter !== undefined || (stdin.isTTY === true && stdout.isTTY === true));
  const exists = existsSync(outPath);
  if (exists && !values['force'] && !interactive)
    throw new UsageError(`${shown} already exists; nothing written`, [{ path: '--out', message: 'the file exists', value: shown, fix: `pass --force to overwrite it, or choose another file with --out` }]);

  const seed = env.randomSeed?.() ?? randomInt(1, 2_147_483_647);
  const plan = WIZARDS[p.name];
  const schemaRef = findSchemaReference(outPath, p.name, { cwd: io.cwd, fallback: String(p.jsonSchema()['$id'] ?? `${p.name}.schema.json`) });
  const render = (config: Record<string, unknown>): string =>
    renderConfigFile(config, {
      format,
      schemaRef,
      schema: p.jsonSchema() as JsonSchemaNode,
      stepTitles: stepTitles(p.steps, plan),
      header: [`synthgraph config · preset ${p.name} · written by 'synthgraph init'`, `check it: synthgraph validate --config ${shown} · run it: synthgraph generate --config ${shown}`],
    });

  if (!interactive) {
    const r = p.validateConfig({ run: { seed } });
    if (!r.ok) throw new InternalError(`the defaults of preset ${p.name} do not validate: ${r.issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`);
    if (!values['yes'] && !values['json']) io.stderr.write('note: stdin is not a terminal, so no questions: writing the defaults (pass --yes to say so).\n');
    await writeAtomically(outPath, render(r.config as unknown as Record<string, unknown>));
    if (values['json']) {
      io.stdout.write(`${JSON.stringify({ file: shown, preset: p.name, seed, overwritten: exists }, null, 2)}\n`);
      return 0;
    }
    io.stdout.write(`wrote ${shown}: the ${p.name} defaults, seed ${seed}${exists ? ' (overwritten)' : ''}\nnext: ${cli} validate --config ${shown}${presetArg}\n      ${cli} generate --config ${shown}${presetArg}\n`);
    return 0;
  }

  const controller = new AbortController();
  // every prompt listens to the signal and clack does not remove its listener
  setMaxListeners(0, controller.signal);
  const stop = io.onInterrupt(() => controller.abort());
  const prompter = env.prompter ?? (await clackPrompter({ input: stdin, output: stdout, signal: controller.signal }));
  try {
    prompter.intro(`synthgraph init · ${p.name}`);
    if (exists && !values['force']) {
      const overwrite = await prompter.confirm({ message: `${shown} exists. Overwrite it?`, initialValue: false });
      if (!overwrite) {
        prompter.cancelled('cancelled, nothing written (pass --out to write another file)');
        return 1;
      }
    }
    prompter.info(`${p.steps.length} steps, defaults prefilled: press enter to keep a value, type to change it.\nEach step ends with: continue, ← back, or edit it again. Ctrl-C cancels without writing.`);
    const { config } = await runWizard({ preset: p as unknown as WizardPreset, plan: plan ?? { preset: p.name, steps: [] }, prompter, seed });
    await writeAtomically(outPath, render(config));
    const run = config['run'] as { seed?: number; target?: string } | undefined;
    const written = run?.seed;
    if (run?.target !== undefined && run.target !== 'local')
      prompter.info(`run.target is ${run.target}: 'synthgraph generate' still writes local files; the target names the Unity Catalog schema of a Databricks run.`);
    prompter.outro(`Wrote ${shown} (seed ${written ?? seed}).\n  Next: ${cli} validate --config ${shown}${presetArg}\n        ${cli} generate --config ${shown}${presetArg}`);
    return 0;
  } catch (e) {
    if (e instanceof WizardCancelledError || controller.signal.aborted) {
      prompter.cancelled('cancelled, nothing written');
      return EXIT.interrupted;
    }
    throw e;
  } finally {
    stop();
  }
}
