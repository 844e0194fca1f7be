import type { CodeInfo } from './info.js';

// Codes of the driver and command line (E0xxx).
export const driverCodes = {
  E0001: {
    name: 'no-input-file',
    title: 'the input file cannot be read',
    explanation: `ebcc could not open the source file named on the command line. Check the path and
the permissions.`,
  },
  E0002: {
    name: 'usage',
    title: 'the command line is not valid',
    explanation: `An option or argument was not understood. Run 'ebcc --help' for the accepted options.
For Makefile use, ebcc also accepts clang's -c, -target bpf, -O2, -g, -Wall and -mcpu=vN.`,
  },
} satisfies Record<string, CodeInfo>;
