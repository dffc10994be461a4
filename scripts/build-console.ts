import { ensureConsoleBuild } from '../infra/local/console-build.js';

// `npm run console:build`: the CDK bundling hook and developers; skipped when the sources are unchanged.
const { built, ms } = await ensureConsoleBuild();
console.log(built ? `risk console built in ${(ms / 1000).toFixed(1)} s` : 'risk console build is current');
