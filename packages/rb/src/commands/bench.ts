import type { RegisterCommand } from './index.js';

/** `rb bench`: runs the benchmarks under bench/, one process each. */
export const benchCommand: RegisterCommand = (program) => {
  program
    .command('bench')
    .summary('run the benchmarks under bench/ and summarise them')
    .description("Runs every bench/*.bench.ts whose name contains [filter], one after the other, each in its own process (so one benchmark's heap and JIT state do not colour the next), and prints a summary. Exits 1 when one fails.")
    .argument('[filter]', 'only files whose name contains this')
    .action(async (filter) => {
      const { benchFiles, runBenchmarks } = await import('../../../../bench/index.js');
      const files = benchFiles(filter);
      if (files.length === 0) throw new Error(`no bench/*.bench.ts matches '${filter ?? ''}'`);
      const failed = runBenchmarks(files).filter((r) => !r.ok);
      if (failed.length > 0) throw new Error(`${failed.length} benchmark(s) failed: ${failed.map((r) => r.file).join(', ')}`);
    });
};
