/** Writes schema/schema.graphql from the Pothos schema (`npm run codegen`). */
import { writeFileSync } from 'node:fs';
import { printSortedSchema } from './index.ts';

const target = new URL('./schema.graphql', import.meta.url);
writeFileSync(target, `${printSortedSchema()}\n`);
process.stdout.write(`wrote ${target.pathname}\n`);
