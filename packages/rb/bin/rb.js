#!/usr/bin/env node
// The `rb` bin: registers tsx (the CLI runs from its TypeScript sources, no build step), then runs it.
import { register } from 'tsx/esm/api';

register();
await import('../src/main.ts');
