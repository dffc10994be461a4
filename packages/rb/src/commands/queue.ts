import { Argument } from '@commander-js/extra-typings';
import { queues } from '../../../../infra/topology.js';
import type { RegisterCommand } from './index.js';

/** `rb queue`: shows messages of a local queue without consuming them. */
export const queueCommand: RegisterCommand = (program) => {
  program
    .command('queue')
    .summary('peek at up to 10 messages of a queue of the running local stack')
    .description('Shows up to 10 messages of a queue of the stack `npm start` is running, without consuming them (they are received with a visibility timeout of 0).')
    .addArgument(new Argument('<queue>', 'queue id from the topology').choices(Object.keys(queues)))
    .option('--dlq', "the queue's dead-letter queue instead")
    .action(async (queueId, o) => {
      const [{ readLocalHubFile }, { peekQueue }] = await Promise.all([import('../../../../infra/local/hub-file.js'), import('../../../../scripts/peek-queue.js')]);
      const hub = await readLocalHubFile();
      const queueUrl = (o.dlq ? hub.resources.dlqUrls : hub.resources.queueUrls)[queueId];
      if (!queueUrl) throw new Error(`the running stack has no ${o.dlq ? 'DLQ' : 'queue'} ${queueId}; restart \`npm start\``);
      const messages = await peekQueue({ sqsEndpoint: hub.sqsEndpoint, queueUrl });
      for (const m of messages) console.log(JSON.stringify(m, null, 2));
      console.log(`${messages.length} message(s) shown from ${queueId}${o.dlq ? ' DLQ' : ''}`);
    });
};
