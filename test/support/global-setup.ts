import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { startEmulators } from '../../infra/local/emulators.js';
import { contractCoverage } from './contract.js';

declare module 'vitest' {
  export interface ProvidedContext {
    dynamoEndpoint: string;
    sqsEndpoint: string;
    /** Where e2e workers record the (operation, status) pairs they saw (contract coverage). */
    contractDir: string;
  }
}

/**
 * Starts DynamoDB Local and fauxqs once for all integration and e2e test files. After the e2e
 * files, it reports the contract coverage: which declared (route, status) pairs the suite saw;
 * with RB_CONTRACT_COVERAGE=enforce (npm test) an unseen pair without a recorded reason, or more
 * than 10 % of pairs unexercised, fails the run.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  // On a loaded machine (CI beside other jobs) the JVM start alone can outlast 30 s; a crash still ends the wait at once.
  const emulators = await startEmulators({ startTimeoutMs: 180_000 });
  const contractDir = mkdtempSync(join(tmpdir(), 'rb-contract-'));
  project.provide('dynamoEndpoint', emulators.dynamoEndpoint);
  project.provide('sqsEndpoint', emulators.sqsEndpoint);
  project.provide('contractDir', contractDir);
  return async () => {
    await emulators.stop();
    try {
      if (project.name === 'e2e') {
        const coverage = contractCoverage(contractDir);
        console.log(coverage.summary);
        if (process.env['RB_CONTRACT_COVERAGE'] === 'enforce' && coverage.failures.length > 0) {
          // Vitest prints an error thrown here ("error during close") but still exits 0: fail the run itself.
          process.exitCode = 1;
          console.error(`Contract coverage failed (${coverage.failures.length}):\n  ${coverage.failures.join('\n  ')}`);
        }
      }
    } finally {
      rmSync(contractDir, { recursive: true, force: true });
    }
  };
}
