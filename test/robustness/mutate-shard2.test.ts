// The second half of the mutated samples (see mutate-lib.ts).
import { describeMutatedSamples } from './mutate-lib.js';

describeMutatedSamples(1, 2);
