#!/usr/bin/env node
// The `codenav` command: runs the TypeScript sources through tsx's loader.
import { register } from 'tsx/esm/api';

register();
await import('../server/main.ts');
