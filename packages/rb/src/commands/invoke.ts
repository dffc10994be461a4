import { findFunction, invocableFunctions, invokeLocal } from '../../../../infra/local/invoke.js';
import type { RegisterCommand } from './index.js';

/** `rb invoke`: runs one handler once against the local stack `npm start` runs. */
export const invokeCommand: RegisterCommand = (program) => {
  program
    .command('invoke')
    .summary('run one Lambda handler once on a sample event, against the running local stack')
    .description('Runs one handler once, in this process, against the stack `npm start` is running (endpoints from .local/hub.json), and prints its result as JSON.')
    .argument('<function>', 'function folder name (deliver-webhook) or topology id (deliverWebhook)')
    .argument('<event-file>', 'the Lambda event as JSON, e.g. events/deliver-webhook/delivery.json')
    .addHelpText('after', () => `\nFunctions: ${invocableFunctions().join(', ')}`)
    .action(async (name, eventFile, _o, command) => {
      const spec = findFunction(name);
      if (!spec) command.error(`unknown function '${name}'`);
      else console.log(JSON.stringify(await invokeLocal(spec, eventFile), null, 2));
    });
};
