// The assembly front end without a kernel: directives, relocations, line table and diagnostics.
import { describe, expect, it } from 'vitest';
import { compileString } from '../util/compile.js';

describe('assembly files', () => {
  it('turn map loads and calls between functions into relocations', () => {
    const out = compileString('.map m hash key=4 value=4 entries=8\n.prog p socket\n r1 = map[m]\n call f\n exit\n.func f\n r0 = 0\n exit\n', {}, 'obj', 'x.s');
    expect(out.text).toBe('');
    const [p, f] = out.object!.functions;
    expect(p!.relocs).toEqual([{ insnIndex: 0, kind: 'map', symbol: 'm' }, { insnIndex: 2, kind: 'call', symbol: 'f' }]);
    expect(p!.lines.map((l) => l.insnIndex)).toEqual([0, 2, 3]);
    expect(f!.global).toBe(false);
    expect(out.object!.data.map((d) => d.name)).toEqual(['.maps', 'license']);
    expect(out.elf!.length).toBeGreaterThan(0);
  });

  it('report bad lines and directives at their place, clang-style', () => {
    const out = compileString('.map m queue key=4\n.prog p xdp\n r0 = 0\n r1 = frob\n exit\n.bogus\n', {}, 'obj', 'bad.s');
    expect(out.elf).toBeUndefined();
    expect(out.text).toBe(
      "bad.s:4:2: error: unrecognised instruction 'r1 = frob' [E7001]\n" +
        '    4 |  r1 = frob\n' +
        '      |  ^~~~~~~~~\n' +
        "bad.s:6:1: error: unknown directive '.bogus' [E7001]\n" +
        '    6 | .bogus\n' +
        '      | ^~~~~~\n',
    );
  });

  it('report an instruction outside a function and an unknown map', () => {
    const out = compileString('r0 = 0\n.prog p xdp\n r1 = map[nope]\n exit\n', {}, 'obj', 'y.s');
    expect(out.ctx.diags.list.map((d) => d.message)).toEqual([
      'an instruction outside a function: start one with .prog NAME SECTION or .func NAME',
      "no map named 'nope' (declare it with .map)",
    ]);
  });
});
