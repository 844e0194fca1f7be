// What __has_builtin and __has_attribute answer 1 for: the builtins and
// attributes ebcc implements. Later stages read the same lists, so the
// preprocessor never promises something sema does not accept.

export const SUPPORTED_BUILTINS: ReadonlySet<string> = new Set([
  '__builtin_memcpy',
  '__builtin_memset',
  '__builtin_memcmp',
  '__builtin_bcmp',
  '__builtin_memmove',
  '__builtin_bswap16',
  '__builtin_bswap32',
  '__builtin_bswap64',
  '__builtin_expect',
  '__builtin_constant_p',
  '__builtin_offsetof',
  '__builtin_types_compatible_p',
  '__builtin_choose_expr',
  '__builtin_preserve_access_index',
  '__builtin_preserve_field_info',
  '__builtin_preserve_type_info',
  '__builtin_preserve_enum_value',
  '__builtin_btf_type_id',
  '__builtin_unreachable',
  '__sync_fetch_and_add',
  '__sync_fetch_and_sub',
  '__sync_fetch_and_or',
  '__sync_fetch_and_and',
  '__sync_fetch_and_xor',
  '__sync_val_compare_and_swap',
  '__sync_lock_test_and_set',
  '__atomic_fetch_add',
  '__atomic_fetch_sub',
  '__atomic_fetch_or',
  '__atomic_fetch_and',
  '__atomic_fetch_xor',
  '__atomic_exchange_n',
  '__atomic_compare_exchange_n',
  '__atomic_load_n',
  '__atomic_store_n',
]);

/** Attribute names, without the __x__ underscores (__has_attribute(__packed__) also finds packed). */
export const SUPPORTED_ATTRIBUTES: ReadonlySet<string> = new Set([
  'section',
  'always_inline',
  'noinline',
  'naked',
  'packed',
  'aligned',
  'unused',
  'maybe_unused',
  'used',
  'weak',
  'noreturn',
  'const',
  'pure',
  'format',
  'deprecated',
  'preserve_access_index',
  'btf_decl_tag',
  'btf_type_tag',
  'warn_unused_result',
  'fallthrough',
]);

/** __has_feature and __has_extension: ebcc claims no clang language features. */
export const SUPPORTED_FEATURES: ReadonlySet<string> = new Set();

/** The attribute name without surrounding double underscores: __packed__ -> packed. */
export function normalizeAttributeName(name: string): string {
  return name.length > 4 && name.startsWith('__') && name.endsWith('__') ? name.slice(2, -2) : name;
}
