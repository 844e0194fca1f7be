// When a CLI process switches V8's optimising compiler (TurboFan) on. Every start sets --no-opt
// (bin/ebcc.js, and the startup snapshot's flags): most compiles are over before optimised code
// would pay for itself. These switch it on for the ones that last.
import v8 from 'node:v8';

/**
 * bin/ebcc.js switches V8's optimising compiler (TurboFan) off: a compile of a few hundred lines
 * lasts a fraction of a second, and optimising costs more than it saves. A compile whose sources
 * are large (a program that includes vmlinux.h) spends seconds in the lexer, the parser and sema,
 * and pays for it many times over: with vmlinux.h, 3.0 s of CPU fall to ~1.6 s.
 */
export function enableOptimizingCompiler(): void {
  v8.setFlagsFromString('--opt');
}

/**
 * How long a process runs before TurboFan is switched on (optimizerSwitch). Every start sets a
 * high tier-up budget (--interrupt-budget=1000000, 15x V8's), so that once TurboFan is on it
 * optimises only the few functions that run most: the verifier's and the optimiser's inner loops.
 * With TurboFan on from the start and V8's own budget, ~900 functions of katran's balancer were
 * optimised and it gained nothing (1,086 -> 1,100 ms), and test_l4lb lost (179 -> 245 ms). Measured over 10
 * real programs of 160 ms to 1.3 s, 5 alternating runs: switched on after 40, 70, 100 or 150 ms
 * the geometric mean is 0.85x the time without (pping 1,250 -> 690 ms, balancer 970 -> 655 ms,
 * test_xdp_noinline 420 -> 370 ms), test_l4lb 0.98-1.01x; with a budget of 400,000 or 2,500,000
 * as well.
 */
const OPTIMIZE_AFTER_MS = 100;

/**
 * A CompileContext.heartbeat (verify: VerifyOptions.heartbeat) that switches TurboFan on once the
 * process has run for OPTIMIZE_AFTER_MS: a compile that lasts that long has enough left to pay for it.
 */
export function optimizerSwitch(): () => void {
  let on = false;
  return () => {
    if (on || process.uptime() * 1000 < OPTIMIZE_AFTER_MS) return;
    on = true;
    enableOptimizingCompiler();
  };
}
