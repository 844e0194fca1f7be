// The CO-RE builtins folded from the compile-time types. Expected values worked out by hand from
// the layout below and libbpf's arithmetic for field relocations (bitfields are read through
// their declared type's width, widened until every bit fits; shifts for a little-endian u64).
import { describe, expect, it } from 'vitest';
import { compileString } from '../util/compile.js';

// a: bits 0-31; b: bits 32-34 and c: bits 35-39 (both in the u32 at byte 4); d: bits 64-103
// (a u64 bitfield cannot straddle the first 8 bytes); e: bytes 13-18; f: bytes 20-21;
// in: bytes 24-39; h: bytes 40-43; size 48.
const DECLS = `
struct s { int a; unsigned int b : 3; int c : 5; unsigned long long d : 40; char e[6]; short f;
           struct { long g; } in[2]; enum { NEG = -2, POS = 7 } h; };
enum color { RED = 3, GREEN = -5 };
#define F(fld, k) __builtin_preserve_field_info(p->fld, k)
#define OFF 0
#define SIZE 1
#define EXISTS 2
#define SIGNED 3
#define LSHIFT 4
#define RSHIFT 5
`;

function check(asserts: string[]): string {
  const body = asserts.map((a, i) => `  _Static_assert(${a}, "case ${i}");`).join('\n');
  const r = compileString(`${DECLS}\nint f(struct s *p) {\n${body}\n  return 0;\n}\n`, {}, 'sema');
  return r.text;
}

describe('__builtin_preserve_field_info, _type_info and _enum_value fold to constants (but for a field\'s existence)', () => {
  it('bitfields: the load unit of the declared type, and the shifts that extract the field', () => {
    expect(check([
      'F(b, OFF) == 4', 'F(b, SIZE) == 4', 'F(b, SIGNED) == 0', 'F(b, LSHIFT) == 61', 'F(b, RSHIFT) == 61',
      'F(c, OFF) == 4', 'F(c, SIZE) == 4', 'F(c, SIGNED) == 1', 'F(c, LSHIFT) == 56', 'F(c, RSHIFT) == 59',
      'F(d, OFF) == 8', 'F(d, SIZE) == 8', 'F(d, SIGNED) == 0', 'F(d, LSHIFT) == 24', 'F(d, RSHIFT) == 24',
    ])).toBe('');
  });

  it('plain fields, arrays, nested members at constant indexes, enums, existence', () => {
    expect(check([
      'F(e, OFF) == 13', 'F(e, SIZE) == 6',
      'F(f, OFF) == 20', 'F(f, SIZE) == 2', 'F(f, SIGNED) == 1', 'F(f, LSHIFT) == 48', 'F(f, RSHIFT) == 48',
      'F(in[1].g, OFF) == 32', 'F(in[1].g, SIZE) == 8', 'F(in[0], OFF) == 24',
      'F(h, SIGNED) == 1', 'F(a, OFF) == 0',
    ])).toBe('');
  });

  it('existence is not folded: the loader asks the running kernel (a CO-RE relocation), so it is no constant expression', () => {
    const r = compileString(`${DECLS}\nint f(struct s *p) { return F(a, EXISTS) + F(in[1].g, EXISTS); }\n`, {}, 'sema');
    expect(r.text).toBe('');
    expect(check(['F(a, EXISTS) == 1'])).toMatch(/error: .*constant/);
  });

  it('type size and existence, enumerator value and existence', () => {
    expect(check([
      '__builtin_preserve_type_info(*(struct s *)0, 1) == 48', '__builtin_preserve_type_info(*(struct s *)0, 0) == 1',
      '__builtin_preserve_type_info(*(struct s *)0, 2) == 1',
      '__builtin_preserve_enum_value(*(enum color *)GREEN, 1) == -5', '__builtin_preserve_enum_value(*(enum color *)RED, 0) == 1',
    ])).toBe('');
  });

  it('__has_builtin answers 1, and a kind out of range or an argument that is no field access is an error', () => {
    const r = compileString(`${DECLS}
#if !__has_builtin(__builtin_preserve_field_info) || !__has_builtin(__builtin_preserve_type_info) || !__has_builtin(__builtin_preserve_enum_value)
#error missing
#endif
int f(struct s *p, int x) { return __builtin_preserve_field_info(p->a, 9) + __builtin_preserve_field_info(x, 0); }
`, {}, 'sema');
    expect(r.text).toContain("the last argument to '__builtin_preserve_field_info' must be a constant from 0 to 5");
    expect(r.text).toContain("the first argument to '__builtin_preserve_field_info' must be a field access");
    expect(r.text).not.toContain('missing');
  });
});
