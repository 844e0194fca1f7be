// Enums with a fixed underlying type (C23 6.7.2.2, a clang extension before C23), as
// inspektor-gadget's trace_dns writes `enum pkt_type_t : __u8 { ... }`: the enum has the type's
// size and signedness, and is complete even when only declared. `enum E : 3;` in a struct stays
// an unnamed bit-field.
import { describe, expect, it } from 'vitest';
import { compileString } from '../util/compile.js';

const HEAD = '#include <linux/bpf.h>\n';

function diagnostics(src: string): string[] {
  return compileString(HEAD + src, {}, 'sema').ctx.diags.list.map((d) => `${d.code} ${d.message}`);
}

describe('enum with an underlying type', () => {
  it('takes the size and signedness of its type', () => {
    expect(diagnostics(`
      enum small : __u8 { A, B, C = 200 };
      enum neg : signed char { M = -1 };
      enum wide : long long { W = 1 };
      enum fwd : __u16;
      enum : unsigned short { ANON = 5 } anon;
      _Static_assert(sizeof(enum small) == 1, "small");
      _Static_assert(sizeof(enum wide) == 8, "wide");
      _Static_assert(sizeof(enum fwd) == 2, "declared only");
      _Static_assert(sizeof(anon) == 2, "anonymous");
      _Static_assert((enum small)300 == 44, "unsigned 8-bit");
      _Static_assert((enum neg)255 < 0, "signed 8-bit");
    `)).toEqual([]);
  });

  it('reads `enum E : 3` in a struct as an unnamed bit-field, and a typed one before it as the base', () => {
    expect(diagnostics(`
      enum e { X, Y };
      struct s { enum e : 3; enum e k : 2; enum f : __u8 { Z } z; };
      _Static_assert(sizeof(struct s) == 4, "the bit-fields' unsigned int unit holds the 1-byte enum too (clang: 4)");
      _Static_assert(__builtin_offsetof(struct s, z) == 1, "z after the bit-fields' byte");
    `)).toEqual([]);
  });

  it('refuses a type that is not an integer', () => {
    const d = diagnostics('enum bad : float { Q };');
    expect(d.some((m) => m.startsWith('E3004') && m.includes('underlying type'))).toBe(true);
  });
});
