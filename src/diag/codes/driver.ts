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
  E0003: {
    name: 'internal-error',
    title: 'internal compiler error, please report',
    explanation: `ebcc itself failed: a stage met a case its authors did not foresee. This is never
the program's fault, even when the program is wrong, so please report it with the input that caused
it (reduced if you can) and the message. ebcc stopped where the failure happened and wrote no output.

Until it is fixed, changing the code near the construct the message names often avoids the failure.`,
  },
  E0004: {
    name: 'cannot-write-output',
    title: 'an output file cannot be written',
    explanation: `ebcc could not write an output file (the object, its source map, a dependency file or
preprocessed text): the directory does not exist or is not writable, the disk is full, or the output
path names one of the inputs. ebcc writes each output to a temporary file first and renames it when it
is complete, so a failed build leaves no partial output behind.

  ebcc -c prog.c -o prog.c          # wrong: would overwrite the source
  ebcc -c prog.c -o build/prog.o    # right (build/ must exist)`,
  },
} satisfies Record<string, CodeInfo>;
