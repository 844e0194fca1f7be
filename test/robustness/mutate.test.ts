// Robustness: mutated samples must end in diagnostics or success (the contract of
// contract.ts), and quickly. Mutations are seeded (mulberry32), so a failure names its case
// and reproduces. The first half of the samples; mutate-shard2.test.ts runs the second.
import { describeMutatedSamples } from './mutate-lib.js';

describeMutatedSamples(0, 2);
