import { Option } from '@commander-js/extra-typings';
import type { RegisterCommand } from './index.js';

/** `rb login --as <person>`: a signed-in person's token from the local OIDC issuer. */
export const loginCommand: RegisterCommand = (program) => {
  program
    .command('login')
    .summary('print a sign-in token for a seeded person (local OIDC issuer)')
    .description(
      'Asks the local OIDC issuer that `npm start` runs (its token endpoint, from .local/hub.json) for an access token of a seeded ' +
        'person and prints it; use it like an API key: `export RB_TOKEN=$(npm run -s rb -- login --as li-wei)` then ' +
        '`curl -H "authorization: Bearer $RB_TOKEN" …`. The token names the person only (`sub`); the hub\'s person record holds the roles. ' +
        'In AWS, people sign in with Cognito (MFA) instead.',
    )
    .requiredOption('--as <person>', 'the person to sign in as (li-wei, anna-schmidt)')
    .addOption(new Option('--token-url <url>', 'token endpoint (default: the running npm start issuer)').env('RB_OIDC_TOKEN_URL'))
    .action(async (o) => {
      const { readLocalHubFile } = await import('../../../../infra/local/hub-file.js');
      const tokenUrl = o.tokenUrl ?? (await readLocalHubFile()).oidc?.tokenUrl;
      if (!tokenUrl) throw new Error('The running hub has no OIDC issuer; restart it with `npm start`');
      const response = await fetch(tokenUrl, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ grant_type: 'password', username: o.as }) });
      const body = (await response.json()) as { access_token?: string; error_description?: string };
      if (!response.ok || !body.access_token) throw new Error(`sign-in as ${o.as} refused: ${body.error_description ?? response.status}`);
      console.log(body.access_token);
    });
};
