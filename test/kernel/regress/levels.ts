// The code generation levels regression programs run at: every -mcpu, with -O0 and -O2.
export const LEVELS = [1, 2, 3, 4].flatMap((mcpu) => [0, 2].map((optLevel) => ({ mcpu: mcpu as 1 | 2 | 3 | 4, optLevel: optLevel as 0 | 2 })));
