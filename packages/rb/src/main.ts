/**
 * `rb`: the RiskBridge command line (`npm run rb -- <subcommand>`, or `npx rb` after `npm ci`).
 * Exit codes: 0 done, 1 failed at run time, 2 usage error. See docs/cli.md.
 */
import { run } from './program.js';

// The SDK's notice that its 2027 releases need Node 22 is not news to someone running a command.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

process.exitCode = await run(process.argv.slice(2));
