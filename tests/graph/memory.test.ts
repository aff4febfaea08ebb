import { createMemoryStore } from '../../server/graph/memory/memory-store.ts';
import { describeGraphStoreContract } from './contract.ts';

describeGraphStoreContract('memory', {
  create: async () => createMemoryStore(),
  destroy: (store) => store.close(),
});
