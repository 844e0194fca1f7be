// Headers that tc programs and PPPoE parsers include from the host, which ebcc ships its own of:
// <iproute2/bpf_elf.h> (tc's legacy map definition, pinning values and section names),
// <linux/ppp_defs.h> (PPP protocol numbers) and <sys/cdefs.h> (__BEGIN_DECLS and kin). The
// values are the kernel's and iproute2's ABI (checked against the system headers by
// bench/check-headers.sh); a legacy `struct bpf_elf_map` becomes a BTF-defined map.
import { expect, it } from 'vitest';
import { compileString } from '../util/compile.js';

const SRC = `#include <linux/bpf.h>
#include <iproute2/bpf_elf.h>
#include <linux/ppp_defs.h>
#include <sys/cdefs.h>
#include <bpf/bpf_helpers.h>

__BEGIN_DECLS
_Static_assert(PPP_IP == 0x21 && PPP_IPV6 == 0x57 && PPP_LCP == 0xc021 && PPP_HDRLEN == 4, "PPP numbers");
_Static_assert(sizeof(struct bpf_elf_map) == 36 && PIN_GLOBAL_NS == 2, "tc's map definition");
_Static_assert(sizeof(struct pppstat) == 44 && sizeof(struct ppp_idle) == 16, "PPP statistics ABI");
__END_DECLS

struct bpf_elf_map SEC(ELF_SECTION_MAPS) hits = {
	.type = BPF_MAP_TYPE_ARRAY,
	.size_key = sizeof(__u32),
	.size_value = sizeof(__u64),
	.max_elem = 1,
	.pinning = PIN_GLOBAL_NS,
};

SEC("tc")
int count(struct __sk_buff *skb)
{
	__u32 k = 0;
	__u64 *v = bpf_map_lookup_elem(&hits, &k);

	if (v)
		*v += PPP_PROTOCOL((__u8 *)"\\xff\\x03\\x00\\x21") == PPP_IP;
	return 0;
}

char _license[] SEC(ELF_SECTION_LICENSE) = "GPL";
`;

it('compiles a tc program with its legacy map, PPP numbers and declaration brackets', () => {
  const out = compileString(SRC);
  expect(out.text.split('\n').filter((l) => / (error|warning): /.test(l))).toEqual([]);
  expect(out.elf).toBeDefined();
  expect(out.text).toContain("legacy map 'hits' in SEC(\"maps\") is emitted as a BTF-defined map in SEC(\".maps\") (type 2, key_size 4, value_size 8, max_entries 1)");
});
