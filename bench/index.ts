/**
 * `npm run bench [analysis] [store] [api] [live]`: every part when none is named. Each part
 * prints its figures beside a baseline measured in the same run (see docs/BENCHMARKS.md).
 */
import { readFileSync } from 'node:fs';
import { benchAnalysis } from './analysis.ts';
import { benchApi, effectGraphFile } from './api.ts';
import { benchEditToEvent, benchFanOut } from './live.ts';
import { benchStore, type GraphFile } from './store.ts';

const PARTS = ['analysis', 'store', 'api', 'live'] as const;
const asked = process.argv.slice(2).filter((a) => (PARTS as readonly string[]).includes(a));
const parts = asked.length > 0 ? asked : PARTS;
const heading = (title: string) => process.stdout.write(`\n== ${title} (${new Date().toISOString()})\n`);

for (const part of parts) {
  switch (part) {
    case 'analysis':
      heading('analysis: effect 4.1.0 vs tsc --noEmit');
      await benchAnalysis();
      break;
    case 'store':
      heading("store: effect's graph into the memory store");
      await benchStore(JSON.parse(readFileSync(await effectGraphFile(), 'utf8')) as GraphFile);
      break;
    case 'api':
      heading('api: autocannon, 100 connections, vs a bare Yoga');
      await benchApi();
      break;
    case 'live':
      heading('live: edit → event on rxjs; fan-out to 1,000 subscribers');
      await benchEditToEvent();
      await benchFanOut({ label: 'in-process engine' });
      break;
  }
}
