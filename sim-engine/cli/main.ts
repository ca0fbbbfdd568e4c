/**
 * The `fleetlab` command (DESIGN.md §6). Exit codes: 0 success, 2 bad input
 * (`PATH:LINE[:COL]: message` lines on stderr, never a stack trace), 1 internal error.
 *
 * Start-up (issue 11): this module loads commander and Node built-ins only; each command's
 * action imports its machinery (schema, engine, importers, Parquet) when it runs, so `--help`
 * and the listing commands never load what `run` needs.
 */
import { Command, CommanderError, InvalidArgumentError, Option } from '@commander-js/extra-typings';
import { FLEETLAB_VERSION } from '../version.js';
import { BadInput, builtinScenarioNames, type CliIo } from './common.js';

const EXIT_BAD_INPUT = 2;

function parseIntArg(name: string, min: number) {
  return (value: string): number => {
    if (!/^-?\d+$/.test(value.trim())) throw new InvalidArgumentError(`${name} must be a whole number (got ${JSON.stringify(value)})`);
    const n = Number(value);
    // Beyond 2^53 a number is silently rounded (the scenario schema refuses such seeds too).
    if (!Number.isSafeInteger(n)) throw new InvalidArgumentError(`${name} is too large: at most ${Number.MAX_SAFE_INTEGER} (got ${value.trim()})`);
    if (n < min) throw new InvalidArgumentError(`${name} must be ≥ ${min} (got ${n})`);
    return n;
  };
}

export async function main(argv: string[], io: CliIo = { stdout: (s) => void process.stdout.write(s), stderr: (s) => void process.stderr.write(s) }): Promise<number> {
  let exitCode = 0;
  const program = new Command()
    .name('fleetlab')
    .description('Simulate GPU/TPU fleets: replay workloads against a modeled fleet and compare scaling policies on cost, utilization and downtime.')
    .version(FLEETLAB_VERSION)
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr, outputError: (s, write) => write(s) })
    .showSuggestionAfterError(true);

  program
    .command('run')
    .description(`Run every policy of a scenario and print them side by side (built-ins: ${builtinScenarioNames().join(', ') || 'default'}).`)
    .argument('[scenario]', 'scenario file (YAML or JSON) or built-in name; default: the built-in default scenario')
    .option('--out <dir>', 'write results.json, series.csv, jobs.csv and decisions.csv to this folder')
    .option('--json', 'print results.json to stdout instead of the table')
    .option('--seed <n>', 'override the scenario seed', parseIntArg('--seed', 0))
    .addOption(new Option('--policy <name>', 'run only this policy (repeatable)').argParser((v: string, prev: string[] | undefined) => [...(prev ?? []), v]))
    .option('--replications <n>', 'run each policy with N derived seeds; report means and 95% CI half-widths', parseIntArg('--replications', 1))
    .option('--strict', 'treat any trace row issue as an error (exit 2)')
    .option('--exact-percentiles-up-to <n>', 'wait percentiles exact up to N jobs, from a quantile sketch (1% relative error) above; overrides the scenario key', parseIntArg('--exact-percentiles-up-to', 0))
    .option('--force', 'run even when the pre-flight work estimate is over the limits (see limits: in the README)')
    .option('--quiet', 'no progress on stderr')
    .action(async (scenario, opts) => {
      const { runCommand } = await import('./run-command.js');
      exitCode = await runCommand(scenario, opts, io);
    });

  program
    .command('inspect')
    .description('Import a trace and summarize it: format, records, skipped and filtered rows, time span, rates, sizes.')
    .argument('<trace>', 'trace file (.gz is decompressed)')
    .option('--format <f>', 'trace format id, or auto', 'auto')
    .option('--strict', 'any row issue is an error (exit 2)')
    .option('--json', 'print a JSON summary')
    .option('--max-inflated-bytes <n>', 'gzip: the most bytes the trace may inflate to (default 16 GiB)', parseIntArg('--max-inflated-bytes', 1))
    .option('--max-inflate-ratio <r>', 'gzip: the most inflated bytes per compressed byte past the first 64 MiB (default 100)', parseIntArg('--max-inflate-ratio', 1))
    .action(async (trace, opts) => {
      const { inspectCommand } = await import('./inspect.js');
      exitCode = await inspectCommand(trace, { format: opts.format, strict: !!opts.strict, json: !!opts.json, maxInflatedBytes: opts.maxInflatedBytes, maxInflateRatio: opts.maxInflateRatio }, io);
    });

  program
    .command('catalog')
    .description('List the accelerator catalog: ids, memory, speed, prices and their sources.')
    .option('--json', 'print the catalog as JSON')
    .action(async (opts) => {
      const { catalogCommand } = await import('./catalog-command.js');
      exitCode = catalogCommand(!!opts.json, io);
    });

  program
    .command('policies')
    .description('List the schedulers, placements and autoscalers a scenario may name, with their parameters and defaults.')
    .option('--json', 'print { schedulers, placements, autoscalers }, each parameter set as JSON Schema')
    .action(async (opts) => {
      const { policiesCommand } = await import('./policies-command.js');
      exitCode = policiesCommand(!!opts.json, io);
    });

  program
    .command('schema')
    .description('Print the JSON Schema of scenario files (for editor completion and validation).')
    .action(async () => {
      const { scenarioJsonSchema } = await import('../scenario/json-schema.js');
      io.stdout(`${JSON.stringify(scenarioJsonSchema(), null, 2)}\n`);
    });

  try {
    await program.parseAsync(argv, { from: 'user' });
    return exitCode;
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help') return 0;
      // Unknown flags, missing or invalid arguments: bad input. Commander already printed the message.
      return EXIT_BAD_INPUT;
    }
    if (e instanceof BadInput) {
      io.stderr(`${e.lines.join('\n')}\n`);
      return EXIT_BAD_INPUT;
    }
    if (e instanceof Error && e.name === 'RunFailed' && e instanceof (await import('../run/index.js')).RunFailed) {
      io.stderr(`fleetlab: ${e.message}\n`);
      return EXIT_BAD_INPUT;
    }
    io.stderr(`fleetlab: internal error: ${e instanceof Error ? e.message : String(e)}\n`);
    if (process.env['FLEETLAB_DEBUG'] && e instanceof Error) io.stderr(`${e.stack}\n`);
    return 1;
  }
}
