#!/usr/bin/env node
// The `codenav` command: runs the TypeScript sources through tsx's loader.
import { register } from 'tsx/esm/api';

// graphql-js runs extra checks on every value unless in production: they halve request throughput.
process.env.NODE_ENV ??= 'production';

register();
await import('../server/main.ts');
